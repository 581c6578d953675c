import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MessageType } from "../../shared/collab/messages.js";
import { SocketInbox, TokenBucket, type SocketBudgetLimits } from "../../server/collab/socketBudget.js";

const LIMITS: SocketBudgetLimits = {
  updates: { perSecond: 20, burst: 10 },
  presence: { perSecond: 5, burst: 3 },
  bytes: { perSecond: 4000, burst: 8000 },
  slowedCloseMs: 2000,
};
const MAX_MESSAGE = 1000;

/** A frame of `kind` and `size` bytes, numbered in its last bytes so order can be checked. */
function frame(kind: "update" | "awareness", size: number, n: number): Uint8Array {
  const bytes = new Uint8Array(Math.max(size, 5));
  bytes[0] = kind === "update" ? MessageType.Sync : MessageType.Awareness;
  new DataView(bytes.buffer).setUint32(bytes.length - 4, n);
  return bytes;
}
const numberOf = (bytes: Uint8Array) => new DataView(bytes.buffer).getUint32(bytes.length - 4);

describe("the budget of one socket", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("a token bucket gives its burst at once, then its rate", () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, 0);
    for (let i = 0; i < 5; i++) {
      expect(bucket.waitFor(1, 0)).toBe(0);
      bucket.take(1, 0);
    }
    expect(bucket.waitFor(1, 0)).toBe(100);
    expect(bucket.waitFor(1, 100)).toBe(0);
    // It never holds more than its burst.
    expect(bucket.waitFor(6, 10_000)).toBe(0);
    bucket.take(5, 10_000);
    expect(bucket.waitFor(1, 10_000)).toBe(100);
  });

  it("delivers within the rate, in order, the newest presence, and closes only a socket that was slowed", () => {
    const event = fc.record({
      // Mostly bursts (no time between frames), with pauses of up to 300 ms.
      delay: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }) }),
      kind: fc.constantFrom("update" as const, "update" as const, "awareness" as const),
      size: fc.integer({ min: 5, max: MAX_MESSAGE }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 300, size: "large" }), (events) => {
        vi.setSystemTime(0);
        const start = Date.now();
        const delivered: { at: number; frame: Uint8Array; seq: number }[] = [];
        /** Receipts and deliveries in one sequence. */
        let seq = 0;
        const received: { frame: Uint8Array; seq: number }[] = [];
        let paused = false;
        let wasPaused = false;
        let closedWith: string | null = null;
        let terminated = false;
        const inbox = new SocketInbox(LIMITS, MAX_MESSAGE, {
          pause: () => {
            expect(paused).toBe(false);
            paused = wasPaused = true;
          },
          resume: () => {
            paused = false;
          },
          terminate: () => {
            terminated = true;
          },
        }, {
          deliver: (f) => delivered.push({ at: Date.now() - start, frame: f, seq: seq++ }),
          closed: () => closedWith !== null,
          tooFast: (reason) => (closedWith = reason),
        }, () => Date.now());

        const sent: Uint8Array[] = [];
        events.forEach((e, n) => {
          vi.advanceTimersByTime(e.delay);
          if (closedWith !== null) return;
          const f = frame(e.kind, e.size, n);
          sent.push(f);
          received.push({ frame: f, seq: seq++ });
          inbox.receive(f);
        });
        vi.advanceTimersByTime(60_000);

        // Never more than the burst plus the rate over any prefix of time.
        const within = (kind: number, rate: { perSecond: number; burst: number }) => {
          const times = delivered.filter((d) => d.frame[0] === kind).map((d) => d.at);
          times.forEach((t, i) => expect(i + 1).toBeLessThanOrEqual(rate.burst + Math.floor((t * rate.perSecond) / 1000) + 1));
        };
        within(MessageType.Sync, LIMITS.updates);
        within(MessageType.Awareness, LIMITS.presence);
        let bytes = 0;
        for (const d of delivered) {
          bytes += d.frame.length;
          expect(bytes).toBeLessThanOrEqual(Math.max(LIMITS.bytes.burst, MAX_MESSAGE) + (d.at * LIMITS.bytes.perSecond) / 1000 + 1);
        }

        // Document messages keep their order; a delivered presence state is never older than one delivered before it.
        const updates = delivered.filter((d) => d.frame[0] === MessageType.Sync).map((d) => numberOf(d.frame));
        expect(updates).toEqual([...updates].sort((a, b) => a - b));
        const states = delivered.filter((d) => d.frame[0] === MessageType.Awareness).map((d) => numberOf(d.frame));
        expect(states).toEqual([...states].sort((a, b) => a - b));

        // Presence is coalesced: a state delivered is the newest the socket had sent by then.
        for (const d of delivered.filter((x) => x.frame[0] === MessageType.Awareness)) {
          const newer = received.filter((r) => r.frame[0] === MessageType.Awareness && r.seq < d.seq && numberOf(r.frame) > numberOf(d.frame));
          expect(newer).toEqual([]);
        }

        if (closedWith === null) {
          // Nothing is lost: every document message arrives, and the newest presence state.
          expect(updates).toEqual(sent.filter((f) => f[0] === MessageType.Sync).map(numberOf));
          const newest = sent.filter((f) => f[0] === MessageType.Awareness).at(-1);
          if (newest) expect(states.at(-1)).toBe(numberOf(newest));
          expect(paused).toBe(false);
          expect(terminated).toBe(false);
        } else {
          // Closed only after being slowed; not read again, and dropped after the grace.
          expect(wasPaused).toBe(true);
          expect(terminated).toBe(true);
        }
      }),
      { numRuns: Number(process.env.BUDGET_RUNS ?? 300) },
    );
  });
});
