import type { SharedViews } from "./sharedState.js";

/** Percentiles of a latency distribution, in ms. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** What the shared timing tables say about one run. */
export interface TokenAnalysis {
  /** Tokens typed over the whole run (warm-up included). */
  sent: number;
  /** Tokens whose Saved acknowledgement reached their editor. */
  acknowledged: number;
  sentInWindow: number;
  /** Edit (send) to arrival at a sampling observer, for tokens sent in the measured window. */
  deliveryMs: LatencySummary;
  /** Edit to Saved acknowledgement at the editor, for tokens sent in the measured window. */
  ackMs: LatencySummary;
  /** Tokens never acknowledged to their editor. */
  unacknowledged: number;
  /** Tokens at least one sampling observer never saw, and the (token, observer) pairs missing. */
  unseenTokens: number;
  unseenPairs: number;
  /** A few missing tokens, for debugging. */
  examples: string[];
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Summarises latencies (sorting them in place). */
export function summarizeLatencies(values: Float64Array): LatencySummary {
  values.sort();
  let total = 0;
  for (const v of values) total += v;
  return {
    samples: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    p999: percentile(values, 99.9),
    max: values.length ? values[values.length - 1]! : Number.NaN,
    mean: values.length ? total / values.length : Number.NaN,
  };
}

/**
 * Reads every token's send, acknowledgement and arrival times; latencies
 * count tokens sent in [windowStartMs, windowEndMs), losses count every token.
 */
export function analyzeTokens(views: SharedViews, windowStartMs: number, windowEndMs: number): TokenAnalysis {
  const { editors, capacity, samplers } = views.layout;
  const slots = editors * capacity;
  let sent = 0;
  let sentInWindow = 0;
  let acknowledged = 0;
  let unseenTokens = 0;
  let unseenPairs = 0;
  const examples: string[] = [];
  const delivery: number[] = [];
  const acks: number[] = [];
  for (let editor = 0; editor < editors; editor++) {
    const count = views.sentCounts[editor]!;
    sent += count;
    for (let seq = 0; seq < count; seq++) {
      const slot = editor * capacity + seq;
      const sentAt = views.sendTimes[slot]!;
      const ackAt = views.ackTimes[slot]!;
      const inWindow = sentAt >= windowStartMs && sentAt < windowEndMs;
      if (inWindow) sentInWindow += 1;
      if (ackAt > 0) {
        acknowledged += 1;
        if (inWindow) acks.push(ackAt - sentAt);
      } else if (examples.length < 5) examples.push(`⟦e${editor}#${seq}⟧ not acknowledged`);
      let missing = 0;
      for (let s = 0; s < samplers; s++) {
        const seenAt = views.seenTimes[s * slots + slot]!;
        if (seenAt === 0) missing += 1;
        else if (inWindow) delivery.push(seenAt - sentAt);
      }
      if (missing > 0) {
        unseenTokens += 1;
        unseenPairs += missing;
        if (examples.length < 5) examples.push(`⟦e${editor}#${seq}⟧ unseen by ${missing} samplers`);
      }
    }
  }
  return {
    sent,
    acknowledged,
    sentInWindow,
    deliveryMs: summarizeLatencies(Float64Array.from(delivery)),
    ackMs: summarizeLatencies(Float64Array.from(acks)),
    unacknowledged: sent - acknowledged,
    unseenTokens,
    unseenPairs,
    examples,
  };
}

/** Whether every token was acknowledged (unless `acks` is false) and seen by every sampling observer. */
export function allDelivered(views: SharedViews, acks = true): boolean {
  const { editors, capacity, samplers } = views.layout;
  const slots = editors * capacity;
  for (let editor = 0; editor < editors; editor++) {
    const count = views.sentCounts[editor]!;
    for (let seq = 0; seq < count; seq++) {
      const slot = editor * capacity + seq;
      if (acks && views.ackTimes[slot] === 0) return false;
      for (let s = 0; s < samplers; s++) if (views.seenTimes[s * slots + slot] === 0) return false;
    }
  }
  return true;
}
