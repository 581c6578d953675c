import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MessageType, writeSaved, writeStorageStatus } from "../../shared/collab/messages.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { Connection } from "./Connection.js";
import { ProtocolError, readIncomingMessage } from "./protocol.js";

/** Tunables of a room, from the server configuration. */
export interface RoomOptions {
  compactEveryUpdates: number;
  compactIntervalMs: number;
  /** First delay before retrying a failed write; doubles up to 30 s. */
  retryDelayMs?: number;
}

interface PendingChange {
  connection: Connection;
  /** Null for a message that changes nothing but still needs its acknowledgement. */
  update: Uint8Array | null;
}

/**
 * One loaded document and the sockets editing it.
 *
 * Invariant: `doc` holds exactly what is durably stored. Incoming updates wait
 * in `pending` until a flush has appended them to SQLite in one transaction;
 * only then are they applied, broadcast (encoded once, the same bytes for every
 * socket) and acknowledged. A flush runs once per event-loop turn, so under
 * load each socket gets one message per turn however many updates arrived.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private pending: PendingChange[] = [];
  private changedAwareness = new Set<number>();
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs: number;
  private storageFailing = false;
  private lastSeq = 0;
  private updatesSinceCompaction = 0;
  private readonly compactTimer: NodeJS.Timeout;
  private destroyed = false;

  constructor(
    readonly documentId: string,
    private readonly store: DocumentStore,
    private readonly options: RoomOptions,
    private readonly log: Logger,
    /** Called once the room is empty, flushed and compacted, so the registry can drop it. */
    private readonly onIdle: (room: Room) => void,
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onAwarenessUpdate);
    this.load();
    this.compactTimer = setInterval(() => this.compactIfDirty(), options.compactIntervalMs);
    this.compactTimer.unref();
  }

  /** Replays the compacted state and the update log into the in-memory document. */
  private load(): void {
    const stored = this.store.load(this.documentId);
    if (stored.state) Y.applyUpdate(this.doc, stored.state);
    for (const row of stored.updates) {
      try {
        Y.applyUpdate(this.doc, row.data);
      } catch (err) {
        // A stored update that no longer applies must not take the other updates down with it.
        this.log.error({ err, documentId: this.documentId, seq: row.seq }, "stored update failed to apply");
      }
      this.lastSeq = row.seq;
    }
    this.updatesSinceCompaction = stored.updates.length;
  }

  /** Adds a socket and starts the sync handshake (server sends step 1 and its awareness). */
  join(connection: Connection): void {
    this.connections.add(connection);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    connection.send(encoding.toUint8Array(encoder));
    const states = this.awareness.getStates();
    if (states.size > 0) connection.send(this.encodeAwareness(Array.from(states.keys())));
  }

  /** Handles one frame from a socket; a bad frame closes that socket only. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (connection.closed) return;
    let message;
    try {
      message = readIncomingMessage(frame);
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.MalformedMessage;
      this.log.warn({ documentId: this.documentId, userId: connection.user.id, code, reason: (err as Error).message },
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
        connection.changesReceived += 1;
        this.pending.push({ connection, update: message.empty ? null : message.update });
        this.scheduleFlush();
        return;
      case "awareness":
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        } catch {
          connection.close(CloseCode.MalformedMessage);
        }
        return;
      case "queryAwareness":
        connection.send(this.encodeAwareness(Array.from(this.awareness.getStates().keys())));
        return;
    }
  }

  /** Removes a socket; its presence disappears for everyone, its received updates are still stored. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(connection.awarenessClients), null);
    }
    if (this.connections.size === 0) this.scheduleFlush();
  }

  /** Whether writes are currently failing (the room then stays loaded and keeps retrying). */
  get isStorageFailing(): boolean {
    return this.storageFailing;
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const connection = origin as Connection | null;
    if (connection && typeof connection === "object" && "awarenessClients" in connection) {
      for (const id of added) connection.awarenessClients.add(id);
      for (const id of removed) connection.awarenessClients.delete(id);
    }
    for (const id of [...added, ...updated, ...removed]) this.changedAwareness.add(id);
    this.scheduleFlush();
  };

  private encodeAwareness(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.retryTimer || this.destroyed) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Stores, applies, broadcasts and acknowledges everything received since the last flush. */
  flush(): void {
    if (this.destroyed) return;
    this.flushAwareness();
    if (this.pending.length > 0 && !this.flushChanges()) return;
    if (this.connections.size === 0) this.unload();
  }

  private flushAwareness(): void {
    if (this.changedAwareness.size === 0) return;
    const message = this.encodeAwareness(Array.from(this.changedAwareness));
    this.changedAwareness.clear();
    for (const connection of this.connections) connection.send(message);
  }

  /** Returns false when the write failed and a retry is scheduled. */
  private flushChanges(): boolean {
    const batch = this.pending;
    const updates = batch.flatMap((c) => (c.update ? [c] : []));
    if (updates.length > 0) {
      try {
        this.lastSeq = this.store.append(
          this.documentId,
          updates.map((c) => ({ data: c.update as Uint8Array, userId: c.connection.user.id })),
        );
      } catch (err) {
        this.onWriteFailed(err);
        return false;
      }
    }
    this.pending = [];
    if (this.storageFailing) this.onWriteRecovered();
    if (updates.length > 0) this.applyAndBroadcast(updates);
    for (const change of batch) change.connection.changesSaved += 1;
    for (const connection of new Set(batch.map((c) => c.connection))) {
      if (connection.wantsAcks) connection.send(writeSaved(connection.changesSaved));
    }
    this.updatesSinceCompaction += updates.length;
    if (this.updatesSinceCompaction >= this.options.compactEveryUpdates) this.compactIfDirty();
    return true;
  }

  private applyAndBroadcast(updates: PendingChange[]): void {
    const merged = updates.length === 1
      ? (updates[0]!.update as Uint8Array)
      : Y.mergeUpdates(updates.map((c) => c.update as Uint8Array));
    Y.applyUpdate(this.doc, merged, this);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, merged);
    const message = encoding.toUint8Array(encoder);
    // A socket whose own update is the whole batch already has it; everyone else gets the same bytes.
    const senders = new Set(updates.map((c) => c.connection));
    const soleSender = senders.size === 1 ? updates[0]!.connection : null;
    for (const connection of this.connections) {
      if (connection !== soleSender) connection.send(message);
    }
  }

  private onWriteFailed(err: unknown): void {
    this.log.error({ err, documentId: this.documentId, pending: this.pending.length },
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
    this.log.info({ documentId: this.documentId }, "storage writes succeed again");
    this.storageFailing = false;
    this.retryDelayMs = this.options.retryDelayMs ?? 500;
    this.broadcastStorageStatus();
  }

  private broadcastStorageStatus(): void {
    const message = writeStorageStatus(this.storageFailing ? "failing" : "ok");
    for (const connection of this.connections) if (connection.wantsAcks) connection.send(message);
  }

  /** Folds the update log into one state row; failures leave the log in place and are retried later. */
  compactIfDirty(): void {
    if (this.updatesSinceCompaction === 0 || this.storageFailing) return;
    try {
      this.store.compact(this.documentId, Y.encodeStateAsUpdate(this.doc), this.lastSeq);
      this.updatesSinceCompaction = 0;
    } catch (err) {
      this.log.error({ err, documentId: this.documentId }, "compaction failed; the update log stays authoritative");
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
    this.awareness.destroy();
    this.doc.destroy();
  }
}
