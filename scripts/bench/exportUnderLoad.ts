import { setTimeout as sleep } from "node:timers/promises";
import { percentile } from "./analyze.js";
import { createFixture, removeFixture } from "./fixture.js";
import { parseBenchOptions, type BenchOptions } from "./options.js";
import { readOpenFileLimit, readProcessCpuMs, waitForQuietMachine } from "./procStats.js";
import { treeCpuMs } from "./processTree.js";
import { formatRun, readMachineInfo, summarizeRuns, TARGET_P99_MS, writeReport } from "./report.js";
import { runOnce, type DuringRun } from "./runOnce.js";
import type { RunResult } from "./runResult.js";
import { nowMs } from "./sharedState.js";

const QUIET_BUSY_PCT = 15;
const QUIET_WINDOW_MS = 5000;
/** One PDF and one DOCX of the negotiation text are asked for this often during the window. */
const EXPORT_EVERY_MS = 2000;

/** What the exports during one run did. */
interface ExportStats {
  pdfMs: number[];
  docxMs: number[];
  statuses: Record<string, number>;
  errors: string[];
  /** Chromium (the server's child processes) during the window, % of a core. */
  chromiumPct: number;
}

async function timed(run: Parameters<DuringRun>[0], format: "pdf" | "docx", stats: ExportStats, into: number[] | null): Promise<void> {
  const t = nowMs();
  try {
    const res = await fetch(`${run.origin}/api/documents/${run.documentId}/export?variant=negotiation&format=${format}`,
      { headers: { cookie: run.cookie } });
    await res.arrayBuffer();
    const key = `${format} ${res.status}`;
    stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    if (res.status === 200 && into) into.push(nowMs() - t);
  } catch (err) {
    stats.errors.push(`${format}: ${(err as Error).message}`);
  }
}

/** Warms Chromium and the export path during the warm-up, then asks for a PDF and a DOCX every 2 s of the window. */
function exportsDuring(stats: ExportStats): DuringRun {
  return async (run) => {
    try {
      await timed(run, "pdf", stats, null);
      await timed(run, "docx", stats, null);
      await sleep(Math.max(0, run.windowStart - nowMs()));
      const childA = treeCpuMs(run.serverPid) - readProcessCpuMs(run.serverPid);
      const pending: Promise<void>[] = [];
      for (let at = run.windowStart; at < run.windowEnd; at += EXPORT_EVERY_MS) {
        await sleep(Math.max(0, at - nowMs()));
        pending.push(timed(run, "pdf", stats, stats.pdfMs), timed(run, "docx", stats, stats.docxMs));
      }
      await sleep(Math.max(0, run.windowEnd - nowMs()));
      const childB = treeCpuMs(run.serverPid) - readProcessCpuMs(run.serverPid);
      stats.chromiumPct = (100 * (childB - childA)) / (run.windowEnd - run.windowStart);
      await Promise.all(pending);
    } catch (err) {
      stats.errors.push((err as Error).message);
    }
  };
}

function med(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const f = (n: number) => (!Number.isFinite(n) ? "-" : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/**
 * `npm run bench:export -- --room [bench options]`: the room load of `npm run
 * bench` (300 editors, 3,000 observers, 1,000 updates/s by default) run in
 * pairs on a fresh server each, alternating order: without exports, and with
 * one PDF and one DOCX of the negotiation text asked for every 2 s of the
 * measured window (Chromium warmed during the warm-up). Reports the room's
 * edit-to-observer p99 with and without, and the ratio. The document is the
 * bench's 400-paragraph fixture (no brackets: its editors type into it).
 * Runs with exports are not repeated for "other processes" CPU, since
 * Chromium, a child of the server, counts there.
 */
export async function roomMain(argv: string[]): Promise<number> {
  const options: BenchOptions = parseBenchOptions(argv.includes("--json") ? argv : [...argv, "--json", "bench-results/export-room.json"]);
  const log = (line: string) => console.log(line);
  const fdLimit = readOpenFileLimit();
  const sockets = options.editors + options.observers;
  if (fdLimit !== null && fdLimit < sockets + 200) {
    console.error(`the open-file limit (${fdLimit}) is too low for ${sockets} sockets`);
    return 2;
  }
  const machine = readMachineInfo(fdLimit);
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}`);
  const template = await createFixture(options.paragraphs, 0);
  const plain: RunResult[] = [];
  const loaded: { result: RunResult; exports: ExportStats }[] = [];
  const busyBefore: { label: string; pct: number }[] = [];
  const measure = async (label: string, withExports: boolean) => {
    for (let attempt = 1; ; attempt++) {
      const quiet = await waitForQuietMachine(QUIET_BUSY_PCT, options.quietWaitS * 1000, QUIET_WINDOW_MS);
      log(`${label}${attempt > 1 ? ` (attempt ${attempt})` : ""}: machine ${quiet.busyPct.toFixed(0)} % busy before${quiet.quiet ? "" : " (never quiet)"}`);
      const stats: ExportStats = { pdfMs: [], docxMs: [], statuses: {}, errors: [], chromiumPct: 0 };
      const result = await runOnce(options, template, log, false, withExports ? exportsDuring(stats) : undefined);
      log(label + formatRun(0, result).slice("run 1".length));
      if (withExports) {
        log(`  exports in the window: PDF median ${f(med(stats.pdfMs))} ms (max ${f(Math.max(...stats.pdfMs))}), ` +
          `DOCX median ${f(med(stats.docxMs))} ms (max ${f(Math.max(...stats.docxMs))}); statuses ${JSON.stringify(stats.statuses)}; ` +
          `Chromium ${f(stats.chromiumPct)} % of a core${stats.errors.length ? `; errors: ${stats.errors.slice(0, 3).join("; ")}` : ""}`);
      }
      const disturbed = !withExports && result.otherPct > options.maxOtherCpuPct;
      if (!disturbed || attempt === options.attempts) {
        busyBefore.push({ label, pct: quiet.busyPct });
        if (withExports) loaded.push({ result, exports: stats });
        else plain.push(result);
        return;
      }
      log(`  other processes used ${result.otherPct} % of a core during the window; repeating this run`);
    }
  };
  try {
    for (let i = 0; i < options.runs; i++) {
      const label = `run ${i + 1}/${options.runs}`;
      if (i % 2 === 0) {
        await measure(`${label} without exports`, false);
        await measure(`${label} with exports`, true);
      } else {
        await measure(`${label} with exports`, true);
        await measure(`${label} without exports`, false);
      }
    }
  } finally {
    removeFixture(template);
  }
  const without = summarizeRuns(plain);
  const withEx = summarizeRuns(loaded.map((l) => l.result));
  const p99Ratio = withEx["p99 ms"]!.median / without["p99 ms"]!.median;
  const pdfAll = loaded.flatMap((l) => l.exports.pdfMs).sort((a, b) => a - b);
  const docxAll = loaded.flatMap((l) => l.exports.docxMs).sort((a, b) => a - b);
  const ok = [...plain, ...loaded.map((l) => l.result)].every((r) => r.ok);
  writeReport(options.jsonPath, {
    measuredAt: new Date().toISOString(), machine, options, busyBefore, without, withExports: withEx, p99Ratio,
    exports: { pdfMs: pdfAll, docxMs: docxAll, runs: loaded.map((l) => l.exports) }, ok,
    runs: plain, exportRuns: loaded.map((l) => l.result),
  } as never);
  log("");
  log(`${options.editors} editors, ${options.observers} observers, ${options.rate} updates/s, ${options.durationS} s measured; ` +
    `${plain.length} run(s) each; medians (min .. max)`);
  for (const name of ["p50 ms", "p95 ms", "p99 ms", "max ms", "ack p99 ms", "server CPU %", "machine busy %", "other procs CPU %"]) {
    const a = without[name]!;
    const b = withEx[name]!;
    log(`${name.padEnd(18)} without ${f(a.median).padStart(7)} (${f(a.min)} .. ${f(a.max)})   with exports ${f(b.median).padStart(7)} ` +
      `(${f(b.min)} .. ${f(b.max)})   ratio ${(b.median / a.median).toFixed(2)}`);
  }
  log(`exports in the windows: PDF median ${f(med(pdfAll))} ms, p95 ${f(percentile(pdfAll, 95))}, max ${f(pdfAll[pdfAll.length - 1] ?? NaN)} ` +
    `(${pdfAll.length}); DOCX median ${f(med(docxAll))} ms, p95 ${f(percentile(docxAll, 95))}, max ${f(docxAll[docxAll.length - 1] ?? NaN)} (${docxAll.length})`);
  log(`room p99 with exports / without: ${p99Ratio.toFixed(2)}; p99 with exports <= ${TARGET_P99_MS} ms: ` +
    `${withEx["p99 ms"]!.median <= TARGET_P99_MS ? "yes" : "no"}; nothing lost and converged: ${ok ? "yes" : "NO"}`);
  log(`results written to ${options.jsonPath}`);
  return ok ? 0 : 1;
}
