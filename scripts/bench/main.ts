import { fileURLToPath } from "node:url";
import { createFixture, removeFixture } from "./fixture.js";
import { parseBenchOptions, type BenchOptions } from "./options.js";
import { readOpenFileLimit, waitForQuietMachine } from "./procStats.js";
import {
  formatComments, formatFlood, formatRun, formatSummary, hashSources, readMachineInfo, summarizeComments, summarizeRuns,
  TARGET_COMMENT_GET_MS, TARGET_COMMENT_P99_MS, TARGET_FLOOD_RATIO, TARGET_P99_MS, writeReport,
  type BenchReport,
} from "./report.js";
import { runCompare } from "./compare.js";
import { describePinning, reexecPinned, serverCpus } from "./pinning.js";
import { runOnce } from "./runOnce.js";
import type { RunResult } from "./runResult.js";

/** Busy share of all cores below which the machine counts as idle before a run. */
const QUIET_BUSY_PCT = 15;
const QUIET_WINDOW_MS = 5000;

/**
 * `npm run bench`: E editors and O observers in one room of a large document,
 * over loopback websockets against the real server in its own process.
 * Exits 1 when any run lost an update or did not converge.
 */
async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const log = (line: string) => console.log(line);
  const pinnedRun = reexecPinned(options, log);
  if (pinnedRun) return await pinnedRun;
  if (options.compare) return runCompare(options, log);
  const fdLimit = readOpenFileLimit();
  const machine = readMachineInfo(fdLimit);
  const sockets = options.editors + options.observers;
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}`);
  // Each socket costs one fd in this process and one in the server (which inherits this limit).
  log(`open-file limit ${fdLimit ?? "unknown"}; ${sockets} sockets need about ${sockets} fds on each side`);
  if (fdLimit !== null && fdLimit < sockets + 200) {
    console.error(`the open-file limit (${fdLimit}) is too low for ${sockets} sockets; raise it, e.g. \`ulimit -n ${2 * sockets + 1024}\``);
    return 2;
  }

  const sourceHash = hashSources(fileURLToPath(new URL("../../", import.meta.url)), ["server", "shared", "schemas"]);
  log(`server sources ${sourceHash}`);
  const threads = options.comments ? options.commentThreads : 0;
  log(`preparing a ${options.paragraphs}-paragraph document${threads ? ` with ${threads} comment threads` : ""} and the demo accounts`);
  const template = await createFixture(options.paragraphs, threads);
  const runs: RunResult[] = [];
  const flooded: RunResult[] = [];
  const disturbed: RunResult[] = [];
  /** One measured run, repeated while other processes disturb it. */
  const measure = async (label: string, flood: boolean): Promise<RunResult> => {
    for (let attempt = 1; ; attempt++) {
      const quiet = await waitForQuietMachine(QUIET_BUSY_PCT, options.quietWaitS * 1000, QUIET_WINDOW_MS);
      log(`${label}${attempt > 1 ? ` (attempt ${attempt})` : ""}: ${options.editors} editors, ` +
        `${options.observers} observers, ${options.rate} updates/s${flood ? ", one socket flooding" : ""}` +
        `${options.comments ? `, ${options.commentRate} comments/s` : ""}; ` +
        `machine ${quiet.busyPct.toFixed(0)} % busy before`);
      const result = await runOnce(options, template, log, flood, undefined, { kind: "accord", cpus: serverCpus(options) });
      log(label + formatRun(0, result).slice("run 1".length));
      if (flood) log(formatFlood(result));
      if (result.comments) log(formatComments(result));
      if (result.otherPct <= options.maxOtherCpuPct || attempt === options.attempts) return result;
      log(`  other processes used ${result.otherPct} % of a core during the window; repeating this run`);
      disturbed.push(result);
    }
  };
  try {
    for (let i = 0; i < options.runs; i++) {
      const label = `run ${i + 1}/${options.runs}`;
      if (!options.flood) {
        runs.push(await measure(label, false));
        continue;
      }
      // Alternating which comes first, so drift of the machine does not favour either.
      if (i % 2 === 0) {
        runs.push(await measure(`${label} without flood`, false));
        flooded.push(await measure(`${label} with flood`, true));
      } else {
        flooded.push(await measure(`${label} with flood`, true));
        runs.push(await measure(`${label} without flood`, false));
      }
    }
  } finally {
    removeFixture(template);
  }

  const summary = summarizeRuns(runs);
  const ok = [...runs, ...flooded].every((r) => r.ok);
  const targetMet = ok && summary["p99 ms"]!.median <= TARGET_P99_MS;
  const report: BenchReport = {
    measuredAt: new Date().toISOString(),
    sourceHash,
    machine,
    pinning: describePinning(options),
    options,
    summary,
    targetMet,
    ok,
    runs,
    disturbed,
  };
  if (options.flood) {
    const floodSummary = summarizeRuns(flooded);
    const p99Ratio = floodSummary["p99 ms"]!.median / summary["p99 ms"]!.median;
    report.flood = { summary: floodSummary, runs: flooded, p99Ratio, targetMet: ok && p99Ratio <= TARGET_FLOOD_RATIO };
  }
  if (options.comments) {
    const commentSummary = summarizeComments(runs);
    report.comments = {
      summary: commentSummary,
      latencyTargetMet: ok && commentSummary["comment p99 ms"]!.median <= TARGET_COMMENT_P99_MS,
      getTargetMet: ok && commentSummary["GET quiet p50 ms"]!.median <= TARGET_COMMENT_GET_MS,
    };
  }
  writeReport(options.jsonPath, report);
  log("");
  log(formatSummary(options, summary, runs.length));
  if (report.flood) {
    log("");
    log(`with one socket flooding (updates, then presence):\n${formatSummary(options, report.flood.summary, flooded.length)}`);
    log(`everyone else's p99 with the flood / without: ${report.flood.p99Ratio.toFixed(2)} ` +
      `(target <= ${TARGET_FLOOD_RATIO}: ${report.flood.targetMet ? "met" : "NOT met"})`);
  }
  if (report.comments) {
    log("");
    log(`comment load, ${options.commentRate} comments/s (medians over ${runs.length} run(s)):`);
    log(Object.entries(report.comments.summary).map(([name, s]) =>
      `${name.padEnd(18)} ${s.median.toFixed(1).padStart(10)}   ${runs.length > 1 ? `(${s.min.toFixed(1)} .. ${s.max.toFixed(1)})` : ""}`).join("\n"));
    log(`comment p99 <= ${TARGET_COMMENT_P99_MS} ms with none missing: ${report.comments.latencyTargetMet ? "yes" : "no"}; ` +
      `GET of the thread list (median) <= ${TARGET_COMMENT_GET_MS} ms: ${report.comments.getTargetMet ? "yes" : "no"}`);
  }
  log(`p99 <= ${TARGET_P99_MS} ms with nothing lost: ${targetMet ? "yes" : "no"}; all runs lost nothing and converged: ${ok ? "yes" : "NO"}`);
  log(`results written to ${options.jsonPath}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
