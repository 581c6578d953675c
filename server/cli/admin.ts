import fs from "node:fs";
import { parseArgs } from "node:util";
import { DocumentLanguage } from "../../schemas/domain.js";
import { importDocument } from "../commands/importDocument.js";
import { readConfig } from "../config.js";
import { openDatabase, type Db } from "../storage/database.js";
import { DocumentStore } from "../storage/documentStore.js";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  document list                       List documents (id, style, language, title)
  document import FILE [options]      Create a document from a plain-text file (UTF-8)
      --title TEXT                    Title to use instead of the first line
      --language en|es|fr             Language, when detection should be overridden

Environment: DATA_DIR (default ./data) selects the database, as for npm start.
Exit codes: 0 done, 1 refused or failed, 2 wrong usage.`;

/** A CLI failure: the message for stderr and the exit code. */
class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

function documentList(db: Db): void {
  for (const d of new DocumentStore(db).list()) console.log([d.id, d.style, d.language, d.title].join("\t"));
}

function documentImport(db: Db, args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: "string" }, language: { type: "string" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError("document import needs exactly one FILE.", 2);
  const language = values.language === undefined ? undefined : DocumentLanguage.safeParse(values.language);
  if (language && !language.success) throw new CliError(`--language must be one of en, es, fr (got "${values.language}").`, 2);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`No such file: ${file}`, 1);
  const outcome = importDocument(new DocumentStore(db), fs.readFileSync(file), {
    ...(values.title ? { title: values.title } : {}),
    ...(language?.success ? { language: language.data } : {}),
  }, { userId: "cli", name: "Secretariat (command line)", delegation: null, group: null });
  if (!outcome.ok) throw new CliError(`Import refused: ${outcome.error}`, 1);
  const d = outcome.document;
  console.log(`Imported "${d.title}" as ${d.id} (${d.style}, ${d.language}, ${outcome.paragraphs} paragraphs).`);
  for (const w of outcome.warnings) console.log(`  note: ${w}`);
}

/** Runs one admin command; returns the process exit code. */
export function runAdmin(argv: string[], env: Record<string, string | undefined>): number {
  const [area, command, ...rest] = argv;
  if (!area || area === "--help" || area === "-h" || area === "help") {
    console.log(USAGE);
    return area ? 0 : 2;
  }
  let db: Db | null = null;
  try {
    const run = ({
      "document list": () => documentList((db = openDatabase(readConfig(env).dataDir))),
      "document import": () => documentImport((db = openDatabase(readConfig(env).dataDir)), rest),
    } as Record<string, () => void>)[`${area} ${command ?? ""}`];
    if (!run) throw new CliError(`Unknown command: ${[area, command].filter(Boolean).join(" ")}\n\n${USAGE}`, 2);
    run();
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return err instanceof CliError ? err.exitCode : 1;
  } finally {
    (db as Db | null)?.close();
  }
}

process.exitCode = runAdmin(process.argv.slice(2), process.env);
