import fs from "node:fs";
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

/**
 * How long after the window the load waits for exports still unanswered.
 * The generator's token buffers hold the warm-up and the window with 30 %
 * to spare (runOnce.ts), 7.5 s at the default 25 s, part of which timer
 * catch-up uses; past them its editors would skip sends.
 */
const AFTER_WINDOW_WAIT_MS = 5000;

/** What the exports during one run did. */
interface ExportStats {
  /** Answered (200) while the load ran: ms from request to the body's last byte. */
  pdfMs: number[];
  docxMs: number[];
  /**
   * Not answered while the load ran (by the end of the window plus
   * AFTER_WINDOW_WAIT_MS): how long each had waited by then, a lower bound.
   */
  pdfUnansweredMs: number[];
  docxUnansweredMs: number[];
  statuses: Record<string, number>;
  errors: string[];
  /** Chromium (the server's child processes) during the window, % of a core. */
  chromiumPct: number;
  /** The server's threads that run below its priority (the export thread) during the window, % of a core. */
  exportThreadPct: number;
}

/** CPU ms of a process's threads whose nice value is above 0 (the server's export thread). */
function nicedThreadsCpuMs(pid: number): number {
  let ticks = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[16]) > 0) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks * 10;
}

/** One export request: when it was sent, and when and how it was answered. */
interface Request {
  format: "pdf" | "docx";
  sentAt: number;
  answeredAt: number | null;
  status: number | null;
  /** Why it got no answer (e.g. the connection failed), if it failed before the cut-off. */
  failed: string | null;
}

function request(run: Parameters<DuringRun>[0], format: "pdf" | "docx", stats: ExportStats): { req: Request; done: Promise<void> } {
  const req: Request = { format, sentAt: nowMs(), answeredAt: null, status: null, failed: null };
  const done = (async () => {
    try {
      const res = await fetch(`${run.origin}/api/documents/${run.documentId}/export?variant=negotiation&format=${format}`,
        { headers: { cookie: run.cookie } });
      await res.arrayBuffer();
      req.answeredAt = nowMs();
      req.status = res.status;
      const key = `${format} ${res.status}`;
      stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    } catch (err) {
      req.failed = `${format}: ${(err as Error).message}`;
    }
  })();
  return { req, done };
}

/**
 * Warms Chromium and the export path during the warm-up, then asks for a PDF
 * and a DOCX every 2 s of the window. Returns once every export has answered,
 * or AFTER_WINDOW_WAIT_MS after the window, whichever is first: an export
 * still unanswered then is counted as unanswered with its wait so far (the
 * load stops soon after, so a later answer would not be a time under the
 * load).
 */
function exportsDuring(stats: ExportStats): DuringRun {
  return async (run) => {
    try {
      for (const format of ["pdf", "docx"] as const) {
        const warm = request(run, format, stats);
        await warm.done;
        if (warm.req.failed) stats.errors.push(`warm-up ${warm.req.failed}`);
      }
      await sleep(Math.max(0, run.windowStart - nowMs()));
      const childA = treeCpuMs(run.serverPid) - readProcessCpuMs(run.serverPid);
      const threadA = nicedThreadsCpuMs(run.serverPid);
      const sent: { req: Request; done: Promise<void> }[] = [];
      for (let at = run.windowStart; at < run.windowEnd; at += EXPORT_EVERY_MS) {
        await sleep(Math.max(0, at - nowMs()));
        sent.push(request(run, "pdf", stats), request(run, "docx", stats));
      }
      await sleep(Math.max(0, run.windowEnd - nowMs()));
      const childB = treeCpuMs(run.serverPid) - readProcessCpuMs(run.serverPid);
      stats.chromiumPct = (100 * (childB - childA)) / (run.windowEnd - run.windowStart);
      stats.exportThreadPct = (100 * (nicedThreadsCpuMs(run.serverPid) - threadA)) / (run.windowEnd - run.windowStart);
      const waited = sleep(Math.max(0, run.windowEnd + AFTER_WINDOW_WAIT_MS - nowMs()));
      await Promise.race([Promise.all(sent.map((s) => s.done)), waited]);
      const cutOff = nowMs();
      for (const { req } of sent) {
        if (req.failed) stats.errors.push(req.failed);
        else if (req.answeredAt === null) (req.format === "pdf" ? stats.pdfUnansweredMs : stats.docxUnansweredMs).push(cutOff - req.sentAt);
        else if (req.status === 200) (req.format === "pdf" ? stats.pdfMs : stats.docxMs).push(req.answeredAt - req.sentAt);
      }
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

/**
 * Answer times: the median counting unanswered exports at their wait so far
 * ("≥" when that makes it a lower bound), p95 and max of the answered, counts.
 */
function describeTimes(answered: number[], unanswered: number[]): string {
  const all = [...answered, ...unanswered].sort((a, b) => a - b);
  const m = med(all);
  const bound = unanswered.some((u) => u <= m) ? "≥ " : "";
  const sorted = [...answered].sort((a, b) => a - b);
  return `median ${bound}${f(m)} ms, p95 ${f(percentile(sorted, 95))}, max ${f(sorted[sorted.length - 1] ?? NaN)} over ${answered.length} answered` +
    (unanswered.length ? `, ${unanswered.length} unanswered after ${f(Math.min(...unanswered))}..${f(Math.max(...unanswered))} ms` : "");
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
 * A run during which other processes used more than --max-other-cpu is
 * repeated (up to --attempts), Chromium (a child of the server) not counted.
 * Exports still unanswered 5 s after the window are reported as unanswered,
 * with their wait so far, so that the load need not outlast the generator's
 * token buffers.
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
      const stats: ExportStats = { pdfMs: [], docxMs: [], pdfUnansweredMs: [], docxUnansweredMs: [], statuses: {}, errors: [], chromiumPct: 0, exportThreadPct: 0 };
      const result = await runOnce(options, template, log, false, withExports ? exportsDuring(stats) : undefined);
      log(label + formatRun(0, result).slice("run 1".length));
      if (withExports) {
        log(`  exports in the window: PDF ${describeTimes(stats.pdfMs, stats.pdfUnansweredMs)}; DOCX ${describeTimes(stats.docxMs, stats.docxUnansweredMs)}; ` +
          `statuses ${JSON.stringify(stats.statuses)}; Chromium ${f(stats.chromiumPct)} % of a core, export thread ${f(stats.exportThreadPct)} %` +
          `${stats.errors.length ? `; errors: ${stats.errors.slice(0, 3).join("; ")}` : ""}`);
      }
      // Chromium, a child of the server, counts among "other processes": it is taken out before judging a run with exports.
      const othersPct = withExports ? result.otherPct - stats.chromiumPct : result.otherPct;
      const disturbed = othersPct > options.maxOtherCpuPct;
      if (!disturbed || attempt === options.attempts) {
        busyBefore.push({ label, pct: quiet.busyPct });
        if (withExports) loaded.push({ result, exports: stats });
        else plain.push(result);
        return;
      }
      log(`  other processes used ${f(othersPct)} % of a core during the window${withExports ? " (Chromium apart)" : ""}; repeating this run`);
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
  const pdfUnanswered = loaded.flatMap((l) => l.exports.pdfUnansweredMs);
  const docxUnanswered = loaded.flatMap((l) => l.exports.docxUnansweredMs);
  const ok = [...plain, ...loaded.map((l) => l.result)].every((r) => r.ok);
  writeReport(options.jsonPath, {
    measuredAt: new Date().toISOString(), machine, options, busyBefore, without, withExports: withEx, p99Ratio,
    exports: { pdfMs: pdfAll, docxMs: docxAll, pdfUnansweredMs: pdfUnanswered, docxUnansweredMs: docxUnanswered, runs: loaded.map((l) => l.exports) }, ok,
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
  log(`exports in the windows: PDF ${describeTimes(pdfAll, pdfUnanswered)}; DOCX ${describeTimes(docxAll, docxUnanswered)}`);
  log(`Chromium % of a core: ${loaded.map((l) => f(l.exports.chromiumPct)).join(", ")}; export thread: ${loaded.map((l) => f(l.exports.exportThreadPct)).join(", ")}`);
  log(`room p99 with exports / without: ${p99Ratio.toFixed(2)}; p99 with exports <= ${TARGET_P99_MS} ms: ` +
    `${withEx["p99 ms"]!.median <= TARGET_P99_MS ? "yes" : "no"}; nothing lost and converged: ${ok ? "yes" : "NO"}`);
  log(`results written to ${options.jsonPath}`);
  return ok ? 0 : 1;
}
