import type { Logger } from "pino";
import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { DecodedUpdate } from "../../shared/collab/readUpdate.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import { openStoredDocument } from "../documents/openDocument.js";
import type { DocumentStore } from "../storage/documentStore.js";
import { authorizeUpdate, type Authorship, type Candidate, type Verdict } from "./authorizeUpdate.js";
import { BlockTracker, type TouchedBlocks } from "./blockTracker.js";
import { readTransactionItems, runOwnTransaction } from "./ownTransaction.js";

export type { Authorship } from "./authorizeUpdate.js";

/**
 * A room's document in two copies. `accepted` is exactly what is stored
 * (outside a flush): joiners are served from it and compaction writes it.
 * Updates are tried on a candidate copy, which holds the accepted state plus
 * the updates accepted in the current batch; a refused update, or a batch
 * that could not be stored, only costs the candidate, which is rebuilt from
 * the accepted copy in memory the next time it is needed. Storage is read
 * only when the room loads.
 */
export class RoomDocument {
  accepted!: Y.Doc;
  private candidateState: Candidate | null = null;
  /** The updates accepted on the candidate since the last commit, as applied. */
  private tentative: Uint8Array[] = [];
  /** Every bracket seen since the room loaded (an undo may bring one back), kept across rebuilds. */
  private readonly seenBrackets = new Map<string, string>();
  /** The accepted copy's state vector and delete set, until it changes. */
  private acceptedSnapshot: Y.Snapshot | null = null;
  /** Seqs of the stored log rows this document holds beyond the compacted state: exactly what compaction may delete. */
  appliedSeqs: number[] = [];
  updatesSinceCompaction = 0;

  constructor(
    readonly documentId: string,
    private readonly store: DocumentStore,
    private readonly meta: { style: DocumentStyle; language: DocumentLanguage },
    private readonly log: Logger,
  ) {
    this.load();
  }

  /**
   * (Re)builds the document from the compacted state and the update log;
   * damaged log rows are set aside and reported. Throws if the compacted
   * state does not load.
   */
  load(): void {
    const { doc, appliedSeqs } = openStoredDocument(this.store, this.documentId, this.log);
    this.appliedSeqs = appliedSeqs;
    this.updatesSinceCompaction = appliedSeqs.length;
    this.accepted?.destroy();
    this.accepted = doc;
    this.acceptedSnapshot = null;
    this.tentative = [];
    this.rollback();
  }

  /** The document updates are tried on: the accepted state and this batch's accepted updates. */
  get candidate(): Candidate {
    if (!this.candidateState) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.accepted));
      for (const update of this.tentative) Y.applyUpdate(doc, update);
      this.candidateState = { doc, tracker: new BlockTracker(doc, this.seenBrackets) };
    }
    return this.candidateState;
  }

  /** Tries an update from `user` on the candidate; a refused one is rolled back at once. */
  tryUpdate(update: Uint8Array, decoded: DecodedUpdate, user: UserView, authorship: Authorship): Verdict {
    const candidate = this.candidate;
    const verdict = authorizeUpdate(candidate, update, decoded, user, authorship, (pid) => this.labelOf(pid));
    if (!verdict.ok) {
      this.rollback();
      return verdict;
    }
    this.keep(verdict.touched, verdict.applied);
    return verdict;
  }

  private keep(touched: TouchedBlocks | null, applied: Uint8Array | null): void {
    if (touched) this.candidate.tracker.commit(touched);
    if (applied) this.tentative.push(applied);
  }

  /**
   * Runs a change made by the server (issuing a revision) on the candidate,
   * unchecked, and returns its update, or null if it changed nothing. The
   * caller stores it and commits, or abandons.
   */
  transact(change: (doc: Y.Doc) => void, clientId: number): Uint8Array | null {
    const { doc, tracker } = this.candidate;
    doc.clientID = clientId;
    let touched: TouchedBlocks | null = null;
    const applied = runOwnTransaction(doc, () => doc.transact(() => change(doc), this), (transaction) => {
      touched = tracker.touched(transaction, readTransactionItems(transaction));
    });
    this.keep(touched, applied);
    return applied;
  }

  /** Whether the stored document already holds everything `update` inserts and deletes. */
  holds(update: Uint8Array): boolean {
    // Reading the delete set walks the document: once per stored batch, however many such updates arrive.
    this.acceptedSnapshot ??= Y.snapshot(this.accepted);
    return Y.snapshotContainsUpdate(this.acceptedSnapshot, update);
  }

  /** Forgets the candidate's changes since the last accepted update; it is rebuilt when next needed. */
  rollback(): void {
    this.candidateState?.doc.destroy();
    this.candidateState = null;
  }

  /** The batch is stored: the accepted copy takes its updates. Returns them merged, or null if there were none. */
  commit(): Uint8Array | null {
    if (this.tentative.length === 0) return null;
    const merged = this.tentative.length === 1 ? this.tentative[0]! : Y.mergeUpdates(this.tentative);
    Y.applyUpdate(this.accepted, merged);
    this.acceptedSnapshot = null;
    this.tentative = [];
    return merged;
  }

  /** The batch could not be stored: the candidate goes back to what is stored. */
  abandon(): void {
    this.tentative = [];
    this.rollback();
  }

  /** How delegates refer to a paragraph ("OP7", "para 12"), as it stands in the stored document. */
  labelOf(pid: string): string {
    const label = numberParagraphs(readBlocks(this.accepted), this.meta.style, this.meta.language).get(pid);
    return label?.reference ?? "This paragraph";
  }

  /** Folds the update log into one state row. */
  compact(): void {
    this.store.compact(this.documentId, Y.encodeStateAsUpdate(this.accepted), this.appliedSeqs);
    this.appliedSeqs = [];
    this.updatesSinceCompaction = 0;
  }

  /** Frees the document. */
  destroy(): void {
    this.rollback();
    this.accepted.destroy();
  }
}
