import WebSocket from "ws";
import * as Y from "yjs";
import { ACCORD_SUBPROTOCOL } from "../../shared/collab/messages.js";
import { blockText } from "./documentText.js";
import { isStep1, isStep2, isUpdate, readServerFrame, writeStep1, writeStep2, writeUpdate } from "./frames.js";
import { addCounter, Counter, nowMs, TOKEN_PATTERN, tokenText, type SharedViews } from "./sharedState.js";

/** Where a client connects and how it reports. */
export interface ClientContext {
  url: string;
  cookie: string;
  origin: string;
  views: SharedViews;
  worker: number;
  /** Called when the server closes the socket (or it fails) before the benchmark closes it. */
  onUnexpectedClose(code: number): void;
}

const REMOTE = Symbol("remote");
const CONNECT_TIMEOUT_MS = 60_000;

/**
 * One websocket speaking the y-websocket protocol with the Accord
 * subprotocol; `connect` resolves when the server answers our sync step 1.
 */
abstract class BenchClient {
  protected ws!: WebSocket;
  protected isSynced = false;
  private closing = false;

  constructor(protected readonly ctx: ClientContext) {}

  /** Opens the socket, sends sync step 1 and waits for the server's step 2. */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no sync step 2 within 60 s")), CONNECT_TIMEOUT_MS);
      const ws = new WebSocket(this.ctx.url, [ACCORD_SUBPROTOCOL], {
        headers: { cookie: this.ctx.cookie, origin: this.ctx.origin },
        perMessageDeflate: false,
      });
      this.ws = ws;
      ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
      ws.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on("open", () => ws.send(writeStep1(this.stateVector())));
      ws.on("message", (data: Buffer) => {
        if (!this.isSynced && isStep2(data)) {
          this.isSynced = true;
          clearTimeout(timer);
          this.onFrame(data);
          resolve();
          return;
        }
        this.onFrame(data);
      });
      ws.on("close", (code) => {
        if (!this.closing) this.ctx.onUnexpectedClose(code);
      });
    });
  }

  /** Closes the socket. */
  close(): void {
    this.closing = true;
    this.ws.close();
  }

  protected abstract stateVector(): Uint8Array;
  protected abstract onFrame(frame: Buffer): void;

  /** Answers the server's sync step 1 as y-protocols does: with what the server lacks. */
  protected answerStep1(missing: Uint8Array): void {
    this.ws.send(writeStep2(missing));
  }
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/** What an observer does with each update: count it, look for tokens in it, or apply it. */
export type ObserverMode = "count" | "sample" | "full";

/**
 * A read-only participant. Every observer counts frames and bytes; a sampling
 * observer also decodes each update to time the tokens in it; a full observer
 * keeps a Y.Doc for the convergence check.
 */
export class Observer extends BenchClient {
  readonly doc: Y.Doc | null;
  private readonly seenOffset: number;

  constructor(ctx: ClientContext, readonly mode: ObserverMode, sampler = -1) {
    super(ctx);
    this.doc = mode === "full" ? new Y.Doc() : null;
    const { editors, capacity } = ctx.views.layout;
    this.seenOffset = sampler * editors * capacity;
  }

  protected stateVector(): Uint8Array {
    return this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR;
  }

  protected onFrame(frame: Buffer): void {
    addCounter(this.ctx.views, this.ctx.worker, Counter.ObserverFrames, 1);
    addCounter(this.ctx.views, this.ctx.worker, Counter.ObserverBytes, frame.length);
    // Counting observers stay light: after the handshake they only look at the frame's first bytes.
    if (this.mode === "count" && this.isSynced && !isStep1(frame)) return;
    const message = readServerFrame(frame);
    if (message.kind === "step1") this.answerStep1(this.doc ? Y.encodeStateAsUpdate(this.doc, message.stateVector) : EMPTY_UPDATE);
    else if (message.kind === "step2" || message.kind === "update") {
      if (this.doc) Y.applyUpdate(this.doc, message.payload, REMOTE);
      if (this.mode === "sample" && message.kind === "update") this.findTokens(message.payload);
    }
  }

  private findTokens(update: Uint8Array): void {
    const at = nowMs();
    const { views } = this.ctx;
    const { capacity } = views.layout;
    for (const struct of Y.decodeUpdate(update).structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      for (const match of struct.content.str.matchAll(TOKEN_PATTERN)) {
        const index = this.seenOffset + Number(match[1]) * capacity + Number(match[2]);
        if (views.seenTimes[index] === 0) views.seenTimes[index] = at;
      }
    }
  }
}

/**
 * A participant that types. Its Y.Doc starts from the stored document (as a
 * client with a cached copy would), and each {@link Editor.type} inserts one
 * unique token at the end of a paragraph. A blind editor ignores other
 * people's updates (keeping the generator light; its inserts are still valid
 * concurrent Yjs edits); a full editor applies them, for the convergence check.
 */
export class Editor extends BenchClient {
  readonly doc = new Y.Doc();
  private seq = 0;
  private changesSent = 0;
  /** Change numbers (as counted by Saved) of tokens awaiting acknowledgement, and their slots. */
  private readonly awaiting: { change: number; slot: number }[] = [];
  private awaitingHead = 0;
  private lastLocalUpdate: Uint8Array | null = null;

  constructor(
    ctx: ClientContext,
    readonly id: number,
    initialState: Uint8Array,
    readonly full: boolean,
  ) {
    super(ctx);
    Y.applyUpdate(this.doc, initialState, REMOTE);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.lastLocalUpdate = update;
    });
  }

  protected stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  protected override answerStep1(missing: Uint8Array): void {
    this.changesSent += 1;
    super.answerStep1(missing);
  }

  /** Types the next token at the end of block `block`; false when this editor has no token slots left. */
  type(block: number): boolean {
    const { views } = this.ctx;
    const { capacity } = views.layout;
    if (this.seq >= capacity) return false;
    const text = blockText(this.doc, block);
    text.insert(text.length, tokenText(this.id, this.seq));
    const update = this.lastLocalUpdate;
    this.lastLocalUpdate = null;
    if (!update) throw new Error("typing produced no update");
    const slot = this.id * capacity + this.seq;
    this.changesSent += 1;
    this.awaiting.push({ change: this.changesSent, slot });
    views.sendTimes[slot] = nowMs();
    this.ws.send(writeUpdate(update));
    this.seq += 1;
    views.sentCounts[this.id] = this.seq;
    return true;
  }

  protected onFrame(frame: Buffer): void {
    addCounter(this.ctx.views, this.ctx.worker, Counter.EditorFrames, 1);
    addCounter(this.ctx.views, this.ctx.worker, Counter.EditorBytes, frame.length);
    if (!this.full && this.isSynced && isUpdate(frame)) return;
    const message = readServerFrame(frame);
    switch (message.kind) {
      case "step1":
        this.answerStep1(Y.encodeStateAsUpdate(this.doc, message.stateVector));
        return;
      case "step2":
      case "update":
        Y.applyUpdate(this.doc, message.payload, REMOTE);
        return;
      case "saved":
        this.onSaved(message.count);
        return;
      case "other":
        return;
    }
  }

  private onSaved(count: number): void {
    const at = nowMs();
    const { ackTimes } = this.ctx.views;
    while (this.awaitingHead < this.awaiting.length && this.awaiting[this.awaitingHead]!.change <= count) {
      ackTimes[this.awaiting[this.awaitingHead]!.slot] = at;
      this.awaitingHead += 1;
    }
  }
}
