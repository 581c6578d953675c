import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { ACCORD_SUBPROTOCOL, MessageType } from "../../shared/collab/messages.js";
import { blockText } from "./documentText.js";
import { readServerFrame, writeUpdate } from "./frames.js";
import { nowMs } from "./sharedState.js";

/** What the flooding socket did in one run. */
export interface FloodStats {
  updatesSent: number;
  /** Of those, how many the server acknowledged (stored). */
  updatesStored: number;
  presenceSent: number;
  /** Connections opened; the flooder reconnects at once whenever the server closes it. */
  connections: number;
  /** Close codes the server closed it with, and how often. */
  closes: Record<number, number>;
}

/** Frames sent per millisecond at most: 10,000 a second. */
const PER_TICK = 10;
/** The flooder sends only while its own unsent backlog is below this, as an attacker maximizing pressure would. */
const MAX_BUFFERED = 256 * 1024;
const RECONNECT_MS = 100;

/**
 * One delegate's socket that sends as fast as the connection takes it:
 * one-character updates until `presenceFromMs`, then, on a new socket,
 * awareness states of its client id. Closed by the server, it reconnects
 * at once and goes on. The updates are a chain typed before the run on a
 * copy of the document, so that making them costs the shared machine
 * nothing during the measurement (an attacker's CPU is their own); after a
 * reconnection the chain goes on from the first update the server did not
 * acknowledge. Not part of the measured population: its text is in the
 * document, but it carries no tokens.
 */
export class Flooder {
  private ws: WebSocket | null = null;
  private readonly frames: Uint8Array[] = [];
  private readonly clientId: number;
  /** The next update of the chain to send on this socket, and the first on it. */
  private next = 0;
  private firstOnSocket = 0;
  private ticker: NodeJS.Timeout | null = null;
  private running = false;
  private presenceFromMs = Infinity;
  private presencePhase = false;
  /** The flooder itself is closing its socket to switch attacks: not a close by the server. */
  private switching = false;
  private clock = 0;
  private savedOnSocket = 0;
  private readonly stats: FloodStats = { updatesSent: 0, updatesStored: 0, presenceSent: 0, connections: 0, closes: {} };

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly origin: string,
    initialState: Uint8Array,
    block: number,
    /** Updates in the chain: more than the socket can send in the update half of a run. */
    length: number,
  ) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, initialState);
    this.clientId = doc.clientID;
    const text = blockText(doc, block);
    doc.on("update", (update: Uint8Array) => this.frames.push(writeUpdate(update)));
    for (let i = 0; i < length; i++) text.insert(text.length, "~");
    doc.destroy();
  }

  /** Connects and starts flooding: updates first, presence from `presenceFromMs` (on the clock of {@link nowMs}). */
  start(presenceFromMs: number): void {
    this.running = true;
    this.presenceFromMs = presenceFromMs;
    this.connect();
    this.ticker = setInterval(() => this.tick(), 1);
  }

  /**
   * Stops sending and drops the connection at once (the server, which may
   * have stopped reading it, learns of it at its next write); returns what
   * it did.
   */
  stop(): FloodStats {
    this.running = false;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.ws?.terminate();
    this.settleSocket();
    return { ...this.stats, closes: { ...this.stats.closes } };
  }

  /** The socket is gone: what it had acknowledged is stored, and the chain goes on after it. */
  private settleSocket(): void {
    this.stats.updatesStored += this.savedOnSocket;
    this.next = this.firstOnSocket + this.savedOnSocket;
    this.savedOnSocket = 0;
  }

  private connect(): void {
    this.stats.connections += 1;
    this.firstOnSocket = this.next;
    const ws = new WebSocket(this.url, [ACCORD_SUBPROTOCOL], {
      headers: { cookie: this.cookie, origin: this.origin },
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on("message", (data: Buffer) => {
      const message = readServerFrame(data);
      if (message.kind === "saved") this.savedOnSocket = message.count;
    });
    ws.on("error", () => {});
    ws.on("close", (code) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.settleSocket();
      if (!this.running) return;
      if (!this.switching) this.stats.closes[code] = (this.stats.closes[code] ?? 0) + 1;
      this.switching = false;
      setTimeout(() => this.running && this.connect(), RECONNECT_MS);
    });
  }

  private tick(): void {
    const presence = nowMs() >= this.presenceFromMs;
    if (presence && !this.presencePhase) {
      // A new socket for the second attack: the first one's unsent updates would hold the presence flood back.
      this.presencePhase = true;
      this.switching = true;
      this.ws?.terminate();
      return;
    }
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < PER_TICK && ws.bufferedAmount < MAX_BUFFERED; i++) {
      if (presence) {
        ws.send(this.awarenessFrame());
        this.stats.presenceSent += 1;
      } else if (this.next < this.frames.length) {
        ws.send(this.frames[this.next++]!);
        this.stats.updatesSent += 1;
      }
    }
  }

  private awarenessFrame(): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.clientId);
    encoding.writeVarUint(inner, ++this.clock);
    encoding.writeVarString(inner, JSON.stringify({ user: {}, cursor: null }));
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, MessageType.Awareness);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    return encoding.toUint8Array(outer);
  }
}
