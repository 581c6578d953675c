import * as encoding from "lib0/encoding";
import * as random from "lib0/random";
import type { Logger } from "pino";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { AuthorEntry, UserView } from "../../schemas/api.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MessageType, writeSaved, writeStorageStatus } from "../../shared/collab/messages.js";
import { can } from "../../shared/permissions.js";
import type { AuditRecord, AuditStore } from "../storage/auditStore.js";
import type { CarriedTextStore } from "../storage/carriedTextStore.js";
import type { ClientIdStore } from "../storage/clientIdStore.js";
import type { DocumentStore } from "../storage/documentStore.js";
import { ClientIdBindings } from "./clientIdBindings.js";
import type { Connection } from "./Connection.js";
import { ProtocolError, readIncomingMessage, type DecodedUpdate } from "./protocol.js";
import { RoomAuthors } from "./RoomAuthors.js";
import { RoomPresence } from "./RoomPresence.js";
import { RoomAuthorship } from "./roomAuthorship.js";
import { RoomDocument } from "./RoomDocument.js";

/** Tunables of a room, from the server configuration. */
export interface RoomOptions {
  compactEveryUpdates: number;
  compactIntervalMs: number;
  /** First delay before retrying a failed write; doubles up to 30 s. */
  retryDelayMs?: number;
}

/** What a room is built from. */
export interface RoomDeps {
  store: DocumentStore;
  audit: AuditStore;
  clientIds: ClientIdStore;
  carriedText: CarriedTextStore;
  /** How a user appears in attribution, or null if there is no such user. */
  authorOf: (userId: string) => AuthorEntry | null;
  options: RoomOptions;
  log: Logger;
}

interface PendingChange {
  connection: Connection;
  /** Null for a message that changes nothing but still needs its acknowledgement. */
  update: Uint8Array | null;
  /** The update as decoded once on arrival. */
  decoded: DecodedUpdate | null;
  /** Words the update moved, with their true authors (known once it is accepted). */
  carried?: CarriedRange<string | null>[];
}

/**
 * One loaded document and the sockets editing it.
 *
 * Once per event-loop turn the room takes every update received since the
 * last turn, checks each against the permission table and the document's
 * rules (refusing closes the sender's socket with the reason), appends the
 * accepted ones and their audit records to SQLite in one transaction, and only
 * then broadcasts them (encoded once, the same bytes for every socket) and
 * acknowledges them. Under load each socket thus gets one message per turn
 * however many updates arrived. Outside a flush, the in-memory document is
 * exactly what is stored.
 */
export class Room {
  readonly connections = new Set<Connection>();
  private readonly presence: RoomPresence;
  private readonly document: RoomDocument;
  private readonly bindings: ClientIdBindings;
  private readonly authors: RoomAuthors;
  /** Who wrote each character, moved words included. */
  private readonly authorship: RoomAuthorship;
  private pending: PendingChange[] = [];
  /** Audit records not tied to a stored update (refusals at the door), written with the next batch. */
  private pendingAudit: AuditRecord[] = [];
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs: number;
  private storageFailing = false;
  private readonly compactTimer: NodeJS.Timeout;
  private destroyed = false;

  constructor(
    readonly documentId: string,
    meta: { style: DocumentStyle; language: DocumentLanguage },
    private readonly deps: RoomDeps,
    /** Called once the room is empty, flushed and compacted, so the registry can drop it. */
    private readonly onIdle: (room: Room) => void,
  ) {
    this.retryDelayMs = deps.options.retryDelayMs ?? 500;
    this.document = new RoomDocument(documentId, deps.store, meta, deps.log);
    this.bindings = new ClientIdBindings(deps.clientIds.load(documentId));
    this.authorship = new RoomAuthorship(this.bindings, deps.carriedText.load(documentId));
    this.authors = new RoomAuthors(this.bindings, this.authorship.carried, this.connections, deps.authorOf);
    this.presence = new RoomPresence(this.connections, () => this.scheduleFlush(), (connection, claimed) => {
      const text = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : v === null ? null : JSON.stringify(v ?? null).slice(0, 200));
      const detail = { claimedName: text(claimed.name), claimedDelegation: text(claimed.delegation), claimedRole: text(claimed.role) };
      deps.log.warn({ documentId, userId: connection.user.id, ...detail }, "presence claimed another identity; replaced by the session's");
      this.pendingAudit.push({ userId: connection.user.id, documentId, pid: null, action: "presence.falseIdentity", detail });
      this.scheduleFlush();
    });
    this.compactTimer = setInterval(() => this.compactIfDirty(), deps.options.compactIntervalMs);
    this.compactTimer.unref();
  }

  /** The current document (replaced when the room reloads after a refused update). */
  get doc(): Y.Doc {
    return this.document.doc;
  }

  /** Adds a socket and starts the sync handshake (server sends step 1 and the awareness states). */
  join(connection: Connection): void {
    this.connections.add(connection);
    this.presence.onMembershipChange(connection);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    connection.send(encoding.toUint8Array(encoder));
    const presence = this.presence.snapshot();
    if (presence) connection.send(presence);
  }

  /** Handles one frame from a socket; a bad frame closes that socket only. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return;
    let message;
    try {
      message = readIncomingMessage(frame);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.MalformedMessage;
      this.deps.log.warn({ documentId: this.documentId, userId: connection.user.id, code, reason: (err as Error).message },
        "closing socket after bad message");
      connection.close(code);
      return;
    }
    switch (message.kind) {
      case "syncStep1": {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MessageType.Sync);
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc, message.stateVector));
        connection.send(encoding.toUint8Array(encoder));
        return;
      }
      case "update":
        if (!message.empty && !can(connection.user, "document.edit")) {
          const reason = "Observers cannot change the document.";
          this.refuse(connection, { code: CloseCode.Forbidden, reason });
          this.pendingAudit.push({ userId: connection.user.id, documentId: this.documentId, pid: null,
            action: "update.refused", detail: { reason } });
          this.scheduleFlush();
          return;
        }
        connection.changesReceived += 1;
        this.pending.push({ connection, update: message.empty ? null : message.update, decoded: message.empty ? null : message.decoded });
        this.scheduleFlush();
        return;
      case "awareness":
        this.presence.receive(connection, message.update);
        return;
      case "queryAwareness":
        connection.send(this.presence.encodeAll());
        return;
      case "authorsRequest":
        this.authors.request(connection);
        return;
    }
  }

  /** Removes a socket; its presence disappears for everyone, its received updates are still stored. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.presence.onMembershipChange(connection);
    this.presence.remove(connection);
    if (this.connections.size === 0) this.scheduleFlush();
  }

  /** Whether writes are currently failing (the room then stays loaded and keeps retrying). */
  get isStorageFailing(): boolean {
    return this.storageFailing;
  }

  /**
   * Applies a change made by the server on a user's behalf (issuing a
   * revision). `writeAlongside` stores the command's own rows (audit,
   * revision) in the same transaction as the update. Broadcast after storing;
   * throws, leaving the document as stored, if it cannot be stored.
   */
  applyServerChange(userId: string, change: (doc: Y.Doc) => void, writeAlongside: (doc: Y.Doc) => void): void {
    this.flush();
    // The room's own client id writes for whoever asks; it must not carry words as someone else's.
    const owner = this.bindings.ownerOf(this.doc.clientID);
    if (owner === undefined ? this.hasContent(this.doc.clientID) : owner !== userId) this.doc.clientID = random.uint32();
    const update = this.document.transact(change, this);
    if (update) this.bindings.claim(Y.decodeUpdate(update), userId, () => false);
    const bound = new Map(this.bindings.pending());
    try {
      const seqs = this.deps.store.append(this.documentId, update ? [{ data: update, userId }] : [], () => {
        writeAlongside(this.doc);
        this.deps.clientIds.bind(this.documentId, bound);
      });
      this.document.appliedSeqs.push(...seqs);
      this.bindings.markSaved();
    } catch (err) {
      this.bindings.dropUnsaved();
      this.document.load();
      throw err;
    }
    this.authors.announce(bound, []);
    if (update) this.broadcast(update, null);
    if (this.connections.size === 0) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.retryTimer || this.destroyed) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Checks, stores, broadcasts and acknowledges everything received since the last flush. */
  flush(): void {
    if (this.destroyed) return;
    this.presence.flush();
    if ((this.pending.length > 0 || this.pendingAudit.length > 0) && !this.flushChanges()) return;
    if (this.connections.size === 0) this.unload();
  }

  /** Returns false when the write failed and a retry is scheduled. */
  private flushChanges(): boolean {
    this.authorship.beginBatch();
    const checked = this.checkBatch(this.pending);
    const accepted = checked.accepted;
    const door = this.pendingAudit;
    const audit = [...door, ...checked.audit];
    const updates = accepted.filter((c) => c.update !== null);
    const bound = new Map(this.bindings.pending());
    const carried = accepted.flatMap((c) => c.carried ?? []);
    try {
      const seqs = this.deps.store.append(
        this.documentId,
        updates.map((c) => ({ data: c.update!, userId: c.connection.user.id })),
        () => {
          this.deps.audit.append(audit);
          this.deps.clientIds.bind(this.documentId, bound);
          this.deps.carriedText.add(this.documentId, carried);
        },
      );
      this.document.appliedSeqs.push(...seqs);
      this.bindings.markSaved();
      this.authorship.keep(carried);
    } catch (err) {
      this.bindings.dropUnsaved();
      // Applied but not stored: go back to what storage holds and try the accepted ones again later.
      this.document.load();
      this.pending = accepted;
      // Accepted updates get their audit records again when rechecked; records made at the door and refusals would be lost.
      this.pendingAudit = [...door, ...checked.audit.filter((a) => a.action === "update.refused")];
      this.onWriteFailed(err);
      return false;
    }
    this.pending = [];
    this.pendingAudit = [];
    if (this.storageFailing) this.onWriteRecovered();
    // Before the text they wrote, so attribution views colour it as it arrives.
    this.authors.announce(bound, carried);
    if (updates.length > 0) {
      const merged = updates.length === 1 ? updates[0]!.update! : Y.mergeUpdates(updates.map((c) => c.update!));
      const senders = new Set(updates.map((c) => c.connection));
      // A socket whose own update is the whole batch already has it.
      this.broadcast(merged, senders.size === 1 ? updates[0]!.connection : null);
    }
    for (const change of accepted) change.connection.changesSaved += 1;
    for (const connection of new Set(accepted.map((c) => c.connection))) {
      if (connection.wantsAcks) connection.send(writeSaved(connection.changesSaved));
    }
    this.document.updatesSinceCompaction += updates.length;
    if (this.document.updatesSinceCompaction >= this.deps.options.compactEveryUpdates) this.compactIfDirty();
    return true;
  }

  /**
   * Applies a batch tentatively, update by update. A refused update closes its
   * socket (and drops that socket's later updates in the batch); the document
   * is then rebuilt from storage and the batch checked again without them.
   */
  private checkBatch(batch: PendingChange[]): { accepted: PendingChange[]; audit: AuditRecord[] } {
    const accepted: PendingChange[] = [];
    const audit: AuditRecord[] = [];
    for (const change of batch) {
      if (change.connection.refused) continue;
      if (change.update === null) {
        accepted.push(change);
        continue;
      }
      const decoded = change.decoded!; // set with every update on arrival
      const stolen = this.bindings.claim(decoded, change.connection.user.id, (id) => this.hasContent(id));
      const result = stolen === null
        ? this.document.tryApply(change.update, decoded, change.connection.user, change.connection, this.authorship)
        : { ok: false as const, refusal: { code: CloseCode.Forbidden, reason: `Client id ${stolen} is not yours: it already wrote text of this document.`, pid: null } };
      if (!result.ok) {
        this.refuse(change.connection, result.refusal);
        audit.push({ userId: change.connection.user.id, documentId: this.documentId, pid: result.refusal.pid,
          action: "update.refused", detail: { reason: result.refusal.reason } });
        this.document.load();
        this.bindings.dropUnsaved();
        this.authorship.beginBatch();
        const again = this.checkBatch(batch.filter((c) => !c.connection.refused));
        return { accepted: again.accepted, audit: [...audit, ...again.audit] };
      }
      // Known at once, so a later update of the batch that moves the same words again keeps their authors.
      this.authorship.addToBatch(result.carried);
      accepted.push({ ...change, carried: result.carried });
      for (const entry of result.audit) {
        audit.push({ ...entry, userId: change.connection.user.id, documentId: this.documentId });
      }
    }
    return { accepted, audit };
  }

  /** Whether a client id wrote anything in the current document. */
  private hasContent(clientId: number): boolean {
    return this.doc.store.clients.has(clientId);
  }

  private refuse(connection: Connection, refusal: { code: CloseCode; reason: string }): void {
    connection.refused = true;
    this.deps.log.warn({ documentId: this.documentId, userId: connection.user.id, reason: refusal.reason }, "update refused");
    connection.close(refusal.code, refusal.reason);
  }

  /** Someone's name or delegation may have changed: the next request for the authors reads them afresh. */
  forgetAuthors(): void {
    this.authors.forget();
  }

  private broadcast(update: Uint8Array, except: Connection | null): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const connection of this.connections) if (connection !== except) connection.send(message);
  }

  private onWriteFailed(err: unknown): void {
    this.deps.log.error({ err, documentId: this.documentId, pending: this.pending.length },
      "could not store updates; keeping them in memory and retrying");
    if (!this.storageFailing) {
      this.storageFailing = true;
      this.broadcastStorageStatus();
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, this.retryDelayMs);
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 30_000);
  }

  private onWriteRecovered(): void {
    this.deps.log.info({ documentId: this.documentId }, "storage writes succeed again");
    this.storageFailing = false;
    this.retryDelayMs = this.deps.options.retryDelayMs ?? 500;
    this.broadcastStorageStatus();
  }

  private broadcastStorageStatus(): void {
    const message = writeStorageStatus(this.storageFailing ? "failing" : "ok");
    for (const connection of this.connections) if (connection.wantsAcks) connection.send(message);
  }

  /** Folds the update log into one state row; failures leave the log in place and are retried later. */
  compactIfDirty(): void {
    if (this.document.updatesSinceCompaction === 0 || this.storageFailing || this.pending.length > 0) return;
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.presence.destroy();
    this.document.destroy();
  }
}
