import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { percentile } from "./analyze.js";
import type { BenchOptions } from "./options.js";
import type { Pinning } from "./pinning.js";
import type { RunResult } from "./runResult.js";

/** The machine a result was measured on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryMiB: number;
  node: string;
  openFileLimit: number | null;
}

/** A metric over several runs: the median and the spread. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The file written to --json. */
export interface BenchReport {
  measuredAt: string;
  /** SHA-256 over server/, shared/ and schemas/ sources: which server code was measured (the tree changes often). */
  sourceHash: string;
  machine: MachineInfo;
  /** Whether the server and the generator ran on cores of their own (--pin). */
  pinning?: Pinning;
  options: BenchOptions;
  summary: Record<string, Spread>;
  /** p99 edit-to-observer latency <= 100 ms, nothing lost and converged, in the median run. */
  targetMet: boolean;
  ok: boolean;
  runs: RunResult[];
  /** Runs repeated because other processes used the CPUs meanwhile; not in the summary. */
  disturbed: RunResult[];
  /** With --flood: the same load with one flooding socket more, run beside each run above. */
  flood?: {
    summary: Record<string, Spread>;
    runs: RunResult[];
    /** Median p99 with the flood over median p99 without, and whether it is within {@link TARGET_FLOOD_RATIO}. */
    p99Ratio: number;
    targetMet: boolean;
  };
  /** With --comments: the comment load's metrics over the runs above, and the two targets. */
  comments?: {
    summary: Record<string, Spread>;
    /** Median p99 post-to-observer latency <= {@link TARGET_COMMENT_P99_MS}, nothing missing. */
    latencyTargetMet: boolean;
    /** Median (over runs) of the quiet GETs' median <= {@link TARGET_COMMENT_GET_MS}. */
    getTargetMet: boolean;
  };
}

/** Target of the product: p99 edit-to-observer latency at most this, with nothing lost. */
export const TARGET_P99_MS = 100;

/** With --flood: everyone else's p99 with the flooding socket may be at most this times the p99 without it. */
export const TARGET_FLOOD_RATIO = 1.5;

/** With --comments: p99 from posting a comment to an observer receiving it, at most this. */
export const TARGET_COMMENT_P99_MS = 250;

/** With --comments: a GET of the full thread list (2,000 threads) within this. */
export const TARGET_COMMENT_GET_MS = 100;

/** Describes this machine. */
export function readMachineInfo(openFileLimit: number | null): MachineInfo {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    openFileLimit,
  };
}

/** Hashes every file under the given directories (sorted by path), to identify the code a result belongs to. */
export function hashSources(root: string, dirs: string[]): string {
  const hash = createHash("sha256");
  const files = dirs.flatMap((dir) =>
    (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)));
  for (const file of files.sort()) {
    const full = path.join(root, file);
    if (!fs.statSync(full).isFile()) continue;
    hash.update(file).update("\0").update(fs.readFileSync(full));
  }
  return hash.digest("hex").slice(0, 16);
}

const METRICS: Record<string, (r: RunResult) => number> = {
  "p50 ms": (r) => r.tokens.deliveryMs.p50,
  "p95 ms": (r) => r.tokens.deliveryMs.p95,
  "p99 ms": (r) => r.tokens.deliveryMs.p99,
  "max ms": (r) => r.tokens.deliveryMs.max,
  "ack p99 ms": (r) => r.tokens.ackMs.p99,
  "sent/s": (r) => r.achievedRatePerS,
  "frames/s to obs": (r) => r.delivered.framesPerS,
  "MB/s to obs": (r) => r.delivered.bytesPerS / 1e6,
  "server CPU %": (r) => r.server.cpuPct,
  "server peak MiB": (r) => r.server.peakRssMiB,
  "generator CPU %": (r) => r.generator.cpuPct,
  "gen. loop p99 ms": (r) => r.generator.loopDelayP99Ms,
  "machine busy %": (r) => r.machineBusyPct,
  "other procs CPU %": (r) => r.otherPct,
  lost: (r) => r.tokens.unacknowledged + r.tokens.unseenTokens,
};

const COMMENT_METRICS: Record<string, (r: RunResult) => number> = {
  "comment p50 ms": (r) => r.comments!.deliveryMs.p50,
  "comment p95 ms": (r) => r.comments!.deliveryMs.p95,
  "comment p99 ms": (r) => r.comments!.deliveryMs.p99,
  "comment max ms": (r) => r.comments!.deliveryMs.max,
  "last obs. p99 ms": (r) => r.comments!.lastObserverMs.p99,
  "POST p50 ms": (r) => r.comments!.postMs.p50,
  "POST p99 ms": (r) => r.comments!.postMs.p99,
  "posted/s": (r) => r.comments!.ratePerS,
  "GET quiet p50 ms": (r) => r.comments!.getQuiet.ms.p50,
  "GET quiet p99 ms": (r) => r.comments!.getQuiet.ms.p99,
  "GET loaded p50 ms": (r) => r.comments!.getLoaded.ms.p50,
  "GET loaded p99 ms": (r) => r.comments!.getLoaded.ms.p99,
  "GET MB": (r) => r.comments!.getQuiet.bytes / 1e6,
  "comments missing": (r) => r.comments!.missing,
};

/** Median, min and max of the comment load's metrics over runs that had it. */
export function summarizeComments(runs: RunResult[]): Record<string, Spread> {
  return summarize(runs, COMMENT_METRICS);
}

/** Median, min and max of every headline metric over the runs. */
export function summarizeRuns(runs: RunResult[]): Record<string, Spread> {
  return summarize(runs, METRICS);
}

function summarize(runs: RunResult[], metrics: Record<string, (r: RunResult) => number>): Record<string, Spread> {
  const summary: Record<string, Spread> = {};
  for (const [name, read] of Object.entries(metrics)) {
    const values = runs.map(read).sort((a, b) => a - b);
    summary[name] = { median: median(values), min: values[0]!, max: values[values.length - 1]! };
  }
  return summary;
}

function median(sorted: number[]): number {
  if (sorted.length % 2 === 1) return percentile(sorted, 50);
  return (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "-";
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** What the flooding socket of a run did, as one line. */
export function formatFlood(r: RunResult): string {
  const f = r.flood;
  if (!f) return "";
  return `  flooding socket: ${f.updatesSent} updates sent, ${f.updatesStored} stored; ${f.presenceSent} presence messages sent; ` +
    `${f.connections} connections, closed by the server ${JSON.stringify(f.closes)}`;
}

/** What the comment load of a run measured, as a few lines. */
export function formatComments(r: RunResult): string {
  const c = r.comments;
  if (!c) return "";
  const d = c.deliveryMs;
  const get = (g: typeof c.getQuiet) =>
    `p50 ${fmt(g.ms.p50)}  p99 ${fmt(g.ms.p99)}  max ${fmt(g.ms.max)}  first ${fmt(g.ms.first)}  (${g.ok}/${g.requests} answered 200${g.timedOut ? `, ${g.timedOut} cut off` : ""}, ${g.threads} threads, ${fmt(g.bytes / 1e6)} MB)`;
  return [
    `  post->observer ms  p50 ${fmt(d.p50)}  p95 ${fmt(d.p95)}  p99 ${fmt(d.p99)}  max ${fmt(d.max)}  (${d.samples} deliveries; ` +
      `to the last observer p50 ${fmt(c.lastObserverMs.p50)} p99 ${fmt(c.lastObserverMs.p99)})`,
    `  POST ms            p50 ${fmt(c.postMs.p50)}  p99 ${fmt(c.postMs.p99)}  max ${fmt(c.postMs.max)}; ${c.posted} posted ` +
      `(${c.postedInWindow} in the window, ${fmt(c.ratePerS)}/s), ${c.accepted} accepted, refused ${JSON.stringify(c.refused)}, skipped ${c.skipped}`,
    `  deliveries to observers: expected ${c.expected}, received ${c.received}, missing ${c.missing}; bad frames ${c.badFrames}`,
    `  GET ${c.threadsBefore} threads, before the load  ${get(c.getQuiet)}`,
    `  GET under the load           ${get(c.getLoaded)}`,
    ...(c.examples.length ? [`  e.g. ${c.examples.join("; ")}`] : []),
  ].join("\n");
}

/** One run as a few lines of text, printed as soon as it ends. */
export function formatRun(index: number, r: RunResult): string {
  const d = r.tokens.deliveryMs;
  const c = r.convergence;
  return [
    `run ${index + 1}: ${r.ok ? "OK" : "FAILED"}`,
    `  edit->observer ms  p50 ${fmt(d.p50)}  p95 ${fmt(d.p95)}  p99 ${fmt(d.p99)}  max ${fmt(d.max)}  (${d.samples} samples)`,
    `  edit->Saved ms     p50 ${fmt(r.tokens.ackMs.p50)}  p99 ${fmt(r.tokens.ackMs.p99)}  max ${fmt(r.tokens.ackMs.max)}`,
    `  updates sent ${r.tokens.sent} (${fmt(r.achievedRatePerS)}/s measured), acknowledged ${r.tokens.acknowledged}, ` +
      `unacknowledged ${r.tokens.unacknowledged}, unseen by samplers ${r.tokens.unseenTokens}, skipped ${r.skippedSends}`,
    `  to observers ${fmt(r.delivered.framesPerS)} frames/s, ${fmt(r.delivered.bytesPerS / 1e6)} MB/s ` +
      `(${fmt(r.delivered.framesPerObserverPerS)} frames/s each)`,
    `  server CPU ${fmt(r.server.cpuPct)} % of a core (${fmt(r.server.systemPct)} in the kernel), RSS peak ${fmt(r.server.peakRssMiB)} MiB under load ` +
      `(${fmt(r.server.processPeakRssMiB)} MiB with start-up and logins); generator CPU ${fmt(r.generator.cpuPct)} % ` +
      `(${fmt(r.generator.systemPct)} in the kernel) ` +
      `with ${r.generator.workers} workers (event-loop delay p99 ${fmt(r.generator.loopDelayP99Ms)} ms); machine busy ${fmt(r.machineBusyPct)} % ` +
      `of all cores, other processes ${fmt(r.otherPct)} % of a core`,
    `  settled in ${fmt(r.settleS)} s${r.settled ? "" : " (TIMED OUT)"}; converged ${c.converged} over ${c.compared.length} clients ` +
      `(${c.differing.length} differ, ${c.missingAcknowledged} acknowledged tokens missing, ${c.duplicated} duplicated); ` +
      `stored copy matches ${c.persisted}; unexpected socket closes ${r.unexpectedCloses}` +
      (r.unexpectedCloses ? ` (by code: ${JSON.stringify(r.closeCodes)})` : ""),
    ...(r.otherPct > 5 ? [`  other CPU users: ${r.others.top.map((p) => `${p.process} ${fmt(p.pct)} %`).join(", ") || "none"}, ` +
      `unattributed (processes that came and went) ${fmt(r.others.unattributedPct)} %; ` +
      `kernel threads ${fmt(r.others.kernelThreadsPct)} % and interrupts ${fmt(r.others.irqPct)} % of a core, ` +
      `steal ${fmt(r.others.stealPct)} % of all cores`] : []),
    ...(r.tokens.examples.length ? [`  e.g. ${r.tokens.examples.join("; ")}`] : []),
    ...(r.server.warnings.length ? [`  server warnings: ${r.server.warnings.length}, first: ${r.server.warnings[0]}`] : []),
  ].join("\n");
}

/** The summary table: one row per metric, median and range over the runs. */
export function formatSummary(options: BenchOptions, summary: Record<string, Spread>, runs: number): string {
  const header = `${options.editors} editors, ${options.observers} observers, ${options.rate} updates/s, ` +
    `${options.durationS} s measured after ${options.warmupS} s warm-up, ${runs} run(s)`;
  const rows = Object.entries(summary).map(([name, s]) =>
    `${name.padEnd(18)} ${fmt(s.median).padStart(10)}   ${runs > 1 ? `(${fmt(s.min)} .. ${fmt(s.max)})` : ""}`);
  return [header, `${"metric".padEnd(18)} ${"median".padStart(10)}   range`, ...rows].join("\n");
}

/** Writes the report as JSON, creating the directory. */
export function writeReport(file: string, report: BenchReport): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
