import fs from "node:fs";
import { parseArgs } from "node:util";
import { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { createEmptyDocument } from "../commands/createDocument.js";
import { importDocument } from "../commands/importDocument.js";
import { AuditStore } from "../storage/auditStore.js";
import { DocumentStore } from "../storage/documentStore.js";
import { CliError, noArguments, oneOf, required, type CliCommand } from "./cliError.js";

/** `document list`: id, style, language and title of every document. */
export const documentList: CliCommand = (db, args) => {
  noArguments(args);
  for (const d of new DocumentStore(db).list()) console.log([d.id, d.style, d.language, d.title].join("\t"));
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

/** `document import FILE [--title T] [--language L]`: a document from a plain-text file. */
export const documentImport: CliCommand = (db, args) => {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true, options: { title: { type: "string" }, language: { type: "string" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError("document import needs exactly one FILE.", 2);
  const language = values.language === undefined ? undefined : oneOf(values.language, DocumentLanguage.options, "--language");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`No such file: ${file}`, 1);
  const outcome = importDocument({ documents: new DocumentStore(db), audit: new AuditStore(db) }, fs.readFileSync(file), {
    ...(values.title ? { title: values.title } : {}),
    ...(language ? { language } : {}),
  }, { userId: "", name: "Secretariat (command line)", delegation: null, group: null });
  if (!outcome.ok) throw new CliError(`Import refused: ${outcome.error}`, 1);
  const d = outcome.document;
  console.log(`Imported "${d.title}" as ${d.id} (${d.style}, ${d.language}, ${outcome.paragraphs} paragraphs).`);
  for (const w of outcome.warnings) console.log(`  note: ${w}`);
};
