import { readConfig } from "../config.js";
import { openDatabase, type Db } from "../storage/database.js";
import {
  delegationAdd, delegationList, userAdd, userList, userResetPassword, userRole, userSetDisabled,
} from "./accountCommands.js";
import { CliError, type CliCommand } from "./cliError.js";
import {
  documentCheck, documentCreate, documentDescribe, documentExport, documentImport, documentList, documentPublish,
} from "./documentCommands.js";

const USAGE = `Usage: npm run admin -- <command> [options]

Delegations
  delegation add --name NAME --group GROUP   GROUP: governments, private_sector, civil_society,
                                             academia_technical, international_organizations
  delegation list
Accounts
  user add --email E --name N --role ROLE [--delegation NAME] [--language LANG]
                                             ROLE: secretariat, facilitator, delegate, observer;
                                             LANG: ar, zh, en, fr, ru, es (the account's interface);
                                             prints a one-time link that sets the password and
                                             the message to send with it, in the account's language
  user list
  user role EMAIL ROLE [--delegation NAME]
  user disable EMAIL | user enable EMAIL
  user reset-password EMAIL                  prints a new one-time link
Documents
  document list
  document create --title T --style declaration|resolution --language ar|zh|en|fr|ru|es
  document import FILE [--title T] [--language ar|zh|en|fr|ru|es]
                                             a plain-text (UTF-8) or Word (.docx) file: resolution or
                                             declaration style; the document is a draft until published
  document publish ID                        a draft becomes readable by every participant
  document describe ID [--title T] [--symbol S] [--date YYYY-MM-DD] [--place P] [--language L]
                                             what the exports print in their header ("" clears a field);
                                             the language only while the document is a draft
  document check ID                          verifies the stored document (state, update log, updates set
                                             aside, content) without changing it; exit 1 if anything is wrong
  document export ID --variant agreed|negotiation|comments --format docx|pdf|html|md [--revision N]
                  [--open stop|mark] [--compilation] [--out FILE]
                                             the agreed text, the negotiation text or the comments compilation,
                                             of the text now or an issued revision; to FILE or standard output

Environment: DATA_DIR (default ./data) selects the database, as for npm start;
PUBLIC_URL is used in the links printed.
Exit codes: 0 done, 1 refused or failed, 2 wrong usage.`;

const COMMANDS: Record<string, CliCommand> = {
  "delegation add": delegationAdd,
  "delegation list": delegationList,
  "user add": userAdd,
  "user list": userList,
  "user role": userRole,
  "user disable": userSetDisabled(true),
  "user enable": userSetDisabled(false),
  "user reset-password": userResetPassword,
  "document list": documentList,
  "document create": documentCreate,
  "document import": documentImport,
  "document publish": documentPublish,
  "document describe": documentDescribe,
  "document check": documentCheck,
  "document export": documentExport,
};

/** Runs one admin command; returns the process exit code. */
export async function runAdmin(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [area, command, ...rest] = argv;
  if (!area) {
    console.error(USAGE);
    return 2;
  }
  // `--help` anywhere (`user add --help`) shows the usage instead of running anything.
  if (area === "help" || argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const run = COMMANDS[`${area} ${command ?? ""}`];
  if (!run) {
    console.error(`Unknown command: ${[area, command].filter(Boolean).join(" ")}\n\n${USAGE}`);
    return 2;
  }
  let db: Db | null = null;
  try {
    db = openDatabase(readConfig(env).dataDir);
    await run(db, rest, env);
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    if (err instanceof CliError) return err.exitCode;
    return String((err as { code?: string }).code).startsWith("ERR_PARSE_ARGS") ? 2 : 1;
  } finally {
    db?.close();
  }
}

process.exitCode = await runAdmin(process.argv.slice(2), process.env);
