import type { Logger } from "pino";
import type { DocumentStore } from "../storage/documentStore.js";
import { loadDocument, type LoadedDocument } from "./loadDocument.js";

/**
 * Loads a document from storage to serve it. Log rows that cannot be part
 * of it are set aside, never skipped silently: moved to
 * `quarantined_updates` with an audit record in one transaction, and logged
 * as an error. If setting them aside fails they stay in the log, unapplied
 * (compaction deletes only applied rows), and the next load tries again.
 * Throws `DamagedStateError` when the compacted state does not load.
 */
export function openStoredDocument(store: DocumentStore, documentId: string, log: Logger): LoadedDocument {
  const loaded = loadDocument(store.load(documentId));
  if (loaded.quarantined.length === 0) return loaded;
  const rows = loaded.quarantined.map(({ seq, reason }) => ({ seq, reason }));
  try {
    const moved = store.quarantine(documentId, rows);
    log.error({ documentId, quarantined: rows, moved: moved.length },
      `damaged stored updates set aside; see: npm run admin -- document check ${documentId}`);
  } catch (err) {
    log.error({ err, documentId, quarantined: rows },
      "damaged stored updates left out but not set aside; they stay in the log, unapplied");
  }
  return loaded;
}
