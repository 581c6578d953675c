import type { Rung } from "./options.js";
import type { Pinning } from "./pinning.js";
import type { RunResult } from "./runResult.js";
import type { TargetKind } from "./targets/adapter.js";

/** Where in `--compare` a run belongs. */
export type Section = "ladder" | "target" | "stretch" | "storm";

/** One run of one target, reduced to what the comparison reports (NaN where a run failed). */
export interface CompareRun extends Rung {
  section: Section;
  target: TargetKind;
  ok: boolean;
  error?: string;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  ackP99Ms: number;
  /** Share of (token, sampling observer) pairs delivered by the end of the run, in %. */
  deliveredPct: number;
  achievedRate: number;
  framesPerS: number;
  serverCpuPct: number;
  /** Server CPU per frame observers received, and per update delivered to one observer, in µs. */
  cpuPerFrameUs: number;
  cpuPerDeliveryUs: number;
  peakRssMiB: number;
  generatorCpuPct: number;
  generatorLoopP99Ms: number;
  otherPct: number;
  converged: boolean;
  persisted: boolean;
  storm?: { observers: number; syncS: number; p50Ms: number; p99Ms: number; syncMsP50: number };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Reduces a run (or a failure) to a {@link CompareRun}. */
export function toCompareRun(section: Section, target: TargetKind, rung: Rung, result: RunResult | null, samplers: number,
  error?: string): CompareRun {
  if (!result) {
    return { section, target, ...rung, ok: false, error, p50Ms: NaN, p99Ms: NaN, p999Ms: NaN, maxMs: NaN, ackP99Ms: NaN,
      deliveredPct: NaN, achievedRate: NaN, framesPerS: NaN, serverCpuPct: NaN, cpuPerFrameUs: NaN, cpuPerDeliveryUs: NaN,
      peakRssMiB: NaN, generatorCpuPct: NaN, generatorLoopP99Ms: NaN, otherPct: NaN, converged: false, persisted: false };
  }
  const { tokens } = result;
  const pairs = tokens.sent * samplers;
  const cpuUsPerS = result.server.cpuPct * 1e4;
  const storm = result.storm;
  return {
    section, target, ...rung,
    ok: result.ok,
    p50Ms: r1(tokens.deliveryMs.p50), p99Ms: r1(tokens.deliveryMs.p99), p999Ms: r1(tokens.deliveryMs.p999),
    maxMs: r1(tokens.deliveryMs.max), ackP99Ms: r1(tokens.ackMs.p99),
    deliveredPct: pairs > 0 ? Math.floor((10000 * (pairs - tokens.unseenPairs)) / pairs) / 100 : NaN,
    achievedRate: result.achievedRatePerS,
    framesPerS: result.delivered.framesPerS,
    serverCpuPct: result.server.cpuPct,
    cpuPerFrameUs: r1(cpuUsPerS / Math.max(1, result.delivered.framesPerS)),
    // Well under 1 µs where frames merge many updates: three decimals.
    cpuPerDeliveryUs: Math.round((1000 * cpuUsPerS) / Math.max(1, result.achievedRatePerS * rung.observers)) / 1000,
    peakRssMiB: result.server.peakRssMiB,
    generatorCpuPct: result.generator.cpuPct,
    generatorLoopP99Ms: result.generator.loopDelayP99Ms,
    otherPct: result.otherPct,
    converged: result.convergence.converged,
    persisted: result.convergence.persisted,
    ...(storm ? { storm: { observers: storm.observers, syncS: storm.syncS, p50Ms: r1(storm.tokens.deliveryMs.p50),
      p99Ms: r1(storm.tokens.deliveryMs.p99), syncMsP50: storm.syncMsP50 } } : {}),
  };
}

/** Median and range of one metric over runs. */
export interface Spread { median: number; min: number; max: number; n: number }

function spread(values: number[]): Spread {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const mid = Math.floor(v.length / 2);
  return { median: v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2, min: v[0]!, max: v[v.length - 1]!, n: v.length };
}

const METRICS = ["p50Ms", "p99Ms", "p999Ms", "deliveredPct", "cpuPerFrameUs", "cpuPerDeliveryUs", "peakRssMiB", "serverCpuPct",
  "framesPerS", "generatorCpuPct", "ackP99Ms"] as const;
type Metric = (typeof METRICS)[number];

/** What the comparison concludes, per rung and target. */
export interface CompareSummary {
  /** Key `E+O@RATE` (section apart for the stretch and the storm), then target: each metric's spread. */
  rungs: Record<string, Partial<Record<TargetKind, Record<Metric, Spread> & { ok: boolean; runs: number }>>>;
  /** Per target and size (`E+O`): the highest rate of the ladder held at p99 <= 250 ms with everything delivered. */
  highestRateHeld: Record<string, Partial<Record<TargetKind, number | null>>>;
  storm: Partial<Record<TargetKind, { syncS: Spread; p99Ms: Spread; ok: boolean }>>;
}

export const HOLD_P99_MS = 250;

const key = (r: CompareRun) => `${r.section === "storm" ? "storm " : r.section === "stretch" ? "stretch " : ""}${r.editors}+${r.observers}@${r.rate}`;

/** Medians and ranges per rung and target; the highest rate held; the storm. */
export function summarizeCompare(runs: CompareRun[], targets: TargetKind[]): CompareSummary {
  const rungs: CompareSummary["rungs"] = {};
  for (const k of [...new Set(runs.map(key))]) {
    rungs[k] = {};
    for (const t of targets) {
      const these = runs.filter((r) => key(r) === k && r.target === t);
      if (these.length === 0) continue;
      const metrics = Object.fromEntries(METRICS.map((m) => [m, spread(these.map((r) => r[m]))])) as Record<Metric, Spread>;
      rungs[k]![t] = { ...metrics, ok: these.every((r) => r.ok), runs: these.length };
    }
  }
  const highestRateHeld: CompareSummary["highestRateHeld"] = {};
  for (const r of runs.filter((x) => x.section !== "storm" && x.section !== "stretch")) {
    const size = `${r.editors}+${r.observers}`;
    highestRateHeld[size] ??= {};
    const current = highestRateHeld[size]![r.target] ?? null;
    const held = r.ok && r.p99Ms <= HOLD_P99_MS && r.deliveredPct >= 100;
    highestRateHeld[size]![r.target] = held && (current === null || r.rate > current) ? r.rate : current;
  }
  const storm: CompareSummary["storm"] = {};
  for (const t of targets) {
    const these = runs.filter((r) => r.section === "storm" && r.target === t);
    if (these.length === 0) continue;
    storm[t] = { syncS: spread(these.map((r) => r.storm?.syncS ?? NaN)), p99Ms: spread(these.map((r) => r.storm?.p99Ms ?? NaN)),
      ok: these.every((r) => r.ok) };
  }
  return { rungs, highestRateHeld, storm };
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString("en-US");
  if (Math.abs(n) >= 100) return n.toFixed(0);
  return String(Math.round(n * 10) / 10);
}

function cell(s: Spread | undefined): string {
  if (!s || s.n === 0) return "–";
  return s.n > 1 && s.min !== s.max ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : fmt(s.median);
}

const ratio = (a: Spread | undefined, b: Spread | undefined) =>
  a && b && Number.isFinite(a.median) && Number.isFinite(b.median) && b.median > 0 ? (a.median / b.median).toFixed(2) : "–";

/** Markdown tables of the comparison, for the log and docs/performance/side-by-side.md. */
export function formatCompare(summary: CompareSummary, runs: CompareRun[], targets: TargetKind[],
  meta: { commit: string; pinning: Pinning; windowS: number; warmupS: number }): string {
  const lines: string[] = [];
  const flags = meta.pinning.serverNodeFlags === undefined ? "" : `servers started with ${meta.pinning.serverNodeFlags.join(" ") || "no V8 flags"}; `;
  lines.push(`Accord ${meta.commit}; ${meta.pinning.pinned ? `server pinned to core ${meta.pinning.serverCpus}, generator to ${meta.pinning.generatorCpus}` : "unpinned"}; ` +
    `${flags}${meta.windowS} s measured after ${meta.warmupS} s warm-up; medians (min–max) where repeated.`);
  lines.push("");
  lines.push("| load | target | runs | p50 ms | p99 ms | p99.9 ms | delivered % | server CPU % | µs per frame | µs per update delivered | peak RSS MiB | generator CPU % | ok |");
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const [k, byTarget] of Object.entries(summary.rungs)) {
    for (const t of targets) {
      const s = byTarget[t];
      if (!s) continue;
      const failed = runs.find((r) => key(r) === k && r.target === t && r.error)?.error;
      lines.push(`| ${k} | ${t} | ${s.runs} | ${cell(s.p50Ms)} | ${cell(s.p99Ms)} | ${cell(s.p999Ms)} | ${cell(s.deliveredPct)} | ` +
        `${cell(s.serverCpuPct)} | ${cell(s.cpuPerFrameUs)} | ${cell(s.cpuPerDeliveryUs)} | ${cell(s.peakRssMiB)} | ` +
        `${cell(s.generatorCpuPct)} | ${s.ok ? "yes" : failed ? failed.slice(0, 60) : "no"} |`);
    }
  }
  if (targets.includes("accord")) {
    lines.push("");
    lines.push("Ratios of medians, Accord / Hocuspocus and Accord / relay (below 1: Accord lower):");
    lines.push("");
    lines.push("| load | p99 / HP | p99 / relay | µs per frame / HP | µs per frame / relay | µs per update / HP | µs per update / relay | RSS / HP | RSS / relay |");
    lines.push("|---|---|---|---|---|---|---|---|---|");
    for (const [k, s] of Object.entries(summary.rungs)) {
      const a = s.accord;
      if (!a) continue;
      const h = s.hocuspocus;
      const rl = s.relay;
      lines.push(`| ${k} | ${ratio(a.p99Ms, h?.p99Ms)} | ${ratio(a.p99Ms, rl?.p99Ms)} | ${ratio(a.cpuPerFrameUs, h?.cpuPerFrameUs)} | ` +
        `${ratio(a.cpuPerFrameUs, rl?.cpuPerFrameUs)} | ${ratio(a.cpuPerDeliveryUs, h?.cpuPerDeliveryUs)} | ` +
        `${ratio(a.cpuPerDeliveryUs, rl?.cpuPerDeliveryUs)} | ${ratio(a.peakRssMiB, h?.peakRssMiB)} | ${ratio(a.peakRssMiB, rl?.peakRssMiB)} |`);
    }
  }
  lines.push("");
  lines.push(`Highest rate of the ladder held at p99 <= ${HOLD_P99_MS} ms with everything delivered (updates/s; – none):`);
  lines.push("");
  lines.push(`| size | ${targets.join(" | ")} |`);
  lines.push(`|---|${targets.map(() => "---").join("|")}|`);
  for (const [size, byTarget] of Object.entries(summary.highestRateHeld)) {
    lines.push(`| ${size} | ${targets.map((t) => (byTarget[t] === undefined ? "–" : byTarget[t] === null ? "none" : fmt(byTarget[t]!))).join(" | ")} |`);
  }
  if (Object.keys(summary.storm).length > 0) {
    lines.push("");
    lines.push("Join storm (observers joining at once while the editors type):");
    lines.push("");
    lines.push("| target | all synced s | editors' p99 ms during the storm | ok |");
    lines.push("|---|---|---|---|");
    for (const t of targets) {
      const s = summary.storm[t];
      if (s) lines.push(`| ${t} | ${cell(s.syncS)} | ${cell(s.p99Ms)} | ${s.ok ? "yes" : "no"} |`);
    }
  }
  return lines.join("\n");
}
