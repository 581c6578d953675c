import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { coresInList, nodeFlagsFor } from "../../server/nodeFlags.js";

/** The Accord server running in its own process, so its CPU and memory can be measured apart. */
export interface ServerProcess {
  pid: number;
  port: number;
  /** `http://127.0.0.1:PORT`, also the Origin the server accepts for websockets. */
  origin: string;
  /** Lines the server logged at warn or above. */
  warnings: string[];
  /** The end of what it wrote to stderr, and how it exited if it did (to explain a failed run). */
  failure(): string | null;
  /** Sends SIGTERM (the server flushes and compacts), waits for exit; returns the exit code. */
  stop(): Promise<number | null>;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

/** Which program to start, and on which cores. */
export interface Launch {
  /** Entry point relative to the repository (default the Accord server, `server/main.ts`). */
  entry?: string;
  /** `taskset -c` core list to pin the process to (e.g. "0"); unpinned when absent. */
  cpus?: string | null;
}

/**
 * The V8 flags `npm start` (server/start.ts) would give a server on these
 * cores (a `taskset -c` list; unpinned, the cores this process may use).
 * Every target gets them, so that Accord, Hocuspocus and the relay run as
 * each would be deployed on that many cores.
 */
export function serverNodeFlags(cpus: string | null | undefined): string[] {
  return nodeFlagsFor(cpus ? coresInList(cpus) : os.availableParallelism());
}

/**
 * Spawns `node --import tsx server/main.ts` (or another entry that logs the
 * same JSON "listening" line, see targets/) on port 0, with the flags of
 * {@link serverNodeFlags}, and resolves once it logs "listening". LOG_LEVEL
 * is info because that line is logged at info; the server logs nothing else
 * at info while running. With `cpus` it is started through `taskset -c`,
 * which execs node in place (same pid).
 */
export async function startServerProcess(dataDir: string, nodeArgs: string[] = [], extraEnv: Record<string, string> = {},
  launch: Launch = {}): Promise<ServerProcess> {
  const args = [...serverNodeFlags(launch.cpus), ...nodeArgs, "--import", "tsx", launch.entry ?? "server/main.ts"];
  const [command, argv] = launch.cpus ? ["taskset", ["-c", launch.cpus, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ACCORD_DEMO: "0",
      LOG_LEVEL: "info",
      // The generator signs its thousands of sockets in as a few demo accounts (sign-in is scrypt-slow);
      // real participants each have their own, so the per-account cap is lifted here, not the per-socket budget.
      MAX_SOCKETS_PER_ACCOUNT: "1000000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const warnings: string[] = [];
  const stderr: string[] = [];
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr.join("")}`));
    });
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        onLine(line, (p) => {
          clearTimeout(timer);
          resolve(p);
        });
      }
    });
  });

  function onLine(line: string, onListening: (port: number) => void): void {
    let entry: { level?: number; msg?: string; port?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    if (entry.msg === "listening" && typeof entry.port === "number") onListening(entry.port);
    else if ((entry.level ?? 0) >= 40 && warnings.length < 100) warnings.push(line);
  }

  return {
    pid: child.pid!,
    port,
    origin: `http://127.0.0.1:${port}`,
    warnings,
    failure: () => {
      const exited = child.exitCode !== null || child.signalCode !== null;
      const tail = stderr.join("").slice(-1500).trim();
      return exited ? `exited with ${child.exitCode ?? child.signalCode}${tail ? `: ${tail}` : ""}` : tail || null;
    },
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  const [code] = await exited;
  clearTimeout(timer);
  return code;
}
