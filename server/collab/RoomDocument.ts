import type { Logger } from "pino";
import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import { openStoredDocument } from "../documents/openDocument.js";
import type { DocumentStore } from "../storage/documentStore.js";
import { auditEntries, type AuditEntry } from "./auditTrail.js";
import { authorizeChanges, type Refusal } from "./authorizeChanges.js";
import { ChangeTracker } from "./changeTracker.js";
import { captureMovedText, carryMovedText } from "./findCarriedText.js";
import type { DecodedUpdate } from "./protocol.js";

/** The outcome of trying one update: its audit entries and the words it moved (with their true authors). */
export type ApplyResult = { ok: true; audit: AuditEntry[]; carried: CarriedRange<string | null>[] } | { ok: false; refusal: Refusal };

/** Who wrote what so far: for finding the authors of words an update moves. */
export interface Authorship {
  /** The author of an existing character (a user id, or null for the draft's own text). */
  authorOf(client: number, clock: number): string | null;
  /** The user a client id is bound to, or null. */
  ownerOf(client: number): string | null;
}

/**
 * A room's Yjs document and what is known about its stored form. Updates are
 * applied tentatively and checked against the rules; a refused update (rare)
 * leaves the in-memory document ahead of storage, so the room rebuilds it from
 * storage before anything else happens.
 */
export class RoomDocument {
  doc!: Y.Doc;
  private tracker!: ChangeTracker;
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
    this.doc?.destroy();
    this.doc = doc;
    this.tracker = new ChangeTracker(doc);
  }

  /** Applies an update from `user` if the rules allow it; on refusal the caller must `load()` again. */
  tryApply(update: Uint8Array, decoded: DecodedUpdate, user: UserView, origin: unknown, authorship: Authorship): ApplyResult {
    // Read before applying: once applied, deleted text is gone.
    const moved = captureMovedText(this.doc, decoded, authorship.authorOf);
    const changes = this.tracker.capture(() => Y.applyUpdate(this.doc, update, origin));
    // Clients only ever know what came through the server. An update that deletes or builds on
    // content the server does not have would lie in wait and take effect on later edits unchecked.
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      return { ok: false, refusal: { code: CloseCode.InvalidChange, reason: "The change refers to text the server does not have.", pid: null } };
    }
    const refusal = authorizeChanges(user, changes, (pid) => this.labelOf(pid), (b) => this.tracker.existedBefore(b));
    if (refusal) return { ok: false, refusal };
    this.tracker.commit();
    return { ok: true, audit: auditEntries(changes), carried: moved ? carryMovedText(this.doc, moved, authorship.ownerOf) : [] };
  }

  /**
   * Runs a server-side change (issuing a revision) and returns its update, or
   * null if it changed nothing. The caller stores it or reloads.
   */
  transact(change: (doc: Y.Doc) => void, origin: unknown): Uint8Array | null {
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    this.doc.on("update", collect);
    try {
      this.tracker.capture(() => this.doc.transact(() => change(this.doc), origin));
      this.tracker.commit();
    } finally {
      this.doc.off("update", collect);
    }
    return updates.length === 0 ? null : Y.mergeUpdates(updates);
  }

  /** How delegates refer to a paragraph ("OP7", "para 12"). */
  labelOf(pid: string): string {
    const label = numberParagraphs(readBlocks(this.doc), this.meta.style, this.meta.language).get(pid);
    return label?.reference ?? "This paragraph";
  }

  /** Folds the log rows applied to this document into one state row; other rows stay. */
  compact(): void {
    this.store.compact(this.documentId, Y.encodeStateAsUpdate(this.doc), this.appliedSeqs);
    this.appliedSeqs = [];
    this.updatesSinceCompaction = 0;
  }

  /** Frees the document. */
  destroy(): void {
    this.doc.destroy();
  }
}
