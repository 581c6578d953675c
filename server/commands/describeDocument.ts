import type { DocumentDetailsBody } from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
import type { AuditStore } from "../storage/auditStore.js";
import type { DocumentStore } from "../storage/documentStore.js";

/** Who asks, as the audit log names them: a user, or the command line (no user id). */
export interface Asker {
  userId: string | null;
  by?: string;
}

/** What a change of details did, or why it was refused. */
export type DescribeOutcome = { ok: true; document: DocumentRow } | { ok: false; error: "language_fixed"; message: string };

/** The details as the audit log names them, and the column each is stored in. */
const FIELDS = { title: "title", symbol: "symbol", date: "dated", place: "place", language: "language" } as const;

/**
 * Changes what a document prints in its header (and its title, and while it
 * is a draft its language), for the API and the command line alike; what
 * changed is audited with what it was before. A published document's
 * language is fixed: its labels and references are in use.
 */
export function describeDocument(
  deps: { documents: DocumentStore; audit: AuditStore },
  before: DocumentRow,
  details: DocumentDetailsBody,
  asker: Asker,
): DescribeOutcome {
  const { title, symbol, date, place, language } = details;
  if (language !== undefined && language !== before.language && before.draft === 0) {
    return { ok: false, error: "language_fixed", message: "The language of a published document cannot change: its labels and references are in use. Import the text again in the right language." };
  }
  deps.documents.describe(before.id, { title, symbol, dated: date, place, language });
  const after = deps.documents.find(before.id)!;
  const changed = Object.entries(FIELDS).filter(([, column]) => before[column] !== after[column])
    .map(([name, column]) => [name, { from: before[column], to: after[column] }]);
  if (changed.length > 0) {
    deps.audit.append([{ userId: asker.userId, documentId: before.id, pid: null, action: "document.described", detail: Object.fromEntries(changed) }]);
  }
  return { ok: true, document: after };
}

/** Publishes a draft for every participant, audited; false when it was published already. */
export function publishDocument(deps: { documents: DocumentStore; audit: AuditStore }, row: DocumentRow, asker: Asker): boolean {
  if (!deps.documents.publish(row.id)) return false;
  deps.audit.append([{
    userId: asker.userId, documentId: row.id, pid: null, action: "document.published",
    detail: { title: row.title, ...(asker.by ? { by: asker.by } : {}) },
  }]);
  return true;
}
