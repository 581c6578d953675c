import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import type { BenchOptions } from "./options.js";
import { serverNodeFlags } from "./serverProcess.js";

/**
 * Pinning the server and the load generator to different cores, so that
 * what is measured is the server's latency, not the generator's: the bench
 * process (its coordinator and every generator worker thread, which
 * inherit its affinity) re-executes itself under `taskset -c <generator
 * cores>`, and starts the server under `taskset -c <server core>`.
 */

/** Set in the re-executed bench process: the generator's core list, or "none" when running unpinned. */
const PINNED_ENV = "ACCORD_BENCH_PINNED";

/** How a run was pinned, recorded with the results. */
export interface Pinning {
  pinned: boolean;
  /** Requested lists, and the affinity the kernel reports for each process (Cpus_allowed_list). */
  serverCpus: string | null;
  generatorCpus: string | null;
  generatorAllowed: string | null;
  serverAllowed?: string | null;
  /** The V8 flags every target's server was started with, as `npm start` would on its cores. */
  serverNodeFlags?: string[];
  /** Why not pinned, when it was asked for. */
  note?: string;
}

function tasksetAvailable(): boolean {
  const result = spawnSync("taskset", ["-V"], { stdio: "ignore" });
  return result.error === undefined && result.status === 0;
}

/**
 * When pinning is asked for and this process is not yet pinned, runs the
 * same command again under `taskset -c <generator cpus>` and resolves with
 * its exit code; null when this process should go on itself (already
 * pinned, not asked, or taskset missing, which is said on the log).
 */
export function reexecPinned(options: BenchOptions, log: (line: string) => void): Promise<number> | null {
  if (!options.pin || process.env[PINNED_ENV]) return null;
  if (!tasksetAvailable()) {
    log("taskset is missing: running unpinned (server and generator share every core)");
    process.env[PINNED_ENV] = "none";
    return null;
  }
  log(`pinning: generator (this bench, all its threads) on cores ${options.generatorCpus}, server on ${options.serverCpus}`);
  const child = spawn("taskset", ["-c", options.generatorCpus, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [PINNED_ENV]: options.generatorCpus },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** The `taskset -c` list to start servers with in this process, or null when unpinned. */
export function serverCpus(options: BenchOptions): string | null {
  const pinned = process.env[PINNED_ENV];
  return options.pin && pinned && pinned !== "none" ? options.serverCpus : null;
}

/** The cores a process may run on, as the kernel reports them. */
export function allowedCpus(pid: number | "self"): string | null {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** This process's pinning, for the results. */
export function describePinning(options: BenchOptions): Pinning {
  const pinned = serverCpus(options) !== null;
  return {
    pinned,
    serverCpus: pinned ? options.serverCpus : null,
    generatorCpus: pinned ? options.generatorCpus : null,
    generatorAllowed: allowedCpus("self"),
    serverNodeFlags: serverNodeFlags(pinned ? options.serverCpus : null),
    ...(options.pin && !pinned ? { note: "taskset is missing: unpinned" } : {}),
  };
}
