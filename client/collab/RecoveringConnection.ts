import { CloseCode } from "../../shared/collab/closeCodes.js";
import { DocumentConnection, type CollabState, type ConnectionEvents, type ConnectionOptions } from "./DocumentConnection.js";

/** A change the server refused: its close code and the reason it gave. */
export interface Refusal {
  code: number;
  reason: string;
}

/** What the page sees: the connection to show, its state, and the last refusal if any. */
export interface RecoveringSnapshot {
  connection: DocumentConnection;
  state: CollabState;
  refusal: Refusal | null;
  /** A new connection is loading the server's state after a refusal. */
  recovering: boolean;
}

/** Refusals after which the server's state is loaded afresh; other 44xx closes are final. */
const RECOVERABLE: number[] = [CloseCode.Forbidden, CloseCode.InvalidChange, CloseCode.DocumentFull];
/** More refusals than this within the window means something keeps going wrong: stop and offer a reload. */
const MAX_RECOVERIES = 3;
const RECOVERY_WINDOW_MS = 60_000;

/**
 * One open document that starts over from the server's state when the
 * server refuses a change (4403, 4422, 4423): the refused change exists only in
 * this window's Y.Doc, so that document is discarded and a new Y.Doc and
 * provider load what the server has. The old connection stays on screen
 * (closed, read-only) until the new one has loaded, so the text does not
 * blink away. A connection whose content the editor could not show starts
 * over the same way once it is stale (the content is gone, or the socket
 * reconnected): its editor was detached for good, so only a fresh Y.Doc
 * can bring the editor back, and if the content is still there the fresh
 * connection shows it read-only again.
 */
export class RecoveringConnection {
  private current: DocumentConnection;
  private pending: DocumentConnection | null = null;
  private refusal: Refusal | null = null;
  private recoveries: number[] = [];
  private snapshot: RecoveringSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers = new Map<DocumentConnection, () => void>();

  constructor(
    private readonly documentId: string,
    private readonly wsBase: string,
    private readonly events: ConnectionEvents = {},
    /** Read for each new connection: the window's part in the room may have changed since the first. */
    private readonly options: () => ConnectionOptions = () => ({}),
  ) {
    this.current = this.open();
    this.snapshot = this.read();
  }

  /** The current snapshot; a new object only when something shown changed. */
  get state(): RecoveringSnapshot {
    return this.snapshot;
  }

  /** Calls `listener` when the snapshot changes; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Forgets the last refusal (the user has read it). */
  dismissRefusal(): void {
    this.refusal = null;
    this.publish();
  }

  /** Closes every socket and frees every document. */
  destroy(): void {
    this.listeners.clear();
    for (const connection of [this.current, this.pending]) if (connection) this.close(connection);
  }

  private open(): DocumentConnection {
    const connection = new DocumentConnection(this.documentId, this.wsBase, this.events, this.options());
    this.unsubscribers.set(connection, connection.subscribe(() => this.onChange(connection)));
    return connection;
  }

  private close(connection: DocumentConnection): void {
    this.unsubscribers.get(connection)?.();
    this.unsubscribers.delete(connection);
    connection.destroy();
  }

  private onChange(connection: DocumentConnection): void {
    if (connection === this.pending && connection.state.loaded) {
      this.close(this.current);
      this.current = connection;
      this.pending = null;
    }
    if (connection === this.current && connection.state.content === "stale" && !this.pending) this.pending = this.open();
    const closed = connection.state.closed;
    if (connection === this.current && closed && RECOVERABLE.includes(closed.code) && !this.pending) {
      this.refusal = { code: closed.code, reason: closed.reason };
      const now = Date.now();
      this.recoveries = [...this.recoveries.filter((t) => now - t < RECOVERY_WINDOW_MS), now];
      if (this.recoveries.length <= MAX_RECOVERIES) this.pending = this.open();
    }
    this.publish();
  }

  private read(): RecoveringSnapshot {
    return { connection: this.current, state: this.current.state, refusal: this.refusal, recovering: this.pending !== null };
  }

  private publish(): void {
    const next = this.read();
    const prev = this.snapshot;
    if (prev.connection === next.connection && prev.state === next.state && prev.refusal === next.refusal &&
      prev.recovering === next.recovering) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
