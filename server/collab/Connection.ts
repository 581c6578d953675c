import { CloseCode, closeReason } from "../../shared/collab/closeCodes.js";
import type { UserView } from "../../schemas/api.js";
import type { DeliveryMode } from "../../shared/collab/currentParagraph.js";
import { SharedFrame, wireFrame, writeFrame, type WireStream } from "./wireFrame.js";

/** The minimal socket a connection needs; `ws` sockets and test doubles both fit. */
export interface SocketLike {
  readonly readyState: number;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

const OPEN = 1;

/**
 * Default for the unsent backlog past which a socket is closed (4508) rather
 * than left to grow the server's memory; its client reconnects and resyncs
 * from the state (MAX_SOCKET_BACKLOG_BYTES).
 */
export const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;

/** One client's websocket in a room, bound to the signed-in user and session that opened it. */
export class Connection {
  /** Document-changing messages received from this socket, in order. */
  changesReceived = 0;
  /** Document-changing messages of this socket that are durably stored. */
  changesSaved = 0;
  /** Awareness client ids this socket has announced. */
  readonly awarenessClients = new Set<number>();
  closed = false;
  /** The client asked for the document's authors and is sent new ones as they are bound. */
  wantsAuthors = false;
  /** How this socket wants updates: live, or low-bandwidth (merged once a second, no carets). */
  delivery: DeliveryMode = "live";
  /** Set when an update of this socket was refused; its later updates are dropped. */
  refused = false;
  /** Bytes the server sends in answer to this socket's requests, charged to its budget (set by the websocket route). */
  charge: (bytes: number) => void = () => {};
  /** A close to make once everything received from this socket is stored and acknowledged. */
  closeOnceSaved: { code: CloseCode; reason: string } | null = null;

  constructor(
    readonly id: number,
    readonly socket: SocketLike,
    readonly user: UserView,
    readonly sessionId: string,
    /** Whether the client negotiated the Accord subprotocol and so understands Saved messages. */
    readonly wantsAcks: boolean,
    /** Unsent bytes past which the socket is closed as a slow reader (4508). */
    private readonly maxBacklogBytes = MAX_BACKLOG_BYTES,
    /**
     * The network socket under the websocket, when it negotiated no
     * extension: messages are then written to it as whole frames
     * (wireFrame.ts), a shared one framed once for every socket, in one write
     * each. Without it they go through the websocket's own `send`.
     */
    private readonly wire: WireStream | null = null,
  ) {}

  /** Whether messages are written to the network socket as whole frames, rather than through the websocket's `send`. */
  get writesFrames(): boolean {
    return this.wire !== null;
  }

  /** Sends a message if the socket is still open; a closing socket drops it. */
  send(data: Uint8Array | SharedFrame): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    if (this.socket.bufferedAmount > this.maxBacklogBytes) {
      this.close(CloseCode.SlowConsumer);
      return;
    }
    if (this.wire) writeFrame(this.wire, data instanceof SharedFrame ? data.wire : wireFrame(data));
    else this.socket.send(data instanceof SharedFrame ? data.payload : data);
  }

  /** Sends an answer to a request of this socket, charged to its budget. */
  reply(data: Uint8Array | SharedFrame): void {
    this.send(data);
    this.charge(data instanceof SharedFrame ? data.payload.length : data.length);
  }

  /** Sends several answers at once, charged to its budget: on a socket that takes frames, in one write. */
  replyAll(frames: readonly (Uint8Array | SharedFrame)[]): void {
    this.wire?.cork();
    try {
      for (const frame of frames) this.reply(frame);
    } finally {
      this.wire?.uncork();
    }
  }

  /** Closes the socket now if everything it sent is stored, or else once it is (see acknowledge.ts). */
  closeWhenSaved(code: CloseCode, reason: string): void {
    if (this.changesSaved >= this.changesReceived) this.close(code, reason);
    else this.closeOnceSaved = { code, reason };
  }

  /** Closes the socket with a named code; idempotent. */
  close(code: CloseCode, reason = closeReason(code)): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason.slice(0, 120));
  }
}
