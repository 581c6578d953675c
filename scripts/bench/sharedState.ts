/**
 * Memory shared by the main thread and the load-generator workers, so that
 * timing a token costs a store into an array instead of a message between
 * threads. Times are ms on {@link nowMs}'s clock; 0 means "not yet".
 *
 * Token `⟦e<editor>#<seq>⟧` lives in slot `editor * capacity + seq`.
 */
export interface SharedLayout {
  editors: number;
  /** Most tokens one editor may send in a run. */
  capacity: number;
  samplers: number;
  workers: number;
  /** Observers, each with a row of the comment table (0 rows without --comments). */
  observers: number;
  /** Most comments posted in a run (--comments; 0 without). */
  comments: number;
}

/** Per-worker counters, in this order, in {@link SharedViews.counters}. */
export const Counter = {
  ObserverFrames: 0,
  ObserverBytes: 1,
  EditorFrames: 2,
  EditorBytes: 3,
  /** Sends skipped because an editor ran out of token slots. */
  SkippedSends: 4,
  /** Sockets the server closed, or that failed, while the run was on. */
  UnexpectedCloses: 5,
  /** Comment frames a sampling observer decoded whose marker was not in the thread's first comment. */
  BadCommentFrames: 6,
} as const;
const COUNTERS = 7;

/** The raw buffers, to hand to workers through workerData. */
export interface SharedBuffers {
  sendTimes: SharedArrayBuffer;
  ackTimes: SharedArrayBuffer;
  sentCounts: SharedArrayBuffer;
  seenTimes: SharedArrayBuffer;
  counters: SharedArrayBuffer;
  commentSeen: SharedArrayBuffer;
}

/** Typed views over {@link SharedBuffers}. */
export interface SharedViews {
  layout: SharedLayout;
  /** When each token was handed to the socket. */
  sendTimes: Float64Array;
  /** When its editor received the Saved acknowledgement covering it. */
  ackTimes: Float64Array;
  /** Tokens sent so far per editor (the next seq). */
  sentCounts: Int32Array;
  /** `[sampler * editors * capacity + slot]`: when that sampling observer first saw the token. */
  seenTimes: Float64Array;
  /** `[worker * COUNTERS + Counter.X]`. */
  counters: Float64Array;
  /** `[observer * comments + n]`: when that observer received comment `n` (marker `⟦cN⟧`) in a Comments frame. */
  commentSeen: Float64Array;
}

/** Allocates zeroed shared buffers for a layout. */
export function createSharedBuffers(layout: SharedLayout): SharedBuffers {
  const slots = layout.editors * layout.capacity;
  return {
    sendTimes: new SharedArrayBuffer(slots * 8),
    ackTimes: new SharedArrayBuffer(slots * 8),
    sentCounts: new SharedArrayBuffer(layout.editors * 4),
    seenTimes: new SharedArrayBuffer(layout.samplers * slots * 8),
    counters: new SharedArrayBuffer(layout.workers * COUNTERS * 8),
    commentSeen: new SharedArrayBuffer(layout.observers * layout.comments * 8),
  };
}

/** Wraps shared buffers in typed views (in any thread). */
export function viewShared(layout: SharedLayout, buffers: SharedBuffers): SharedViews {
  return {
    layout,
    sendTimes: new Float64Array(buffers.sendTimes),
    ackTimes: new Float64Array(buffers.ackTimes),
    sentCounts: new Int32Array(buffers.sentCounts),
    seenTimes: new Float64Array(buffers.seenTimes),
    counters: new Float64Array(buffers.counters),
    commentSeen: new Float64Array(buffers.commentSeen),
  };
}

/** Sum of one counter over all workers. */
export function sumCounter(views: SharedViews, counter: number): number {
  let sum = 0;
  for (let w = 0; w < views.layout.workers; w++) sum += views.counters[w * COUNTERS + counter]!;
  return sum;
}

/** Adds to one worker's counter (each worker writes only its own, so no atomics are needed). */
export function addCounter(views: SharedViews, worker: number, counter: number, amount: number): void {
  views.counters[worker * COUNTERS + counter]! += amount;
}

/** Monotonic milliseconds, the same clock in every thread of the process (CLOCK_MONOTONIC). */
export function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

/** The text an editor types for its `seq`-th update; unique per run. */
export function tokenText(editor: number, seq: number): string {
  return `⟦e${editor}#${seq}⟧`;
}

/** The marker in the body of the `n`-th comment posted (--comments); unique per run. */
export function commentMarker(n: number): string {
  return `⟦c${n}⟧`;
}

/** Matches every token in a text; group 1 is the editor, group 2 the seq. */
export const TOKEN_PATTERN = /⟦e(\d+)#(\d+)⟧/g;
