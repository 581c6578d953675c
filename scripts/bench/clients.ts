import WebSocket from "ws";
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { MessageType, readComments } from "../../shared/collab/messages.js";
import { blockText, documentText } from "./documentText.js";
import { isStep1, isStep2, isUpdate, readServerFrame, readSyncPayload, writeStep1, writeStep2, writeUpdate } from "./frames.js";
import { LeanSocket } from "./leanSocket.js";
import { addCounter, Counter, nowMs, tokenText, type SharedViews } from "./sharedState.js";
import type { TargetAdapter } from "./targets/adapter.js";

/** Where a client connects and how it reports. */
export interface ClientContext {
  url: string;
  cookie: string;
  origin: string;
  views: SharedViews;
  worker: number;
  /** The server's framing and handshake (Accord, Hocuspocus or the relay). */
  target: TargetAdapter;
  /** Called when the server closes the socket (or it fails) before the benchmark closes it. */
  onUnexpectedClose(code: number): void;
}

const REMOTE = Symbol("remote");
const CONNECT_TIMEOUT_MS = 60_000;

/**
 * One websocket speaking the y-websocket protocol (with the Accord
 * subprotocol, or in the target's framing); `connect` resolves when the
 * server answers our sync step 1.
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
      const { target } = this.ctx;
      const ws = new WebSocket(this.ctx.url, target.protocols(), {
        headers: target.headers(this.ctx.cookie, this.ctx.origin),
        perMessageDeflate: false,
      });
      this.ws = ws;
      ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
      ws.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on("open", () => {
        for (const frame of target.hello()) ws.send(frame);
        ws.send(target.wrap(writeStep1(this.stateVector())));
      });
      ws.on("message", (raw: Buffer) => {
        const data = target.unwrap(raw);
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
    this.ws.send(this.ctx.target.wrap(writeStep2(missing)));
  }
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * The updates a replica received during the run, applied only when its text
 * is asked for, so that Yjs work stays out of the measured window. Applying
 * late gives the same state as applying live: updates commute.
 */
class ReplicaLog {
  private readonly updates: Uint8Array[] = [];

  add(payload: Uint8Array): void {
    this.updates.push(payload.slice());
  }

  /** Applies everything received to `doc` and returns its text. */
  textOf(doc: Y.Doc): string {
    for (const update of this.updates.splice(0)) Y.applyUpdate(doc, update, REMOTE);
    return documentText(doc);
  }
}

/** What a `ws` observer does with each update: time the tokens in it, or keep it for the convergence check. */
export type ObserverMode = "sample" | "replica";

/**
 * A read-only participant on `ws` that reads every byte: a sampling
 * observer finds the tokens in each update and records when it saw them; a
 * replica observer keeps a Y.Doc for the convergence check. The rest of the
 * audience are {@link CountingObserver}s.
 */
export class Observer extends BenchClient {
  private readonly doc: Y.Doc | null;
  private readonly log: ReplicaLog | null;
  private readonly seenOffset: number;
  private readonly commentOffset: number;

  /** `row`: this observer's global index, its row of the comment table. */
  constructor(ctx: ClientContext, readonly mode: ObserverMode, row: number, sampler = -1) {
    super(ctx);
    this.doc = mode === "replica" ? new Y.Doc() : null;
    this.log = mode === "replica" ? new ReplicaLog() : null;
    const { editors, capacity, comments } = ctx.views.layout;
    this.seenOffset = sampler * editors * capacity;
    this.commentOffset = row * comments;
  }

  /** The replica's full text after applying everything it received; null for other observers. */
  replicaText(): string | null {
    return this.doc && this.log ? this.log.textOf(this.doc) : null;
  }

  protected stateVector(): Uint8Array {
    return this.doc ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR;
  }

  protected onFrame(frame: Buffer): void {
    addCounter(this.ctx.views, this.ctx.worker, Counter.ObserverFrames, 1);
    addCounter(this.ctx.views, this.ctx.worker, Counter.ObserverBytes, frame.length);
    // Updates before the sync step 2 count too (the changes since a cached answer come before it).
    if (isUpdate(frame)) {
      if (this.mode === "sample") this.findTokens(frame);
      else if (this.log) this.log.add(readSyncPayload(frame));
      return;
    }
    if (frame[0] === MessageType.Comments) {
      this.onComments(frame);
      return;
    }
    const message = readServerFrame(frame);
    if (message.kind === "step1") this.answerStep1(this.doc ? Y.encodeStateAsUpdate(this.doc, message.stateVector) : EMPTY_UPDATE);
    else if (message.kind === "step2" && this.doc) Y.applyUpdate(this.doc, message.payload, REMOTE);
  }

  /**
   * Records when each comment marker in a Comments frame arrived. Like
   * tokens, markers are found in the raw bytes (the JSON carries the body
   * verbatim as UTF-8), so that 3,000 observers do not parse JSON; sampling
   * observers also decode the frame as the client does and count frames
   * whose thread does not carry the marker in its first comment.
   */
  private onComments(frame: Buffer): void {
    const { views } = this.ctx;
    recordCommentMarkers(views, frame, this.commentOffset);
    if (this.mode !== "sample") return;
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    const payload = readComments(decoder);
    const body = payload?.threads[0]?.comments[0]?.body;
    if (!body || !COMMENT_IN_BODY.test(body)) addCounter(views, this.ctx.worker, Counter.BadCommentFrames, 1);
  }

  /**
   * Finds tokens in the raw frame. Yjs stores inserted text verbatim as
   * UTF-8, and a token is always inserted whole as one item, so it appears
   * contiguously in every update that carries it; the replicas check that the
   * same updates really apply.
   */
  private findTokens(frame: Buffer): void {
    const at = nowMs();
    const { views } = this.ctx;
    const { capacity } = views.layout;
    for (let i = frame.indexOf(TOKEN_START, 2); i >= 0; i = frame.indexOf(TOKEN_START, i + 1)) {
      const token = readToken(frame, i + TOKEN_START.length);
      if (!token) continue;
      const index = this.seenOffset + token.editor * capacity + token.seq;
      if (views.seenTimes[index] === 0) views.seenTimes[index] = at;
    }
  }
}

/** Records when each comment marker in a Comments frame first reached observer row `rowOffset / comments`. */
function recordCommentMarkers(views: SharedViews, frame: Buffer, rowOffset: number): void {
  const at = nowMs();
  const { comments } = views.layout;
  for (let i = frame.indexOf(COMMENT_START, 1); i >= 0; i = frame.indexOf(COMMENT_START, i + 1)) {
    const n = readNumberBefore(frame, i + COMMENT_START.length, TOKEN_END);
    if (n === null || n >= comments) continue;
    const index = rowOffset + n;
    if (views.commentSeen[index] === 0) views.commentSeen[index] = at;
  }
}

/** What a counting observer saw first in the message being read. */
const enum Seen {
  Update,
  Step1,
  Step2,
  Comments,
  Other,
}

/**
 * An observer that only counts what it receives, on a {@link LeanSocket}:
 * it looks at each message's first bytes, skips broadcast updates unread,
 * answers the server's sync step 1 (with an empty update: it holds
 * nothing), and reads Comments messages for their markers. Thousands of
 * these stand for the room's audience; the sampling observers (on `ws`,
 * reading every byte) time the edits.
 */
export class CountingObserver {
  private socket: LeanSocket | null = null;
  private synced = false;
  private seen = Seen.Other;
  private closing = false;
  private readonly commentOffset: number;
  private readonly prefix: number;

  constructor(private readonly ctx: ClientContext, row: number) {
    this.commentOffset = row * ctx.views.layout.comments;
    this.prefix = ctx.target.prefix.length;
  }

  /** Opens the socket, sends sync step 1 and resolves on the server's step 2. */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.close();
        reject(new Error("no sync step 2 within 60 s"));
      }, CONNECT_TIMEOUT_MS);
      const { target, views, worker } = this.ctx;
      const socket = new LeanSocket(
        { url: this.ctx.url, protocols: target.protocols(), headers: target.headers(this.ctx.cookie, this.ctx.origin), peekBytes: this.prefix + 2 },
        {
          onOpen: () => {
            for (const frame of target.hello()) socket.send(frame);
            socket.send(target.wrap(writeStep1(EMPTY_STATE_VECTOR)));
          },
          wants: (head) => {
            this.seen = this.classify(head);
            return this.seen === Seen.Comments;
          },
          onMessage: (length, payload) => {
            addCounter(views, worker, Counter.ObserverFrames, 1);
            addCounter(views, worker, Counter.ObserverBytes, length - this.prefix);
            if (this.seen === Seen.Step1) socket.send(target.wrap(writeStep2(EMPTY_UPDATE)));
            else if (this.seen === Seen.Comments && payload) recordCommentMarkers(views, payload.subarray(this.prefix), this.commentOffset);
            else if (this.seen === Seen.Step2 && !this.synced) {
              this.synced = true;
              clearTimeout(timer);
              resolve();
            }
          },
          onClose: (code, reason) => {
            clearTimeout(timer);
            if (!this.synced) reject(new Error(`closed before sync: ${code} ${reason}`));
            else if (!this.closing) this.ctx.onUnexpectedClose(code);
          },
        },
      );
      this.socket = socket;
    });
  }

  pause(): void {
    this.socket?.pause();
  }

  resume(): void {
    this.socket?.resume();
  }

  close(): void {
    this.closing = true;
    this.socket?.close();
  }

  /** What a message is, by its first bytes past the target's prefix (frames.ts reads the same two bytes). */
  private classify(head: Buffer): Seen {
    const frame = head.subarray(this.prefix);
    if (frame[0] === MessageType.Comments) return Seen.Comments;
    return isUpdate(frame) ? Seen.Update : isStep1(frame) ? Seen.Step1 : isStep2(frame) ? Seen.Step2 : Seen.Other;
  }
}

const TOKEN_START = Buffer.from("⟦e");
const TOKEN_END = Buffer.from("⟧");
const COMMENT_START = Buffer.from("⟦c");
/** A marker as `commentMarker` (sharedState.ts) writes it. */
const COMMENT_IN_BODY = /⟦c\d+⟧/;

/** Reads decimal digits at `offset` followed by `end`; null when the bytes there are not that. */
function readNumberBefore(bytes: Buffer, offset: number, end: Buffer): number | null {
  let i = offset;
  let n = 0;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) n = n * 10 + bytes[i++]! - 0x30;
  if (i === offset || bytes.compare(end, 0, end.length, i, i + end.length) !== 0) return null;
  return n;
}

/** Reads `E#S⟧` at `offset`; null when the bytes there are not the rest of a token. */
function readToken(bytes: Buffer, offset: number): { editor: number; seq: number } | null {
  let i = offset;
  let editor = 0;
  let seq = 0;
  const start = i;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) editor = editor * 10 + bytes[i++]! - 0x30;
  if (i === start || bytes[i] !== 0x23) return null;
  const seqStart = ++i;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) seq = seq * 10 + bytes[i++]! - 0x30;
  if (i === seqStart || bytes.compare(TOKEN_END, 0, TOKEN_END.length, i, i + TOKEN_END.length) !== 0) return null;
  return { editor, seq };
}

/**
 * A participant that types. Its Y.Doc starts from the stored document (as a
 * client with a cached copy would), and each {@link Editor.type} inserts one
 * unique token at the end of a paragraph. During the run an editor does not
 * apply other people's updates (a real one would, on its own machine; here
 * that work would load the generator). Its inserts are still valid
 * concurrent Yjs edits. A replica editor keeps what it receives and applies
 * it afterwards, for the convergence check.
 */
export class Editor extends BenchClient {
  private readonly doc = new Y.Doc();
  private readonly log: ReplicaLog | null;
  private readonly texts: Y.XmlText[] = [];
  private seq = 0;
  private changesSent = 0;
  /** Change numbers (as counted by Saved) of tokens awaiting acknowledgement, and their slots. */
  private readonly awaiting: { change: number; slot: number }[] = [];
  private awaitingHead = 0;
  private lastLocalUpdate: Uint8Array | null = null;
  /** Hocuspocus: changes acknowledged so far, one per SyncStatus. */
  private acked = 0;

  constructor(
    ctx: ClientContext,
    readonly id: number,
    initialState: Uint8Array,
    replica: boolean,
  ) {
    super(ctx);
    this.log = replica ? new ReplicaLog() : null;
    Y.applyUpdate(this.doc, initialState, REMOTE);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.lastLocalUpdate = update;
    });
  }

  /** The replica's full text after applying everything it received; null for other editors. */
  replicaText(): string | null {
    return this.log ? this.log.textOf(this.doc) : null;
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
    const text = (this.texts[block] ??= blockText(this.doc, block));
    text.insert(text.length, tokenText(this.id, this.seq));
    const update = this.lastLocalUpdate;
    this.lastLocalUpdate = null;
    if (!update) throw new Error("typing produced no update");
    const slot = this.id * capacity + this.seq;
    this.changesSent += 1;
    this.awaiting.push({ change: this.changesSent, slot });
    views.sendTimes[slot] = nowMs();
    this.ws.send(writeUpdate(update, this.ctx.target.prefix));
    this.seq += 1;
    views.sentCounts[this.id] = this.seq;
    return true;
  }

  protected onFrame(frame: Buffer): void {
    addCounter(this.ctx.views, this.ctx.worker, Counter.EditorFrames, 1);
    addCounter(this.ctx.views, this.ctx.worker, Counter.EditorBytes, frame.length);
    if (this.isSynced && isUpdate(frame)) {
      if (this.log) this.log.add(readSyncPayload(frame));
      return;
    }
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
      case "ackOne":
        this.acked += 1;
        this.onSaved(this.acked);
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
