import fs from "node:fs";
import { parseArgs } from "node:util";
import { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { createEmptyDocument } from "../commands/createDocument.js";
import { describeDocument, publishDocument } from "../commands/describeDocument.js";
import { importFile } from "../commands/importDocument.js";
import { checkDocument, type DocumentCheck } from "../documents/checkDocument.js";
import { describeProblem } from "../../shared/document/validateContent.js";
import { AuditStore } from "../storage/auditStore.js";
import { DocumentStore } from "../storage/documentStore.js";
import { UserStore } from "../storage/userStore.js";
import { DocumentDetailsBody, ExportQuery } from "../../schemas/api.js";
import { ThreadViewer } from "../comments/commentViews.js";
import { storedAuthors } from "../documents/attribution.js";
import { loadDocument } from "../documents/loadDocument.js";
import { exportDocument } from "../export/exportDocument.js";
import { PdfPrinter, pdfUnavailable } from "../export/pdf.js";
import { describeZodError } from "../http/errors.js";
import { CarriedTextStore } from "../storage/carriedTextStore.js";
import { ClientIdStore } from "../storage/clientIdStore.js";
import { CommentStore } from "../storage/commentStore.js";
import { RevisionStore } from "../storage/revisionStore.js";
import { CliError, noArguments, oneOf, required, type CliCommand } from "./cliError.js";

/** `document list`: id, style, language and title of every document. */
export const documentList: CliCommand = (db, args) => {
  noArguments(args);
  for (const d of new DocumentStore(db).list()) console.log([d.id, d.style, d.language, d.title, ...(d.draft ? ["(draft)"] : [])].join("\t"));
};

const CLI_USER = "Secretariat (command line)";

/** `document publish ID`: a draft becomes readable by every participant. */
export const documentPublish: CliCommand = (db, args) => {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new CliError("document publish needs exactly one document ID (see: document list).", 2);
  const documents = new DocumentStore(db);
  const row = documents.find(id);
  if (!row) throw new CliError(`No document ${id} (see: document list).`, 1);
  if (!publishDocument({ documents, audit: new AuditStore(db) }, row, { userId: null, by: CLI_USER })) {
    throw new CliError(`"${row.title}" is already published.`, 1);
  }
  console.log(`Published "${row.title}": every participant can open it now.`);
};

/** `document describe ID [--title T] [--symbol S] [--date YYYY-MM-DD] [--place P]`: the details exports print. */
export const documentDescribe: CliCommand = (db, args) => {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { title: { type: "string" }, symbol: { type: "string" }, date: { type: "string" }, place: { type: "string" }, language: { type: "string" } },
  });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new CliError("document describe needs exactly one document ID (see: document list).", 2);
  const body = DocumentDetailsBody.safeParse(values);
  if (!body.success) throw new CliError(`Invalid options: ${describeZodError(body.error).map((i) => `--${i.path} ${i.message}`).join("; ")}`, 2);
  const documents = new DocumentStore(db);
  const before = documents.find(id);
  if (!before) throw new CliError(`No document ${id} (see: document list).`, 1);
  const outcome = describeDocument({ documents, audit: new AuditStore(db) }, before, body.data, { userId: null, by: CLI_USER });
  if (!outcome.ok) throw new CliError(outcome.message, 1);
  const after = outcome.document;
  console.log(`"${after.title}": symbol "${after.symbol}", date "${after.dated}", place "${after.place}", language ${after.language}.`);
};

/** `document create --title T --style S --language L`: an empty document. */
export const documentCreate: CliCommand = (db, args) => {
  const { values } = parseArgs({ args, options: { title: { type: "string" }, style: { type: "string" }, language: { type: "string" } } });
  const row = createEmptyDocument(new DocumentStore(db), {
    title: required(values.title, "--title"),
    style: oneOf(values.style, DocumentStyle.options, "--style"),
    language: oneOf(values.language, DocumentLanguage.options, "--language"),
  });
  console.log(`Created "${row.title}" as ${row.id}.`);
};

/** `document import FILE [--title T] [--language L]`: a draft document from a plain-text or Word file. */
export const documentImport: CliCommand = async (db, args) => {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: { title: { type: "string" }, language: { type: "string" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError("document import needs exactly one FILE.", 2);
  const language = values.language === undefined ? undefined : oneOf(values.language, DocumentLanguage.options, "--language");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`No such file: ${file}`, 1);
  const outcome = await importFile({ documents: new DocumentStore(db), audit: new AuditStore(db) }, fs.readFileSync(file), {
    ...(values.title ? { title: values.title } : {}),
    ...(language ? { language } : {}),
  }, { userId: "", name: "Secretariat (command line)", delegation: null, group: null });
  if (!outcome.ok) throw new CliError(`Import refused: ${outcome.error}`, 1);
  const d = outcome.document;
  console.log(`Imported "${d.title}" as ${d.id} (${d.style}, ${d.language}, ${outcome.paragraphs} paragraphs).`);
  for (const w of outcome.warnings) console.log(`  note: ${w}`);
};

/**
 * `document export ID --variant agreed|negotiation|comments --format docx|pdf|html|md [--revision N]
 * [--open stop|mark] [--compilation] [--out FILE]`: what the Export dialog gives, read from the
 * stored document without changing it; to FILE, or to standard output.
 */
export const documentExport: CliCommand = async (db, args, env) => {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: {
      variant: { type: "string" }, format: { type: "string" }, revision: { type: "string" }, open: { type: "string" },
      compilation: { type: "boolean" }, out: { type: "string" },
    },
  });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new CliError("document export needs exactly one document ID (see: document list).", 2);
  const query = ExportQuery.safeParse({
    variant: values.variant, format: values.format, open: values.open ?? "stop", compilation: values.compilation ? "1" : "0",
    ...(values.revision !== undefined ? { revision: values.revision } : {}),
  });
  if (!query.success) {
    throw new CliError(`Invalid options: ${describeZodError(query.error).map((i) => `--${i.path} ${i.message}`).join("; ")}`, 2);
  }
  const documents = new DocumentStore(db);
  const row = documents.find(id);
  if (!row) throw new CliError(`No document ${id} (see: document list).`, 1);
  const users = new UserStore(db);
  const current = () => loadDocument(documents.load(id)).doc;
  const chromiumPath = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const printer = new PdfPrinter(chromiumPath);
  const result = await exportDocument(row, query.data, {
    printer,
    pdfUnavailable: pdfUnavailable(chromiumPath),
    current,
    revisions: new RevisionStore(db),
    authors: () => storedAuthors({ clientIds: new ClientIdStore(db), carriedText: new CarriedTextStore(db), users }, id),
    // The command line reads as the secretariat does.
    threads: () => {
      const viewer = new ThreadViewer(current(), row.style, row.language, users);
      return new CommentStore(db).threads(id).map((t) => viewer.view(t, "secretariat"));
    },
  }).finally(() => printer.close());
  if (!result.ok) throw new CliError(result.message, 1);
  if (values.out) {
    fs.writeFileSync(values.out, result.body);
    console.log(`Wrote ${values.out} (${result.body.length} ${typeof result.body === "string" ? "characters" : "bytes"}).`);
  } else {
    if (typeof result.body !== "string" && process.stdout.isTTY) throw new CliError("A Word file is not for the terminal: give --out FILE.", 2);
    process.stdout.write(result.body);
  }
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The findings of a check as sentences, one per line; `who` names the account behind a user id. */
function reportLines(check: DocumentCheck, who: (userId: string) => string): string[] {
  const lines: string[] = [];
  lines.push(check.stateBytes === null
    ? "There is no compacted state: the document is its update log alone."
    : `The compacted state is ${plural(check.stateBytes, "byte")}${check.loads ? " and loads." : "."}`);
  if (!check.loads) {
    lines.push(`${check.stateProblem} The server refuses to open this document until the state is restored from a backup.`);
    lines.push(`The update log holds ${plural(check.logRows, "row")}; without the state only their bytes can be checked.`);
  } else {
    lines.push(`The update log holds ${plural(check.logRows, "row")}; ${check.verified} verified `
      + "(checksum, exactly one update, applies, refers only to content the document has).");
  }
  for (const q of check.failing) lines.push(`Update ${q.seq} fails: ${q.reason}. Opening the document will set it aside.`);
  if (check.setAside.length > 0) lines.push(`${plural(check.setAside.length, "update was", "updates were")} set aside earlier:`);
  for (const { row, stillFails } of check.setAside) {
    lines.push(`  Update ${row.seq}, written ${new Date(row.created_at).toISOString()}${row.user_id ? ` by ${who(row.user_id)}` : ""}, `
      + `set aside ${row.quarantined_at}: ${row.reason}. `
      + (stillFails === null ? "Tried again, it would now apply." : `Tried again, it still fails: ${stillFails}.`));
  }
  if (check.loads) {
    lines.push(check.content.length === 0
      ? "The content fits the document allow-list."
      : `The content has ${plural(check.content.length, "problem")} with the document allow-list:`);
    for (const problem of check.content) lines.push(`  ${describeProblem(problem)}`);
    lines.push(`The document has ${plural(check.paragraphs, "paragraph")}.`);
  }
  return lines;
}

/**
 * `document check ID`: verifies a document's stored form without changing
 * it: the compacted state, every log row and every row set aside, and the
 * content against the allow-list. Exit 0 when sound, 1 when something is wrong.
 */
export const documentCheck: CliCommand = (db, args) => {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new CliError("document check needs exactly one document ID (see: document list).", 2);
  const documents = new DocumentStore(db);
  const row = documents.find(id);
  if (!row) throw new CliError(`No document ${id} (see: document list).`, 1);
  console.log(`Checking "${row.title}" (${row.id}).`);
  const check = checkDocument(documents.load(id), documents.listQuarantined(id));
  const users = new UserStore(db);
  const who = (userId: string) => users.findById(userId)?.email ?? `user ${userId}`;
  for (const line of reportLines(check, who)) console.log(line);
  if (!check.sound) throw new CliError(`"${row.title}" has problems; see above.`, 1);
  console.log("Everything is sound.");
};
