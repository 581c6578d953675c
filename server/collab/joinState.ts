import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/collab/messages.js";
import { updateFrame } from "./fanOut.js";
import { SharedFrame } from "./wireFrame.js";

/** Different state vectors whose answers are kept at once; a reconnect storm asks with a handful. */
const MAX_CACHED_ANSWERS = 16;
/** Bytes of answers kept at once: a few whole documents, whatever state vectors clients make up. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;
/** Changes kept to bring cached answers up to date; past either bound the next join encodes afresh. */
const MAX_SINCE_UPDATES = 2_000;
const MAX_SINCE_BYTES = 1024 * 1024;
/** Changes since an answer sent each as it was stored; more are merged into one update, so a joiner gets a few messages. */
const MAX_SEPARATE_CHANGES = 32;
/**
 * An answer older than this (JOIN_ANSWER_MAX_AGE_MS), with changes since, is
 * encoded afresh at the next join rather than brought up to date: the
 * changes a joiner is sent besides stay a fraction of a second's, while a
 * document changing every millisecond is still encoded at most a few times
 * a second.
 */
export const DEFAULT_ANSWER_MAX_AGE_MS = 250;

/** A cached answer, and how many of the changes since the cache began it already holds. */
interface Answer {
  /** The answer as a sync step 2. */
  frame: Uint8Array;
  /** The same bytes as an update message, made when first sent with changes after it. */
  asUpdate: Uint8Array | null;
  at: number;
  encodedAt: number;
}

/** A sync step 2 carrying nothing: it ends an answer sent as updates. */
const EMPTY_STEP2 = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, new Y.Doc());
  return new SharedFrame(encoding.toUint8Array(encoder));
})();

/** A frame a joiner is sent: its own bytes, or a message shared with other joiners and framed once for all. */
export type JoinFrame = Uint8Array | SharedFrame;

/**
 * The frames a joining socket is sent, shared by every join: the server's
 * sync step 1 (encoded once per state of the document), and the answer
 * (sync step 2) to each distinct state vector a client asks with, encoded
 * once and then brought up to date with the changes stored since. An
 * answer with changes after it is sent as messages in the order the
 * changes were made: the cached answer as an update, each change stored
 * since as the update message it was (encoded once, at the first join that
 * needs it, and shared by every later one: nothing is merged) or, past
 * {@link MAX_SEPARATE_CHANGES} of them, all merged into one (once per state
 * of the document), and an empty sync step 2. The client applies each in turn, never holding a change
 * whose predecessors it lacks (so it never shows a state the document did
 * not have), and a client that counts itself synced on the step 2 has the
 * whole document then. Three thousand observers joining a 1 MB document
 * while delegates type cost a few encodings a second and one encoding per
 * change, not three thousand encodings. An answer older
 * than `maxAgeMs` with changes since, or past {@link MAX_SINCE_UPDATES}
 * changes (or {@link MAX_SINCE_BYTES}), is encoded again at the next join.
 */
export class JoinState {
  private step1: Uint8Array | null = null;
  /** The document object the cached frames were encoded from: a room that reloads replaces it. */
  private cachedFor: Y.Doc | null = null;
  private readonly answers = new Map<string, Answer>();
  private cachedBytes = 0;
  /** Changes stored since the oldest cached answer, in order, each with its update message once a join needed it. */
  private since: { update: Uint8Array; frame: SharedFrame | null }[] = [];
  /** Bytes held for {@link since}: the updates, and their messages once encoded. */
  private sinceBytes = 0;
  /** The merge of since[at..], by `at`, until the next change (past MAX_SEPARATE_CHANGES). */
  private readonly merged = new Map<number, SharedFrame>();
  /** Encodings made and answers served from the cache, for tests and diagnostics. */
  readonly stats = { encoded: 0, shared: 0 };

  constructor(
    private readonly doc: () => Y.Doc,
    private readonly maxAgeMs = DEFAULT_ANSWER_MAX_AGE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The first message of the sync handshake: the server's state vector. */
  syncStep1(): Uint8Array {
    this.checkDocument();
    if (!this.step1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep1(encoder, this.doc());
      this.step1 = encoding.toUint8Array(encoder);
    }
    return this.step1;
  }

  /**
   * The answer to a client's sync step 1, what the document has beyond
   * `stateVector`: a sync step 2; or, with changes stored since it was
   * encoded, the answer and those changes as updates, then an empty step 2.
   */
  syncStep2(stateVector: Uint8Array): JoinFrame[] {
    this.checkDocument();
    const known = this.known(stateVector);
    const key = Buffer.from(known).toString("latin1");
    let cached = this.answers.get(key);
    if (cached && cached.at < this.since.length && this.now() - cached.encodedAt > this.maxAgeMs) {
      this.drop(key, cached);
      cached = undefined;
    }
    if (cached) {
      this.stats.shared += 1;
      // Kept in order of use: the bounds drop the answer used least recently.
      this.answers.delete(key);
      this.answers.set(key, cached);
      if (cached.at === this.since.length) return [cached.frame];
      if (!cached.asUpdate) {
        // Both are a sync message, its type, then the same update: only the type's byte differs.
        cached.asUpdate = cached.frame.slice();
        cached.asUpdate[1] = syncProtocol.messageYjsUpdate;
        this.cachedBytes += cached.asUpdate.length;
        this.bound();
      }
      return [cached.asUpdate, ...this.catchUp(cached.at), EMPTY_STEP2];
    }
    // With no answer left to bring up to date, the changes kept for them go.
    if (this.answers.size === 0) this.forgetSince();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc(), known));
    const frame = encoding.toUint8Array(encoder);
    this.stats.encoded += 1;
    this.answers.set(key, { frame, asUpdate: null, at: this.since.length, encodedAt: this.now() });
    this.cachedBytes += frame.length;
    this.bound();
    return [frame];
  }

  /** Drops answers, least recently used first, until the cache is within its bounds (one larger than them all is sent, not kept). */
  private bound(): void {
    for (const [leastRecent, answer] of this.answers) {
      if (this.answers.size <= MAX_CACHED_ANSWERS && this.cachedBytes <= MAX_CACHED_BYTES) break;
      this.drop(leastRecent, answer);
    }
  }

  private drop(key: string, answer: Answer): void {
    this.answers.delete(key);
    this.cachedBytes -= answer.frame.length + (answer.asUpdate?.length ?? 0);
  }

  /**
   * The changes stored since the `at`-th, each as its update message, or
   * past MAX_SEPARATE_CHANGES merged into one; shared by every join.
   */
  private catchUp(at: number): SharedFrame[] {
    if (this.since.length - at > MAX_SEPARATE_CHANGES) {
      let frame = this.merged.get(at);
      if (!frame) {
        frame = new SharedFrame(updateFrame(Y.mergeUpdates(this.since.slice(at).map((change) => change.update))));
        this.merged.set(at, frame);
      }
      return [frame];
    }
    const frames: SharedFrame[] = [];
    for (let i = at; i < this.since.length; i++) {
      const change = this.since[i]!;
      if (!change.frame) {
        change.frame = new SharedFrame(updateFrame(change.update));
        // The message, and its frame for the wire (a copy, for a change of up to 64 KB).
        this.sinceBytes += 2 * change.frame.payload.length;
      }
      frames.push(change.frame);
    }
    if (this.sinceBytes > MAX_SINCE_BYTES) this.invalidate();
    return frames;
  }

  /** A change was stored: cached answers are brought up to date by it from now on. */
  changed(update: Uint8Array): void {
    this.checkDocument();
    this.step1 = null;
    this.merged.clear();
    if (this.answers.size === 0) return;
    // Every answer too old to be brought up to date: drop them now rather than keep changes for them.
    let newest = -Infinity;
    for (const answer of this.answers.values()) newest = Math.max(newest, answer.encodedAt);
    if (this.now() - newest > this.maxAgeMs) {
      this.invalidate();
      return;
    }
    this.since.push({ update, frame: null });
    this.sinceBytes += update.length;
    if (this.since.length > MAX_SINCE_UPDATES || this.sinceBytes > MAX_SINCE_BYTES) this.invalidate();
  }

  /**
   * A client's state vector as far as this document knows it: clients it has
   * never seen left out, clocks past its own cut to them. The answer is the
   * same, and clients cannot make up new cache entries by naming strangers.
   */
  private known(stateVector: Uint8Array): Uint8Array {
    const store = this.doc().store;
    const known = new Map<number, number>();
    for (const [client, clock] of Y.decodeStateVector(stateVector)) {
      const own = Y.getState(store, client);
      if (own > 0 && clock > 0) known.set(client, Math.min(clock, own));
    }
    const encoder = encoding.createEncoder();
    const clients = [...known.keys()].sort((a, b) => a - b);
    encoding.writeVarUint(encoder, clients.length);
    for (const client of clients) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, known.get(client)!);
    }
    return encoding.toUint8Array(encoder);
  }

  private checkDocument(): void {
    const doc = this.doc();
    if (doc !== this.cachedFor) this.invalidate();
    this.cachedFor = doc;
  }

  /** The document was replaced, or too much changed since the answers: every cached frame goes. */
  invalidate(): void {
    this.step1 = null;
    this.answers.clear();
    this.cachedBytes = 0;
    this.forgetSince();
  }

  private forgetSince(): void {
    this.since = [];
    this.sinceBytes = 0;
    this.merged.clear();
  }
}

