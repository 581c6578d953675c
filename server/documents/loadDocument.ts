import * as Y from "yjs";
import type { DocumentUpdateRow } from "../../schemas/rows.js";
import { describeDefect, readUpdateExactly, type DecodedUpdate, type UpdateDefect } from "../../shared/collab/readUpdate.js";
import { updateChecksum } from "../storage/checksum.js";
import type { StoredDocument } from "../storage/documentStore.js";

/** Why a stored update cannot be part of its document. */
export type UpdateFault =
  /** Its bytes are not the bytes written: the checksum differs. */
  | { kind: "checksum" }
  /** Its bytes are not exactly one V1 update. */
  | { kind: "defect"; defect: UpdateDefect }
  /** Yjs threw while applying it. */
  | { kind: "throws"; message: string }
  /**
   * Applied, it leaves content or deletions waiting for content the document
   * does not have. `dependsOn`: set-aside rows that hold that content;
   * `maybeDependsOn`: set-aside rows too damaged to tell.
   */
  | { kind: "missing"; dependsOn: number[]; maybeDependsOn: number[] };

/** A log row that loading left out, and why. */
export interface QuarantinedUpdate {
  seq: number;
  fault: UpdateFault;
  /** The fault in one English sentence, as stored and audited. */
  reason: string;
}

/** A document rebuilt from storage: the rows applied and the rows left out. */
export interface LoadedDocument {
  doc: Y.Doc;
  /** Seqs of the log rows applied on top of the compacted state, in order. */
  appliedSeqs: number[];
  /** Bytes of those rows. */
  appliedBytes: number;
  quarantined: QuarantinedUpdate[];
}

/** The compacted state of a document does not load; nothing may be served or written in its place. */
export class DamagedStateError extends Error {}

/** The content an update adds, per client: clock ranges [start, end). */
type ContentRanges = Map<number, [number, number][]>;

/** A row already left out, with the content it would have added (null when it does not decode). */
interface SetAside {
  seq: number;
  content: ContentRanges | null;
}

/** One line for a fault, in English, for the quarantine table, the audit log and the command line. */
export function describeFault(fault: UpdateFault): string {
  const list = (seqs: number[]) => `${seqs.length === 1 ? "update" : "updates"} ${seqs.join(", ")}`;
  switch (fault.kind) {
    case "checksum": return "its bytes differ from the bytes written (checksum mismatch)";
    case "defect": return describeDefect(fault.defect);
    case "throws": return `applying it failed: ${fault.message}`;
    case "missing":
      if (fault.dependsOn.length > 0) return `it depends on quarantined ${list(fault.dependsOn)}`;
      if (fault.maybeDependsOn.length > 0) {
        return `it refers to content the document does not have (perhaps that of quarantined ${list(fault.maybeDependsOn)})`;
      }
      return "it refers to content the document does not have";
  }
}

/**
 * Reads a row's bytes without applying them: the checksum (when the row has
 * one) and exact V1 decoding. The decoding is returned even when only the
 * checksum fails, to tell which later rows depend on this one.
 */
export function checkBytes(row: Pick<DocumentUpdateRow, "data" | "checksum">): { fault: UpdateFault | null; decoded: DecodedUpdate | null } {
  const read = readUpdateExactly(row.data);
  const decoded = read.ok ? read.decoded : null;
  if (row.checksum !== null && updateChecksum(row.data) !== row.checksum) return { fault: { kind: "checksum" }, decoded };
  if (!read.ok) return { fault: { kind: "defect", defect: read.defect }, decoded: null };
  return { fault: null, decoded };
}

/**
 * Applies an update whose bytes passed `checkBytes` and reports whether it
 * fits: it must apply without throwing and leave nothing pending. On a
 * fault the document may be half changed and must be rebuilt without it.
 */
export function applyChecked(doc: Y.Doc, data: Uint8Array, setAside: readonly SetAside[] = []): UpdateFault | null {
  try {
    Y.applyUpdate(doc, data);
  } catch (err) {
    return { kind: "throws", message: err instanceof Error ? err.message : String(err) };
  }
  const missing = missingContent(doc);
  if (!missing) return null;
  const dependsOn = setAside.filter((s) => s.content && holdsAny(s.content, missing)).map((s) => s.seq);
  const maybeDependsOn = dependsOn.length > 0 ? [] : setAside.filter((s) => !s.content).map((s) => s.seq);
  return { kind: "missing", dependsOn, maybeDependsOn };
}

/**
 * Rebuilds a document from the compacted state and the log. Each row must
 * match its checksum, be exactly one V1 update, apply without throwing and
 * leave nothing pending; a row that fails is left out and reported, and the
 * document is rebuilt without it (a throwing update may have changed it
 * half way; loading is rare, correctness comes first). Throws
 * `DamagedStateError` if the compacted state itself does not load: starting
 * from an empty document instead would later overwrite the stored one.
 */
export function loadDocument(stored: StoredDocument): LoadedDocument {
  const fromState = (): Y.Doc => {
    const doc = new Y.Doc();
    if (stored.state) applyState(doc, stored.state);
    return doc;
  };
  let doc = fromState();
  const applied: Uint8Array[] = [];
  const appliedSeqs: number[] = [];
  let appliedBytes = 0;
  const setAside: SetAside[] = [];
  const quarantined: QuarantinedUpdate[] = [];
  for (const row of stored.updates) {
    const checked = checkBytes(row);
    let fault = checked.fault;
    if (!fault) {
      fault = applyChecked(doc, row.data, setAside);
      if (fault) {
        doc.destroy();
        doc = fromState();
        for (const data of applied) Y.applyUpdate(doc, data);
      }
    }
    if (fault) {
      quarantined.push({ seq: row.seq, fault, reason: describeFault(fault) });
      setAside.push({ seq: row.seq, content: checked.decoded ? contentRanges(checked.decoded) : null });
    } else {
      applied.push(row.data);
      appliedSeqs.push(row.seq);
      appliedBytes += row.data.length;
    }
  }
  return { doc, appliedSeqs, appliedBytes, quarantined };
}

/** Applies the compacted state, which must be whole and complete. */
function applyState(doc: Y.Doc, state: Uint8Array): void {
  const read = readUpdateExactly(state);
  if (!read.ok) throw new DamagedStateError(`The compacted state is damaged: ${describeDefect(read.defect)}.`);
  try {
    Y.applyUpdate(doc, state);
  } catch (err) {
    throw new DamagedStateError(`The compacted state does not apply: ${err instanceof Error ? err.message : String(err)}.`);
  }
  if (missingContent(doc)) throw new DamagedStateError("The compacted state refers to content it does not have.");
}

/** What the document waits for: per client, clock ranges of content it lacks, or null when nothing is pending. */
function missingContent(doc: Y.Doc): ContentRanges | null {
  const { pendingStructs, pendingDs } = doc.store;
  if (pendingStructs === null && pendingDs === null) return null;
  const missing: ContentRanges = new Map();
  const add = (client: number, start: number, end: number) => {
    const ranges = missing.get(client) ?? [];
    ranges.push([start, end]);
    missing.set(client, ranges);
  };
  // Structs wait for content of a client from the clock the document has reached.
  for (const [client, clock] of pendingStructs?.missing ?? []) add(client, clock, Infinity);
  // Deletions wait for the content they delete. The pending delete set is kept V2-encoded.
  if (pendingDs) {
    for (const [client, deletes] of Y.decodeUpdateV2(pendingDs).ds.clients) {
      for (const d of deletes) add(client, d.clock, d.clock + d.len);
    }
  }
  return missing;
}

/** The clock ranges of the content an update adds, per client. */
function contentRanges(decoded: DecodedUpdate): ContentRanges {
  const ranges: ContentRanges = new Map();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const list = ranges.get(struct.id.client) ?? [];
    list.push([struct.id.clock, struct.id.clock + struct.length]);
    ranges.set(struct.id.client, list);
  }
  return ranges;
}

/** Whether some content overlaps some missing range. */
function holdsAny(content: ContentRanges, missing: ContentRanges): boolean {
  for (const [client, wanted] of missing) {
    for (const [start, end] of content.get(client) ?? []) {
      if (wanted.some(([from, to]) => start < to && from < end)) return true;
    }
  }
  return false;
}
