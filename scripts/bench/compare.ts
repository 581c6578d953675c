import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { toCompareRun, formatCompare, summarizeCompare, type CompareRun, type Section } from "./compareReport.js";
import { createFixture, removeFixture, type BenchFixture } from "./fixture.js";
import { parseRung, type BenchOptions, type Rung } from "./options.js";
import { describePinning, serverCpus, type Pinning } from "./pinning.js";
import { readOpenFileLimit, waitForQuietMachine } from "./procStats.js";
import { hashSources, readMachineInfo } from "./report.js";
import { runOnce, type RunTarget } from "./runOnce.js";
import type { RunResult } from "./runResult.js";
import type { TargetKind } from "./targets/adapter.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The rung the product's targets are stated for. */
export const TARGET_RUNG: Rung = { editors: 300, observers: 3000, rate: 1000 };
const STRETCH_RUNG: Rung = { editors: 300, observers: 10_000, rate: 1000 };
/** Past this p99 at some rate, a target is not driven at higher rates of the same size: it is far past holding. */
const GIVE_UP_P99_MS = 2000;
/** Handshakes in flight per generator worker during the join storm (the listen backlog is 511 by default). */
const STORM_CONCURRENCY = 256;
const QUIET_BUSY_PCT = 15;
const QUIET_WINDOW_MS = 2000;

/**
 * `npm run bench -- --compare`: the same load generator, pinned to its own
 * core, against Accord, Hocuspocus with its SQLite extension and a minimal
 * relay, rung by rung (the targets in rotating order), then the target rung
 * again until it has `--target-runs` runs each, the stretch rung if asked,
 * and a join storm on a large document. Writes bench-results/compare-*.json.
 */
export async function runCompare(options: BenchOptions, log: (line: string) => void): Promise<number> {
  if (options.compareFrom.length > 0) return reportFrom(options, log);
  const targets = options.targets as TargetKind[];
  const machine = readMachineInfo(readOpenFileLimit());
  const pinning = describePinning(options);
  const commit = gitHead();
  const sourceHash = hashSources(REPO_ROOT, ["server", "shared", "schemas"]);
  log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}`);
  log(`pinning: ${pinning.pinned ? `server on cores ${pinning.serverCpus}, generator on ${pinning.generatorCpus} ` +
    `(this process may run on ${pinning.generatorAllowed})` : `none${pinning.note ? ` (${pinning.note})` : ""}`}; ` +
    `servers started with ${pinning.serverNodeFlags?.join(" ") || "no V8 flags"}`);
  log(`Accord at ${commit}, server sources ${sourceHash}; targets ${targets.join(", ")}`);
  const biggest = Math.max(...options.ladder.map((r) => { const g = parseRung(r); return g.editors + g.observers; }),
    options.stretch ? STRETCH_RUNG.editors + STRETCH_RUNG.observers : 0, TARGET_RUNG.editors + options.stormObservers + 60);
  if (machine.openFileLimit !== null && machine.openFileLimit < biggest + 200) {
    console.error(`the open-file limit (${machine.openFileLimit}) is too low for ${biggest} sockets; raise it, e.g. \`ulimit -n ${2 * biggest + 1024}\``);
    return 2;
  }

  const runs: CompareRun[] = [];
  /**
   * Loads a target was far past holding at (p99 over GIVE_UP_P99_MS): it is
   * not driven at the same or a higher rate with as many sockets or more.
   */
  const givenUp: { kind: TargetKind; sockets: number; rate: number }[] = [];
  const hopeless = (kind: TargetKind, rung: Rung) =>
    givenUp.some((g) => g.kind === kind && rung.editors + rung.observers >= g.sockets && rung.rate >= g.rate);
  const cpus = serverCpus(options);
  const jsonPath = options.jsonPath === "bench-results/latest.json"
    ? `bench-results/compare-${new Date().toISOString().replace(/[:.]/g, "-")}.json` : options.jsonPath;
  fs.mkdirSync(path.dirname(jsonPath), { recursive: true });
  /** Writes the results so far, after every run, so that a long series stopped half-way keeps what it measured. */
  const save = () => fs.writeFileSync(jsonPath, `${JSON.stringify({ measuredAt: new Date().toISOString(), commit, sourceHash,
    machine, pinning, options, summary: summarizeCompare(runs, targets), runs }, null, 2)}\n`);
  /** One run of one target, repeated while other processes disturb it; a failure is recorded, not thrown. */
  const measure = async (section: Section, kind: TargetKind, rung: Rung, fixture: BenchFixture, storm?: RunTarget["storm"]) => {
    const runOptions: BenchOptions = {
      ...options, editors: rung.editors, observers: rung.observers, rate: rung.rate, paragraphs: fixture.pids.length,
      samplers: Math.min(options.samplers, rung.observers - options.replicas - (storm?.observers ?? 0)),
    };
    const label = `${section} ${rung.editors}+${rung.observers}@${rung.rate} ${kind}`;
    for (let attempt = 1; ; attempt++) {
      const quiet = await waitForQuietMachine(QUIET_BUSY_PCT, options.quietWaitS * 1000, QUIET_WINDOW_MS);
      log(`${label}${attempt > 1 ? ` (attempt ${attempt})` : ""}; machine ${quiet.busyPct.toFixed(0)} % busy before`);
      try {
        const result = await runOnce(runOptions, fixture, log, false, undefined, { kind, cpus, storm });
        const run = toCompareRun(section, kind, rung, result, runOptions.samplers);
        log(`  p50 ${run.p50Ms} p99 ${run.p99Ms} p99.9 ${run.p999Ms} ms, delivered ${run.deliveredPct} %, ` +
          `server ${run.serverCpuPct} % (${run.cpuPerFrameUs} µs/frame), gen ${run.generatorCpuPct} % (loop p99 ${run.generatorLoopP99Ms} ms), ` +
          `RSS ${run.peakRssMiB} MiB${run.ok ? "" : ` — NOT OK: ${whyNotOk(result)}`}` +
          `${run.storm ? `; storm synced in ${run.storm.syncS} s, p99 during ${run.storm.p99Ms} ms` : ""}`);
        if (result.otherPct <= options.maxOtherCpuPct || attempt >= options.attempts) {
          runs.push(run);
          save();
          return run;
        }
        log(`  other processes used ${result.otherPct} % of a core during the window; repeating`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log(`  FAILED: ${message}`);
        const run = toCompareRun(section, kind, rung, null, runOptions.samplers, message);
        runs.push(run);
        save();
        return run;
      }
    }
  };

  const template = await createFixture(options.paragraphs);
  log(`document: ${options.paragraphs} paragraphs, ${(template.initialState.length / 1024).toFixed(0)} KiB of Yjs state`);
  try {
    const rungs = options.ladder.map(parseRung);
    for (const [i, rung] of rungs.entries()) {
      for (const kind of rotate(targets, i)) {
        if (hopeless(kind, rung)) {
          log(`ladder ${rung.editors}+${rung.observers}@${rung.rate} ${kind}: not run, p99 was over ${GIVE_UP_P99_MS} ms at a lighter load`);
          runs.push(toCompareRun("ladder", kind, rung, null, 0, `not run: p99 over ${GIVE_UP_P99_MS} ms at a lighter load`));
          continue;
        }
        const run = await measure("ladder", kind, rung, template);
        if (!(run.p99Ms <= GIVE_UP_P99_MS)) givenUp.push({ kind, sockets: rung.editors + rung.observers, rate: rung.rate });
      }
    }
    const isTarget = (r: CompareRun) => r.editors === TARGET_RUNG.editors && r.observers === TARGET_RUNG.observers &&
      r.rate === TARGET_RUNG.rate && r.section !== "storm";
    for (let n = 1; n <= options.targetRuns; n++) {
      for (const kind of rotate(targets, n)) {
        if (runs.filter((r) => isTarget(r) && r.target === kind && !r.error).length >= n) continue;
        if (hopeless(kind, TARGET_RUNG)) continue;
        const run = await measure("target", kind, TARGET_RUNG, template);
        if (run.error) break;
      }
    }
    if (options.stretch) {
      for (const kind of targets) {
        if (runs.some((r) => isTarget(r) && r.target === kind && !(r.p99Ms <= GIVE_UP_P99_MS))) {
          log(`stretch ${kind}: not run, p99 was over ${GIVE_UP_P99_MS} ms (or failed) at 300 + 3,000`);
          runs.push(toCompareRun("stretch", kind, STRETCH_RUNG, null, 0, `not run: p99 over ${GIVE_UP_P99_MS} ms at 300+3000@1000`));
          continue;
        }
        await measure("stretch", kind, STRETCH_RUNG, template);
      }
    }
  } finally {
    removeFixture(template);
  }

  if (options.stormObservers > 0) {
    const big = await createFixture(options.stormParagraphs);
    log(`join storm document: ${options.stormParagraphs} paragraphs, ${(big.initialState.length / 1e6).toFixed(2)} MB of Yjs state`);
    // The editors type at --rate (1,000/s unless given) while the observers join.
    const stormRung: Rung = { ...TARGET_RUNG, rate: options.rate, observers: options.samplers + options.replicas + options.stormObservers };
    try {
      for (let n = 0; n < options.stormRuns; n++) {
        for (const kind of rotate(targets, n)) {
          await measure("storm", kind, stormRung, big, { observers: options.stormObservers, concurrency: STORM_CONCURRENCY });
        }
      }
    } finally {
      removeFixture(big);
    }
  }

  save();
  const summary = summarizeCompare(runs, targets);
  log("");
  log(formatCompare(summary, runs, targets, { commit, pinning, windowS: options.durationS, warmupS: options.warmupS }));
  log(`results written to ${jsonPath}`);
  return runs.some((r) => r.target === "accord" && !r.ok) ? 1 : 0;
}

/**
 * `--from a.json,b.json`: the tables again from earlier results files, runs
 * pooled (e.g. Accord measured later, at a newer commit, than the others).
 */
function reportFrom(options: BenchOptions, log: (line: string) => void): number {
  type Saved = { commit: string; pinning: Pinning; options: BenchOptions; runs: CompareRun[] };
  const files = options.compareFrom.map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as Saved);
  const runs = files.flatMap((f) => f.runs);
  const targets = (["accord", "hocuspocus", "relay"] as TargetKind[]).filter((t) => runs.some((r) => r.target === t));
  const commits = files.map((f, i) => `${options.compareFrom[i]}: ${f.commit}, ${[...new Set(f.runs.map((r) => r.target))].join("+")}`);
  log(`from ${commits.join("; ")}`);
  const first = files[0]!;
  log(formatCompare(summarizeCompare(runs, targets), runs, targets, { commit: files.map((f) => f.commit).join(" / "),
    pinning: first.pinning, windowS: first.options.durationS, warmupS: first.options.warmupS }));
  return 0;
}

/** What made a run fail, for the log. */
function whyNotOk(result: RunResult): string {
  const t = result.tokens;
  const c = result.convergence;
  return [
    !result.settled && "not settled",
    t.unseenTokens > 0 && `${t.unseenTokens} tokens unseen`,
    result.target?.acks !== "none" && t.unacknowledged > 0 && `${t.unacknowledged} unacknowledged`,
    !c.converged && `not converged (${c.differing.length} differ, ${c.missingAcknowledged} missing, ${c.duplicated} duplicated)`,
    !c.persisted && "stored text differs",
    result.skippedSends > 0 && `${result.skippedSends} sends skipped`,
    result.unexpectedCloses > 0 && `${result.unexpectedCloses} sockets closed (${JSON.stringify(result.closeCodes)})`,
  ].filter(Boolean).join(", ") || "comments";
}

/** `items` starting at position `by`, so that no target always goes first. */
function rotate<T>(items: T[], by: number): T[] {
  const k = by % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}

function gitHead(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    // The server runs from the working tree: say so when its sources differ from the commit.
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "server", "shared", "schemas"], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
    return dirty ? `${head} with uncommitted server changes` : head;
  } catch {
    return "unknown";
  }
}
