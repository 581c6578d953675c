import type { TokenAnalysis } from "./analyze.js";
import type { AckMode, TargetKind } from "./targets/adapter.js";
import type { CommentStats } from "./commentLoad.js";
import type { ConvergenceResult } from "./convergence.js";
import type { FloodStats } from "./flooder.js";

/** Everything measured in one run against a fresh server. */
export interface RunResult {
  connectS: number;
  tokens: TokenAnalysis;
  achievedRatePerS: number;
  skippedSends: number;
  unexpectedCloses: number;
  /** Close codes of those sockets, e.g. 4508 when the server dropped a slow consumer. */
  closeCodes: Record<number, number>;
  /** Frames and bytes all observers received per second in the measured window. */
  delivered: { framesPerS: number; bytesPerS: number; framesPerObserverPerS: number };
  /**
   * Server memory: the highest RSS sampled once a second from connecting to
   * settling, and VmHWM, which also covers start-up and the scrypt of logins.
   */
  server: { cpuPct: number; systemPct: number; peakRssMiB: number; processPeakRssMiB: number; exitCode: number | null; warnings: string[] };
  /**
   * Generator CPU, and the worst event-loop delay of its workers in the window (late reads inflate latency);
   * with --comments the delay also covers the GETs under load after the window.
   */
  generator: { cpuPct: number; systemPct: number; workers: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
  /** The measured window on this process's monotonic clock (ms), to line up with CPU profiles. */
  window: { startMs: number; endMs: number };
  machineBusyPct: number;
  /**
   * CPU used by other user-space processes in the window, in % of one core:
   * load we did not cause (this machine is shared with tests and builds).
   * It includes busy time no live process accounts for, which is what
   * processes that started and ended inside the window leave behind.
   */
  otherPct: number;
  /**
   * The busiest other processes; kernel threads and interrupts (largely the
   * loopback network work of this run), in % of one core; steal in % of all cores.
   */
  others: {
    top: { process: string; pct: number }[];
    /** Machine busy time that no live process accounts for (% of one core). */
    unattributedPct: number;
    kernelThreadsPct: number;
    irqPct: number;
    stealPct: number;
  };
  /** Per second of the measured window: server and generator CPU in % of one core, server RSS. */
  timeline: { serverPct: number; generatorPct: number; serverRssMiB: number }[];
  settleS: number;
  settled: boolean;
  convergence: ConvergenceResult & { persisted: boolean };
  /** The flooding socket's doings, in a run with one (--flood). */
  flood: FloodStats | null;
  /** The comment load's deliveries, posts and GETs, in a run with it (--comments). */
  comments: CommentStats | null;
  /** The server driven (`npm run bench -- --compare` drives three), its pinning, acknowledgements and storage. */
  target?: { kind: TargetKind; cpus: string | null; serverAllowed: string | null; acks: AckMode; stored: boolean };
  /** A join storm: observers connecting at once when the window began, and the latency while they joined. */
  storm?: (StormTimes & { tokens: TokenAnalysis }) | null;
  ok: boolean;
}

/** When a join storm began and ended (ms on the generator's clock), and how long it took. */
export interface StormTimes {
  startedAt: number;
  /** When the last deferred observer had its sync step 2. */
  allSyncedAt: number;
  observers: number;
  syncS: number;
  /** Time from opening a socket to its sync step 2 (median, p99, longest), the worst worker's. */
  syncMsP50: number;
  syncMsP99: number;
  syncMsMax: number;
}
