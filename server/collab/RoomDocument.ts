import type { Logger } from "pino";
import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { DecodedUpdate } from "../../shared/collab/readUpdate.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import { openStoredDocument } from "../documents/openDocument.js";
import type { DocumentStore } from "../storage/documentStore.js";
import { authorizeUpdate, type Actor, type Authorship, type Candidate, type Verdict } from "./authorizeUpdate.js";
import { BlockTracker, type SeenContent, type TouchedBlocks } from "./blockTracker.js";
import { deletedText, readTransactionItems, runOwnTransaction, type DeletedItems } from "./ownTransaction.js";

export type { Authorship } from "./authorizeUpdate.js";

/** A log this many times the update count of a compaction is folded in, however few its bytes. */
export const COMPACT_ROWS_FACTOR = 10;

/**
 * A room's document. Updates are tried on the working copy; outside a
 * flush it is exactly what is stored (joiners are served from it,
 * compaction writes it). Beside it a standby copy holds the stored state,
 * taking each stored batch as it is stored (applying a batch twice costs a
 * few microseconds an update; taking many at once would stall the room).
 * A refused update, or a batch that could not be stored, costs only the
 * working copy: the standby takes its place (with the updates already
 * accepted in the batch applied again, and
 * the blocks' states carried over by pid, not read again), and a new
 * standby is copied from it after the flush, off the path of the batch.
 * Only two refusals before that copy is made fall back to reading storage.
 */
export class RoomDocument {
  private working!: Candidate;
  /** The stored state, to roll back to; null until copied again after a rollback. */
  private standby: Y.Doc | null = null;
  private standbyScheduled = false;
  /** The updates accepted on the working copy since the last commit, as applied. */
  private tentative: Uint8Array[] = [];
  /** Every bracket seen since the room loaded (an undo may bring one back), kept across rebuilds. */
  private readonly seen: SeenContent = { brackets: new Map(), importedLabels: new Map() };
  private destroyed = false;
  /** Seqs of the stored log rows this document holds beyond the compacted state: exactly what compaction may delete. */
  appliedSeqs: number[] = [];
  updatesSinceCompaction = 0;
  /** Bytes of the updates stored since the last compaction (the log compaction folds in). */
  private logBytes = 0;
  /**
   * The stored document's size in bytes: exact when it was last encoded
   * (loading, copying the standby, compacting), plus every update stored
   * since (an update adds at most its own length).
   */
  private storedBytes = 0;
  private tentativeBytes = 0;
  /** Whether an update with deletions was taken since the size was last measured exactly. */
  private deletedSinceMeasured = false;

  constructor(
    readonly documentId: string,
    private readonly store: DocumentStore,
    private readonly meta: { style: DocumentStyle; language: DocumentLanguage },
    private readonly log: Logger,
    /** Size the document may grow to; past it only changes that insert nothing are taken. */
    private readonly maxBytes = Infinity,
  ) {
    this.load();
  }

  /**
   * (Re)builds the document from the compacted state and the update log;
   * damaged log rows are set aside and reported. Throws if the compacted
   * state does not load.
   */
  load(): void {
    const { doc, appliedSeqs, appliedBytes } = openStoredDocument(this.store, this.documentId, this.log);
    this.appliedSeqs = appliedSeqs;
    this.updatesSinceCompaction = appliedSeqs.length;
    this.logBytes = appliedBytes;
    this.storedBytes = Y.encodeStateAsUpdate(doc).length;
    this.tentativeBytes = 0;
    this.deletedSinceMeasured = false;
    this.replaceWorking(doc, null);
    this.standby?.destroy();
    this.standby = null;
    this.scheduleStandby();
  }

  /** The document as stored (outside a flush, the working copy holds nothing else). */
  get accepted(): Y.Doc {
    return this.working.doc;
  }

  /** The working copy, which updates are tried on: the stored state and this batch's accepted updates. */
  get candidate(): Candidate {
    return this.working;
  }

  /** Tries an update from `user` on the working copy; a refused one is rolled back at once. */
  tryUpdate(update: Uint8Array, decoded: DecodedUpdate, user: Actor, authorship: Authorship): Verdict {
    const full = this.refuseOverSize(update, decoded);
    if (full) return full;
    const verdict = authorizeUpdate(this.working, update, decoded, user, authorship, (pid) => this.labelOf(pid));
    if (!verdict.ok) {
      this.rollback();
      return verdict;
    }
    if (decoded.ds.clients.size > 0) this.deletedSinceMeasured = true;
    this.keep(verdict.touched, verdict.applied);
    return verdict;
  }

  private keep(touched: TouchedBlocks | null, applied: Uint8Array | null): void {
    if (touched) this.working.tracker.commit(touched);
    if (applied) {
      this.tentative.push(applied);
      this.tentativeBytes += applied.length;
    }
  }

  /** The document's size as stored, in bytes (an upper bound between encodings). */
  get sizeBytes(): number {
    return this.storedBytes;
  }

  /**
   * The size budget: an update that inserts anything and would take the
   * document past it is refused before it is applied. Deletions and
   * updates that only delete still go through, so a full document can be
   * trimmed.
   */
  private refuseOverSize(update: Uint8Array, decoded: DecodedUpdate): Verdict | null {
    if (decoded.structs.length === 0) return null;
    if (this.storedBytes + this.tentativeBytes + update.length <= this.maxBytes) return null;
    // The running figure only grows; deletions since it was last measured may have made room. Measure again.
    if (this.deletedSinceMeasured) {
      this.storedBytes = Y.encodeStateAsUpdate(this.working.doc).length - this.tentativeBytes;
      this.deletedSinceMeasured = false;
      if (this.storedBytes + this.tentativeBytes + update.length <= this.maxBytes) return null;
    }
    const mib = (this.maxBytes / 1024 / 1024).toFixed(1);
    return {
      ok: false,
      refusal: {
        code: CloseCode.DocumentFull, pid: null, rule: { rule: "documentFull", bytes: this.maxBytes },
        reason: `This document has reached its size limit of ${mib} MiB; the change was not saved. ` +
          "Deleting text still works. Ask the secretariat to split the document or raise the limit.",
      },
    };
  }

  /**
   * Runs a change made by the server (issuing a revision) on the working
   * copy, unchecked, and returns its update, or null if it changed nothing.
   * The caller stores it and commits, or abandons.
   */
  transact(change: (doc: Y.Doc) => void, clientId: number): { update: Uint8Array | null; deleted: DeletedItems[] } {
    const { doc, tracker } = this.working;
    doc.clientID = clientId;
    let touched: TouchedBlocks | null = null;
    let deleted: DeletedItems[] = [];
    const applied = runOwnTransaction(doc, () => doc.transact(() => change(doc), this), (transaction) => {
      const items = readTransactionItems(transaction);
      touched = tracker.touched(transaction, items);
      deleted = deletedText(transaction, items);
    });
    this.keep(touched, applied);
    return { update: applied, deleted };
  }

  /**
   * A change written on a copy of the working document, as the one update it
   * makes, so that it can be tried like any client's (an action on someone's
   * behalf that the rules must check); null if it changed nothing.
   */
  draftChange(change: (doc: Y.Doc) => void, clientId: number): Uint8Array | null {
    const copy = new Y.Doc({ gc: this.working.doc.gc });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.working.doc));
    copy.clientID = clientId;
    let update: Uint8Array | null = null;
    copy.on("update", (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    });
    try {
      copy.transact(() => change(copy));
    } finally {
      copy.destroy();
    }
    return update;
  }

  /**
   * Whether the stored document already holds everything an update inserts
   * and deletes. The work is proportional to the update, not the document.
   */
  holds({ structs, ds }: DecodedUpdate): boolean {
    const store = this.working.doc.store;
    for (const struct of structs) if (struct.id.clock + struct.length > Y.getState(store, struct.id.client)) return false;
    for (const [client, ranges] of ds.clients) {
      const known = store.clients.get(client);
      for (const { clock, len } of ranges) {
        if (!known || clock + len > Y.getState(store, client)) return false;
        for (let i = Y.findIndexSS(known, clock); i < known.length && known[i]!.id.clock < clock + len; i++) {
          if (!known[i]!.deleted) return false;
        }
      }
    }
    return true;
  }

  /**
   * Drops what the working copy holds beyond the stored state and this
   * batch's accepted updates (a refused update): the standby takes its place.
   * The blocks' states are carried over by pid, unless `reread`: after a
   * batch that was abandoned they describe changes that no longer exist.
   */
  private rollback(reread = false): void {
    const clean = this.standby ?? this.readStored();
    this.standby = null;
    for (const update of this.tentative) Y.applyUpdate(clean, update);
    this.replaceWorking(clean, reread ? null : this.working.tracker);
    this.scheduleStandby();
  }

  /** The stored state read again: only when two rollbacks come before the standby is copied. */
  private readStored(): Y.Doc {
    this.log.warn({ documentId: this.documentId }, "rolling back twice in one turn; reading the document from storage");
    return openStoredDocument(this.store, this.documentId, this.log).doc;
  }

  private replaceWorking(doc: Y.Doc, previous: BlockTracker | null): void {
    this.working?.doc.destroy();
    this.working = { doc, tracker: new BlockTracker(doc, this.seen, previous) };
  }

  /** Copies the working copy as the next standby once the current flush is over (it then holds exactly what is stored). */
  private scheduleStandby(): void {
    if (this.standbyScheduled) return;
    this.standbyScheduled = true;
    setImmediate(() => {
      this.standbyScheduled = false;
      if (this.destroyed || this.standby || this.tentative.length > 0) return;
      const copy = new Y.Doc();
      const state = Y.encodeStateAsUpdate(this.working.doc);
      Y.applyUpdate(copy, state);
      this.standby = copy;
      this.storedBytes = state.length;
    });
  }

  /** The batch is stored: the standby takes it too. Returns its updates merged, or null if there were none. */
  commit(): Uint8Array | null {
    if (this.tentative.length === 0) return null;
    const merged = this.tentative.length === 1 ? this.tentative[0]! : Y.mergeUpdates(this.tentative);
    if (this.standby) Y.applyUpdate(this.standby, merged);
    // Every stored update counts toward compaction, the server's own changes (revisions, applied proposals) too.
    this.updatesSinceCompaction += this.tentative.length;
    this.tentative = [];
    this.storedBytes += this.tentativeBytes;
    this.logBytes += this.tentativeBytes;
    this.tentativeBytes = 0;
    return merged;
  }

  /** The batch could not be stored: the working copy goes back to what is stored. */
  abandon(): void {
    if (this.tentative.length === 0) return;
    this.tentative = [];
    this.tentativeBytes = 0;
    this.rollback(true);
  }

  /** How delegates refer to a paragraph ("OP7", "para 12"), as it stands in the stored document (or close to it). */
  labelOf(pid: string): string {
    // Read as stored now: a draft's language may have changed since the room loaded.
    const meta = this.store.find(this.documentId) ?? this.meta;
    const label = numberParagraphs(readBlocks(this.standby ?? this.working.doc), meta.style, meta.language).get(pid);
    return label?.reference ?? "This paragraph";
  }

  /**
   * Whether the log is due to be folded into the state: at least
   * `minUpdates` updates since the last compaction, whose bytes are at
   * least `minLogShare` of the document's size before them. A compaction
   * encodes and writes the whole document, so the share keeps its cost in
   * proportion to what was typed: a few words a second into a large
   * document do not make it encode megabytes every few seconds. Past
   * {@link COMPACT_ROWS_FACTOR} times `minUpdates` the log is folded
   * whatever its bytes, so loading never replays a long log.
   */
  dueForCompaction(minUpdates: number, minLogShare: number): boolean {
    if (this.updatesSinceCompaction < minUpdates) return false;
    if (this.updatesSinceCompaction >= minUpdates * COMPACT_ROWS_FACTOR) return true;
    return this.logBytes >= minLogShare * Math.max(0, this.storedBytes - this.logBytes);
  }

  /** Folds the update log into one state row. */
  compact(): void {
    const state = Y.encodeStateAsUpdate(this.working.doc);
    this.store.compact(this.documentId, state, this.appliedSeqs);
    this.storedBytes = state.length;
    this.appliedSeqs = [];
    this.updatesSinceCompaction = 0;
    this.logBytes = 0;
  }

  /** Frees the document. */
  destroy(): void {
    this.destroyed = true;
    this.working.doc.destroy();
    this.standby?.destroy();
  }
}
