import * as random from "lib0/random";
import * as Y from "yjs";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MessageType, SyncMessageType } from "../../shared/collab/messages.js";
import { writeRefusalReason } from "../../shared/collab/refusalReason.js";
import { can } from "../../shared/permissions.js";
import type { AuditRecord } from "../storage/auditStore.js";
import { LostContent } from "../documents/lostContent.js";
import { acknowledge } from "./acknowledge.js";
import { authorizeBatch, type PendingChange } from "./authorizeBatch.js";
import { ChangeRefused, refusalOf, type Actor, type Refusal } from "./authorizeUpdate.js";
import { ClientIdBindings } from "./clientIdBindings.js";
import type { Connection } from "./Connection.js";
import { Discussion } from "./discussion.js";
import { LocalFanOut, type FanOut } from "./fanOut.js";
import { JoinState } from "./joinState.js";
import { ProtocolError, readIncomingMessage } from "./protocol.js";
import { RoomAuthors } from "./RoomAuthors.js";
import { RoomAuthorship } from "./roomAuthorship.js";
import { RoomDocument } from "./RoomDocument.js";
import type { RoomExtension } from "./RoomExtension.js";
import { falseIdentityRecord, RoomPresence } from "./RoomPresence.js";
import { SqliteRoomStorage, type BatchToStore, type RoomStorage } from "./storeBatch.js";
import { StoreInterval } from "./storeInterval.js";
import type { RoomDeps } from "./roomDeps.js";
import { WriteRetry } from "./writeRetry.js";

export type { RoomDeps, RoomOptions } from "./roomDeps.js";

/**
 * One loaded document and the sockets editing it: a coordinator of named
 * steps. A frame is decoded on arrival (protocol.ts); in the next
 * event-loop turn, or in a busy room at most once per STORE_INTERVAL_MS
 * (storeInterval.ts), the updates received since the last batch go, one by one, through
 * binding their client ids (clientIdBindings.ts) and authorization against
 * the allow-list (authorizeUpdate.ts, on RoomDocument's working copy);
 * the accepted ones are stored in one transaction (storeBatch.ts), then
 * broadcast, encoded once (fanOut.ts), then acknowledged (acknowledge.ts).
 * A refused update closes its sender's socket and is rolled back by
 * RoomDocument; a batch that cannot be stored is abandoned as a whole and
 * retried. Outside a flush, the document is exactly what is stored.
 * Presence and authors plug in as extensions (RoomExtension.ts).
 */
export class Room {
  readonly connections = new Set<Connection>();
  private readonly document: RoomDocument;
  private readonly bindings: ClientIdBindings;
  /** Content of this document's set-aside updates, which a window that still has it may send back. */
  private readonly lost: LostContent;
  /** Who wrote each character, moved words included. */
  private readonly authorship: RoomAuthorship;
  private readonly authors: RoomAuthors;
  private readonly storage: RoomStorage;
  private readonly fanOut: FanOut;
  /** The frames a joining socket is sent, encoded once and brought up to date with the changes since (joinState.ts). */
  readonly joinState: JoinState;
  readonly discussion: Discussion;
  private readonly extensions: RoomExtension[];
  private pending: PendingChange[] = [];
  /** Audit records not tied to a stored update (refusals at the door), written with the next batch. */
  private pendingAudit: AuditRecord[] = [];
  /** The client id the server writes its own changes with (issuing a revision). */
  private serverClientId = random.uint32();
  private flushScheduled = false;
  /** When the next batch may start (STORE_INTERVAL_MS). */
  private readonly storeInterval: StoreInterval;
  /** Work done per flush, for tests and diagnostics: the largest batch, in updates and items. */
  readonly turns = { flushes: 0, largestItems: 0, largestUpdates: 0 };
  private readonly writes: WriteRetry;
  private readonly compactTimer: NodeJS.Timeout;
  private destroyed = false;

  constructor(
    readonly documentId: string,
    meta: { style: DocumentStyle; language: DocumentLanguage },
    private readonly deps: RoomDeps,
    /** Called once the room is empty, flushed and compacted, so the registry can drop it. */
    private readonly onIdle: (room: Room) => void,
  ) {
    this.writes = new WriteRetry(deps.options.retryDelayMs ?? 500, this.connections, () => this.flush(), deps.log, documentId);
    this.document = new RoomDocument(documentId, deps.store, meta, deps.log, deps.options.maxDocumentBytes ?? Infinity);
    this.storage = new SqliteRoomStorage(documentId, deps);
    this.joinState = new JoinState(() => this.doc, deps.options.joinAnswerMaxAgeMs);
    // Held changes are flushed when the interval is over, unless a failed write's retry is to flush them at its own time.
    this.storeInterval = new StoreInterval(deps.options.storeIntervalMs ?? 0, () => {
      if (!this.writes.scheduled) this.flush();
    });
    const fanOut = new LocalFanOut(this.connections, deps.options.ticks);
    this.fanOut = fanOut;
    this.bindings = new ClientIdBindings(deps.clientIds.load(documentId));
    this.lost = new LostContent(deps.store.listQuarantined(documentId));
    this.authorship = new RoomAuthorship(this.bindings, deps.carriedText.load(documentId));
    this.authors = new RoomAuthors(this.bindings, this.authorship.carried, this.connections, deps.authorOf);
    const presence = new RoomPresence(this.connections, deps.options.maxPresenceStateBytes ?? 4096, () => this.scheduleFlush(), (connection, claimed) => {
      this.pendingAudit.push(falseIdentityRecord(deps.log, documentId, connection, claimed));
      this.scheduleFlush();
    });
    this.discussion = new Discussion({
      connections: this.connections, documentId, log: deps.log,
      hasParagraph: (pid) => this.document.candidate.tracker.has(pid),
      requestFlush: () => this.scheduleFlush(),
      sendWaitingUpdates: () => this.fanOut.sendWaiting(),
      refuse: (connection) => {
        this.pendingAudit.push(this.refuse(connection, {
          code: CloseCode.Forbidden, rule: { rule: "leadDiscussion" }, reason: "Only a facilitator moves the discussion to another paragraph.", pid: null,
        }));
        this.scheduleFlush();
      },
    }, { load: () => deps.discussion.load(documentId), save: (current) => deps.discussion.save(documentId, current) });
    this.extensions = [presence, this.authors, this.discussion, fanOut];
    this.compactTimer = setInterval(() => this.compactIfDirty(), deps.options.compactIntervalMs);
    this.compactTimer.unref();
  }

  /** The document as stored (served to joiners); replaced when the room reloads. */
  get doc(): Y.Doc {
    return this.document.accepted;
  }

  /** Adds a socket and starts the sync handshake (server sends step 1, then the extensions greet it). */
  join(connection: Connection): void {
    this.connections.add(connection);
    connection.send(this.joinState.syncStep1());
    for (const extension of this.extensions) extension.onJoin?.(connection);
  }

  /** Handles one frame from a socket (the decode step); a bad frame closes that socket only. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return;
    let message;
    try {
      message = readIncomingMessage(frame, { maxUpdateItems: this.deps.options.maxUpdateItems ?? Infinity });
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.MalformedMessage;
      const reason = (err as Error).message;
      this.deps.log.warn({ documentId: this.documentId, userId: connection.user.id, code, reason }, "closing socket after bad message");
      connection.close(code, reason);
      if (frame[0] === MessageType.Sync && (frame[1] === SyncMessageType.Step2 || frame[1] === SyncMessageType.Update)) {
        // A change that could not be read is a refused change: audited like the others.
        this.pendingAudit.push({ userId: connection.user.id, documentId: this.documentId, pid: null, action: "update.refused",
          detail: { reason: reason.slice(0, 200), code } });
        this.scheduleFlush();
      }
      return;
    }
    switch (message.kind) {
      case "syncStep1":
        connection.replyAll(this.joinState.syncStep2(message.stateVector));
        return;
      case "update":
        // A read-only client's sync step 2 carries the whole delete set it holds: nothing new, nothing to refuse.
        if (!message.empty && !can(connection.user, "document.edit") && !this.document.holds(message.decoded)) {
          this.pendingAudit.push(this.refuse(connection, refusalOf({ rule: "readOnly" }, (pid) => pid)));
          this.scheduleFlush();
          return;
        }
        connection.changesReceived += 1;
        if (!can(connection.user, "document.edit") || message.empty) this.pending.push({ connection, update: null, decoded: null, items: 0 });
        else this.pending.push({ connection, update: message.update, decoded: message.decoded, items: message.items });
        this.scheduleFlush();
        return;
      default:
        for (const extension of this.extensions) if (extension.onMessage?.(connection, message)) return;
    }
  }

  /** Removes a socket; its presence disappears for everyone, its received updates are still stored. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    for (const extension of this.extensions) extension.onLeave?.(connection);
    if (this.connections.size === 0) this.scheduleFlush();
  }

  /** Whether writes are currently failing (the room then stays loaded and keeps retrying). */
  get isStorageFailing(): boolean {
    return this.writes.failing;
  }

  /**
   * Applies a change made by the server on a user's behalf (issuing a
   * revision; applying a proposal, whose words are `userId`'s). `writeAlongside`
   * stores the command's own rows (audit, revision) in the same transaction
   * as the update, reading the document as changed. With `checkAs` the change
   * is authorized as that user's, exactly like a client's update, and a
   * refusal throws ChangeRefused. Everything received before it is stored
   * first; broadcast after storing. Throws, leaving the document as stored,
   * if it cannot be stored.
   */
  applyServerChange(userId: string, change: (doc: Y.Doc) => void, writeAlongside: (doc: Y.Doc) => void, checkAs?: Actor): void {
    if (this.destroyed) throw new Error(`the room of ${this.documentId} is closed`);
    // Not `flush()`: an empty room would unload in the middle of the command.
    while (this.pending.length > 0 || this.pendingAudit.length > 0) {
      if (!this.flushChanges()) throw new Error("the document cannot be stored now; earlier changes are waiting to be stored");
    }
    // The room's own client id writes for whoever asks; it must not carry words as someone else's.
    const owner = this.bindings.ownerOf(this.serverClientId);
    if (owner === undefined ? this.hasContent(this.serverClientId) : owner !== userId) this.serverClientId = random.uint32();
    let done: { update: Uint8Array | null; deleted: { client: number; clock: number; length: number }[] };
    let audit: AuditRecord[] = [];
    if (checkAs) {
      const drafted = this.document.draftChange(change, this.serverClientId);
      const verdict = drafted ? this.document.tryUpdate(drafted, Y.decodeUpdate(drafted), checkAs, this.authorship) : null;
      if (verdict && !verdict.ok) throw new ChangeRefused(verdict.refusal);
      done = { update: verdict?.applied ?? null, deleted: verdict?.deleted ?? [] };
      audit = (verdict?.audit ?? []).map((entry) => ({ ...entry, userId: checkAs.id, documentId: this.documentId }));
    } else done = this.document.transact(change, this.serverClientId);
    if (done.update) this.bindings.claim(Y.decodeUpdate(done.update), userId, () => 0);
    const changed = this.document.candidate.doc;
    const deleter = checkAs?.id ?? userId;
    const merged = this.storeBatch({
      updates: done.update ? [{ data: done.update, userId }] : [], audit, bindings: new Map(this.bindings.pending()), carried: [],
      // What the command deleted (a revision drops the paragraphs marked deleted) is the asking user's deletion.
      deleted: done.deleted.map((range) => ({ ...range, deleter })), alongside: () => writeAlongside(changed),
    });
    if (merged) this.fanOut.sendUpdate(merged, []);
    // What waited on the changes it stored (a move of the discussion, an empty room's unload) goes on.
    this.scheduleFlush();
  }

  /**
   * The store step, and what follows at once: the accepted copy takes the
   * batch, and the extensions hear of it (before the broadcast, so
   * attribution views colour the text as it arrives). Returns the batch's
   * merged update, or null if it changed nothing; throws, having abandoned
   * the batch, if it could not be stored.
   */
  private storeBatch(batch: BatchToStore): Uint8Array | null {
    try {
      this.document.appliedSeqs.push(...this.storage.store(batch));
    } catch (err) {
      this.abandonBatch();
      throw err;
    }
    const merged = this.document.commit();
    if (merged) this.joinState.changed(merged);
    this.bindings.markSaved();
    this.authorship.keep(batch.carried);
    this.writes.succeeded();
    for (const extension of this.extensions) extension.onStored?.({ bound: batch.bindings, carried: batch.carried });
    return merged;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.writes.scheduled || this.destroyed) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /**
   * Authorizes, stores, broadcasts and acknowledges what was received since
   * the last flush, up to MAX_ITEMS_PER_TURN items (at least one update); the
   * rest waits for the next turn, so other sockets and requests are served
   * in between. Changes that come less than STORE_INTERVAL_MS after the last
   * batch started wait for the interval's end (storeInterval.ts); the
   * extensions' work (presence) goes on meanwhile. `whole` takes everything
   * (shutting down).
   */
  flush(whole = false): void {
    if (this.destroyed) return;
    for (const extension of this.extensions) extension.onFlush?.();
    const waiting = this.pending.length > 0 || this.pendingAudit.length > 0;
    if (!whole && waiting && this.storeInterval.holds()) return;
    do {
      if ((this.pending.length > 0 || this.pendingAudit.length > 0) && !this.flushChanges()) return;
    } while (whole && this.pending.length > 0);
    // The rest of a batch cut by the per-turn budget goes on in the next turn, whatever the interval.
    this.storeInterval.flushed(this.pending.length > 0);
    if (this.pending.length > 0) return this.scheduleFlush();
    for (const extension of this.extensions) extension.onSettled?.();
    if (this.connections.size === 0) this.unload();
  }

  /** The changes the next flush takes: in order, up to the per-turn budget of items, at least one. */
  private takeTurn(): PendingChange[] {
    const budget = this.deps.options.maxItemsPerTurn ?? Infinity;
    let items = 0;
    let n = 0;
    while (n < this.pending.length && (n === 0 || items + this.pending[n]!.items <= budget)) items += this.pending[n++]!.items;
    this.turns.flushes += 1;
    this.turns.largestItems = Math.max(this.turns.largestItems, items);
    this.turns.largestUpdates = Math.max(this.turns.largestUpdates, n);
    return this.pending.splice(0, n);
  }

  /** Returns false when the write failed and a retry is scheduled. */
  private flushChanges(): boolean {
    this.storeInterval.batchStarted();
    const batch = this.takeTurn();
    const door = this.pendingAudit;
    this.pendingAudit = [];
    const { accepted, audit, refusals } = authorizeBatch(batch, {
      documentId: this.documentId, document: this.document, bindings: this.bindings, lost: this.lost, authorship: this.authorship,
      log: this.deps.log, refuse: (connection, refusal) => this.refuse(connection, refusal),
    });
    const updates = accepted.filter((c) => c.applied !== null);
    let merged: Uint8Array | null;
    try {
      merged = this.storeBatch({
        updates: updates.map((c) => ({ data: c.applied!, userId: c.connection.user.id })),
        audit: [...door, ...refusals, ...audit], bindings: new Map(this.bindings.pending()), carried: accepted.flatMap((c) => c.carried),
        deleted: accepted.flatMap((c) => c.deleted.map((range) => ({ ...range, deleter: c.connection.user.id }))),
      });
    } catch (err) {
      // Accepted changes are authorized again at the retry (their audit records with them); records made at the door and refusals are kept.
      this.pending = [...accepted.map(({ connection, update, decoded, items }) => ({ connection, update, decoded, items })), ...this.pending];
      this.pendingAudit = [...door, ...refusals];
      this.writes.failed(err, this.pending.length);
      return false;
    }
    if (merged) this.fanOut.sendUpdate(merged, updates.map((c) => ({ data: c.applied!, from: c.connection })));
    acknowledge(accepted);
    const { compactEveryUpdates, compactLogPercent = 0 } = this.deps.options;
    if (this.document.dueForCompaction(compactEveryUpdates, compactLogPercent / 100)) this.compactIfDirty();
    return true;
  }

  /** The one rollback of a batch: nothing of it was stored, so nothing of it is kept. */
  private abandonBatch(): void {
    this.document.abandon();
    this.bindings.dropUnsaved();
    this.authorship.beginBatch();
  }

  /** Whether a client id wrote anything in the document as it stands in this batch. */
  private hasContent(clientId: number): boolean {
    return Y.getState(this.document.candidate.doc.store, clientId) > 0;
  }

  /** Closes a socket whose update was refused (the rule is its reason); returns the audit record of the refusal, in words. */
  private refuse(connection: Connection, refusal: Refusal): AuditRecord {
    connection.refused = true;
    this.deps.log.warn({ documentId: this.documentId, userId: connection.user.id, reason: refusal.reason }, "update refused");
    connection.close(refusal.code, writeRefusalReason(refusal.rule));
    return { userId: connection.user.id, documentId: this.documentId, pid: refusal.pid, action: "update.refused", detail: { reason: refusal.reason } };
  }

  /** Someone's name or delegation may have changed: the next request for the authors reads them afresh. */
  forgetAuthors(): void {
    this.authors.forget();
  }

  /** Folds the update log into one state row; failures leave the log in place and are retried later. */
  compactIfDirty(): void {
    // Changes waiting for a later turn are not applied yet: between turns the document is exactly what is stored.
    if (this.document.updatesSinceCompaction === 0 || this.writes.failing) return;
    try {
      this.document.compact();
    } catch (err) {
      this.deps.log.error({ err, documentId: this.documentId }, "compaction failed; the update log stays authoritative");
    }
  }

  private unload(): void {
    this.compactIfDirty();
    this.destroy();
    this.onIdle(this);
  }

  /** Stops timers and frees the document; pending changes must have been flushed. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.compactTimer);
    this.storeInterval.stop();
    this.writes.destroy();
    for (const extension of this.extensions) extension.destroy?.();
    this.document.destroy();
  }
}
