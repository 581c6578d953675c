import { summarizeLatencies, type LatencySummary } from "./analyze.js";
import { round } from "./measureWindow.js";
import { commentMarker, Counter, nowMs, sumCounter, type SharedViews } from "./sharedState.js";

/**
 * The comment load (`npm run bench -- --comments`): comments posted through
 * the API at a fixed rate, each carrying a unique marker that observers look
 * for in the live Comments frames, and the timed GETs of the thread list.
 */

/** Timed `GET /api/documents/:id/comments` (the full list) of one phase. */
export interface GetStats {
  /** GETs made (sequentially), how many answered 200, and how many were cut off at the phase's deadline. */
  requests: number;
  ok: number;
  timedOut: number;
  /** Threads and bytes of the last answer. */
  threads: number;
  bytes: number;
  /** Request sent to the whole body read, in ms, over all of them (with 20, p99 is the slowest); `first` is the first one's. */
  ms: { p50: number; p99: number; max: number; min: number; first: number };
}

/** What the comment load measured in one run. */
export interface CommentStats {
  /** Threads stored before the run. */
  threadsBefore: number;
  ratePerS: number;
  /** Posts over the whole run (warm-up, window, GETs under load) and in the measured window. */
  posted: number;
  postedInWindow: number;
  /** Answered 201, and the other answers by status (0: no answer). */
  accepted: number;
  refused: Record<number, number>;
  /** Posts the schedule could not make because the table was full. */
  skipped: number;
  /** POST sent to its response read, for posts sent in the window. */
  postMs: LatencySummary;
  /** POST sent to a Comments frame carrying it at an observer: every observer, every post of the window. */
  deliveryMs: LatencySummary;
  /** POST sent to the last observer having it, one value per post of the window. */
  lastObserverMs: LatencySummary;
  /** Deliveries expected (accepted posts of the whole run times observers), received and missing. */
  expected: number;
  received: number;
  missing: number;
  /** Comments frames a sampling observer decoded whose first comment carries no marker. */
  badFrames: number;
  examples: string[];
  /** Per post of the window: ms from the window's start to the send, to the answer, and to its last observer (-1: missing). */
  perPost: [number, number, number][];
  /** The full list with the room open and idle (before the load), and again under the full load (after the window). */
  getQuiet: GetStats;
  getLoaded: GetStats;
  ok: boolean;
}

/** What a word list of the posts' bodies is made of (about 30 words each, like a real remark). */
const WORDS = ("we propose to replace this wording with language that reflects the agreed text of the previous session " +
  "and ask the co-facilitators to consider the concerns raised by several delegations on financing and capacity").split(" ");

function postBody(n: number): string {
  const words = Array.from({ length: 28 }, (_, i) => WORDS[(n * 3 + i * 5) % WORDS.length]).join(" ");
  return `${commentMarker(n)} ${words}.`;
}

/**
 * Posts comments open-loop: the number due is fixed by elapsed time, not by
 * how fast the server answers, round-robin over the editor accounts'
 * sessions and over the paragraphs. Send times are taken just before each
 * request; a post's live frame may reach observers before its response
 * reaches us, which is why arrivals are matched by the body's marker.
 */
export class CommentPoster {
  readonly sendTimes: number[] = [];
  /** Per post: HTTP status (0: no answer) and ms from send to response read; undefined while in flight. */
  readonly answers: ({ status: number; ms: number; error?: string } | undefined)[] = [];
  skipped = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly origin: string,
    private readonly documentId: string,
    private readonly cookies: string[],
    private readonly pids: string[],
    private readonly ratePerS: number,
    /** Most posts in a run: the width of the observers' comment table. */
    private readonly capacity: number,
  ) {}

  /** Starts posting at `atMs` (on the clock of {@link nowMs}). */
  start(atMs: number): void {
    let due = 0;
    const tick = () => {
      const now = nowMs();
      const target = Math.floor(((now - atMs) * this.ratePerS) / 1000);
      for (; due < target; due++) {
        if (this.sendTimes.length >= this.capacity) this.skipped += 1;
        else this.post(this.sendTimes.length);
      }
      this.timer = setTimeout(tick, 5);
    };
    this.timer = setTimeout(tick, Math.max(0, atMs - nowMs()));
  }

  /** Stops posting; posts in flight go on. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Waits for every post's answer. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Whether every post was answered and every observer has every accepted one. */
  settled(views: SharedViews): boolean {
    if (this.inFlight.size > 0) return false;
    const { observers, comments } = views.layout;
    for (let n = 0; n < this.sendTimes.length; n++) {
      if (this.answers[n]?.status !== 201) continue;
      for (let o = 0; o < observers; o++) if (views.commentSeen[o * comments + n] === 0) return false;
    }
    return true;
  }

  private post(n: number): void {
    const cookie = this.cookies[n % this.cookies.length]!;
    const pid = this.pids[(n * 13) % this.pids.length]!;
    const body = JSON.stringify({ pid, body: postBody(n) });
    this.answers[n] = undefined;
    const sentAt = nowMs();
    this.sendTimes[n] = sentAt;
    const request = fetch(`${this.origin}/api/documents/${this.documentId}/comments`, {
      method: "POST",
      headers: { cookie, origin: this.origin, "content-type": "application/json" },
      body,
    }).then(
      async (res) => {
        await res.arrayBuffer();
        this.answers[n] = { status: res.status, ms: nowMs() - sentAt };
      },
      (err: unknown) => {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        this.answers[n] = { status: 0, ms: nowMs() - sentAt, error: cause?.code ?? cause?.message ?? String(err) };
      },
    );
    const tracked = request.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

/**
 * Times `count` sequential GETs of the full thread list, each from sending
 * to the last byte of the body; at `deadlineMs` the GET in flight is
 * abandoned (counted in `timedOut`, its time up to then kept) and no more
 * are made.
 */
export async function timeGets(origin: string, documentId: string, cookie: string, count: number, deadlineMs = Infinity): Promise<GetStats> {
  const times: number[] = [];
  let ok = 0;
  let timedOut = 0;
  let last: ArrayBuffer | null = null;
  for (let i = 0; i < count && nowMs() < deadlineMs; i++) {
    const start = nowMs();
    const signal = Number.isFinite(deadlineMs) ? AbortSignal.timeout(Math.max(1, Math.ceil(deadlineMs - start))) : undefined;
    try {
      const res = await fetch(`${origin}/api/documents/${documentId}/comments`, { headers: { cookie, origin }, signal });
      const body = await res.arrayBuffer();
      times.push(nowMs() - start);
      if (res.status === 200) {
        ok += 1;
        last = body;
      }
    } catch (err) {
      times.push(nowMs() - start);
      if (signal?.aborted) timedOut += 1;
      else throw err;
    }
  }
  const threads = last ? (JSON.parse(Buffer.from(last).toString("utf8")) as { threads: unknown[] }).threads.length : 0;
  const sorted = Float64Array.from(times);
  const summary = summarizeLatencies(sorted);
  return {
    requests: times.length,
    ok,
    timedOut,
    threads,
    bytes: last?.byteLength ?? 0,
    ms: {
      p50: round(summary.p50), p99: round(summary.p99), max: round(summary.max), min: round(sorted[0] ?? Number.NaN),
      first: round(times[0] ?? Number.NaN),
    },
  };
}

/**
 * Reads every post's send time and answer and every observer's arrival
 * times: latencies count posts sent in [windowStartMs, windowEndMs), losses
 * count every accepted post of the run.
 */
export function analyzeComments(
  views: SharedViews,
  poster: CommentPoster,
  windowStartMs: number,
  windowEndMs: number,
  threadsBefore: number,
  getQuiet: GetStats,
  getLoaded: GetStats,
): CommentStats {
  const { observers, comments } = views.layout;
  const delivery: number[] = [];
  const lastObserver: number[] = [];
  const postTimes: number[] = [];
  const refused: Record<number, number> = {};
  const examples: string[] = [];
  const perPost: [number, number, number][] = [];
  let accepted = 0;
  let postedInWindow = 0;
  let received = 0;
  let missing = 0;
  for (let n = 0; n < poster.sendTimes.length; n++) {
    const sentAt = poster.sendTimes[n]!;
    const answer = poster.answers[n];
    const inWindow = sentAt >= windowStartMs && sentAt < windowEndMs;
    if (inWindow) postedInWindow += 1;
    if (answer && inWindow) postTimes.push(answer.ms);
    if (answer?.status !== 201) {
      const status = answer?.status ?? 0;
      refused[status] = (refused[status] ?? 0) + 1;
      if (examples.length < 5) examples.push(`${commentMarker(n)} answered ${status}${answer?.error ? ` (${answer.error})` : ""}`);
      if (inWindow) perPost.push([round(sentAt - windowStartMs), round(answer?.ms ?? -1), -1]);
      continue;
    }
    accepted += 1;
    let latest = 0;
    let unseen = 0;
    for (let o = 0; o < observers; o++) {
      const seenAt = views.commentSeen[o * comments + n]!;
      if (seenAt === 0) {
        unseen += 1;
        continue;
      }
      received += 1;
      latest = Math.max(latest, seenAt);
      if (inWindow) delivery.push(seenAt - sentAt);
    }
    missing += unseen;
    if (inWindow) perPost.push([round(sentAt - windowStartMs), round(answer.ms), unseen > 0 ? -1 : round(latest - sentAt)]);
    if (unseen > 0) {
      if (examples.length < 5) examples.push(`${commentMarker(n)} not received by ${unseen} observers`);
    } else if (inWindow) lastObserver.push(latest - sentAt);
  }
  const badFrames = sumCounter(views, Counter.BadCommentFrames);
  const refusedCount = Object.values(refused).reduce((a, b) => a + b, 0);
  return {
    threadsBefore,
    ratePerS: poster.sendTimes.length > 0 ? round((postedInWindow * 1000) / (windowEndMs - windowStartMs)) : 0,
    posted: poster.sendTimes.length,
    postedInWindow,
    accepted,
    refused,
    skipped: poster.skipped,
    postMs: summarizeLatencies(Float64Array.from(postTimes)),
    deliveryMs: summarizeLatencies(Float64Array.from(delivery)),
    lastObserverMs: summarizeLatencies(Float64Array.from(lastObserver)),
    expected: accepted * observers,
    received,
    missing,
    badFrames,
    examples,
    perPost,
    getQuiet,
    getLoaded,
    ok: refusedCount === 0 && missing === 0 && badFrames === 0 && poster.skipped === 0 &&
      // A GET cut off at the deadline is slow, not wrong: it shows in the times, not as a failure.
      getQuiet.ok + getQuiet.timedOut === getQuiet.requests && getLoaded.ok + getLoaded.timedOut === getLoaded.requests,
  };
}
