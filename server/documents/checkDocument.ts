import * as Y from "yjs";
import type { QuarantinedUpdateRow } from "../../schemas/rows.js";
import { validateContent, type ContentProblem } from "../../shared/document/validateContent.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import type { StoredDocument } from "../storage/documentStore.js";
import { checkBytes, DamagedStateError, describeFault, loadDocument, type QuarantinedUpdate } from "./loadDocument.js";

/** A row set aside earlier, checked again against the document as it loads now. */
export interface SetAsideCheck {
  row: QuarantinedUpdateRow;
  /** Why it still cannot be applied, or null when it would now apply. */
  stillFails: string | null;
}

/** What checking a stored document found; `sound` when nothing at all. */
export type DocumentCheck = {
  stateBytes: number | null;
  logRows: number;
  setAside: SetAsideCheck[];
} & (
  | {
    loads: true;
    /** Log rows that passed every check. */
    verified: number;
    /** Log rows that fail, and why: loading would set them aside. */
    failing: QuarantinedUpdate[];
    content: ContentProblem[];
    paragraphs: number;
    sound: boolean;
  }
  | {
    /** The compacted state does not load: the server refuses the document. */
    loads: false;
    stateProblem: string;
    /** Log rows whose bytes alone are wrong (the rest cannot be applied without the state). */
    failing: QuarantinedUpdate[];
    sound: false;
  }
);

/**
 * Checks a stored document without changing anything: the compacted state
 * loads, every log row passes the checks loading makes, the resulting
 * content fits the document allow-list; rows set aside earlier are tried
 * again on top of it.
 */
export function checkDocument(stored: StoredDocument, quarantined: QuarantinedUpdateRow[]): DocumentCheck {
  const base = { stateBytes: stored.state?.length ?? null, logRows: stored.updates.length };
  let loaded;
  try {
    loaded = loadDocument(stored);
  } catch (err) {
    if (!(err instanceof DamagedStateError)) throw err;
    const failing = stored.updates.flatMap((row) => {
      const fault = checkBytes(row).fault;
      return fault ? [{ seq: row.seq, fault, reason: describeFault(fault) }] : [];
    });
    const setAside = quarantined.map((row) => ({ row, stillFails: "the compacted state does not load" }));
    return { ...base, loads: false, stateProblem: err.message, failing, setAside, sound: false };
  }
  const { doc } = loaded;
  try {
    const retried = loadDocument({ state: Y.encodeStateAsUpdate(doc), updates: quarantined });
    retried.doc.destroy();
    const stillFails = new Map(retried.quarantined.map((q) => [q.seq, q.reason]));
    const setAside = quarantined.map((row) => ({ row, stillFails: stillFails.get(row.seq) ?? null }));
    const content = validateContent(doc);
    const paragraphs = readBlocks(doc).filter((b) => b.kind === "paragraph").length;
    const sound = loaded.quarantined.length === 0 && quarantined.length === 0 && content.length === 0;
    return {
      ...base, loads: true, verified: loaded.appliedSeqs.length, failing: loaded.quarantined, setAside, content, paragraphs, sound,
    };
  } finally {
    doc.destroy();
  }
}
