import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** Clock ticks per second of /proc CPU times (USER_HZ); 100 on every common Linux. */
const TICKS_PER_S = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time a process has used so far in user space and in the kernel (all threads), in ms, from /proc/<pid>/stat. */
export function readProcessCpu(pid: number): { userMs: number; systemMs: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { userMs: (Number(fields[11]) * 1000) / TICKS_PER_S, systemMs: (Number(fields[12]) * 1000) / TICKS_PER_S };
}

/** Total CPU time a process has used so far, in ms. */
export function readProcessCpuMs(pid: number): number {
  const { userMs, systemMs } = readProcessCpu(pid);
  return userMs + systemMs;
}

/** Current and peak resident memory of a process in MiB, from /proc/<pid>/status. */
export function readProcessMemory(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rssMiB: kib("VmRSS") / 1024, peakRssMiB: kib("VmHWM") / 1024 };
}

/** Busy and total CPU time of the whole machine in ticks, from /proc/stat; `irq` is time in interrupts and softirqs, `steal` taken by the hypervisor. */
export function readMachineTicks(): { busy: number; total: number; irq: number; steal: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total, irq: (values[5] ?? 0) + (values[6] ?? 0), steal: values[7] ?? 0 };
}

/** CPU ms used so far by every process on the machine, keyed "pid name"; kernel threads are marked. */
export function readAllProcessCpuMs(): Map<string, { ms: number; kernel: boolean }> {
  const result = new Map<string, { ms: number; kernel: boolean }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
      result.set(`${entry} ${name}`, { ms: readProcessCpuMs(Number(entry)), kernel: entry === "2" || ppid === "2" });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return result;
}

/** CPU use of other processes between two {@link readAllProcessCpuMs} readings, in % of one core. */
export function otherProcessesBetween(
  a: Map<string, { ms: number; kernel: boolean }>,
  b: Map<string, { ms: number; kernel: boolean }>,
  wallMs: number,
  exclude: number[],
): { userPct: number; kernelThreadsPct: number; top: { process: string; pct: number }[] } {
  const skip = new Set(exclude.map(String));
  let userPct = 0;
  let kernelThreadsPct = 0;
  const all: { process: string; pct: number }[] = [];
  for (const [key, now] of b) {
    if (skip.has(key.split(" ")[0]!)) continue;
    const pct = (100 * (now.ms - (a.get(key)?.ms ?? 0))) / wallMs;
    if (pct <= 0) continue;
    if (now.kernel) kernelThreadsPct += pct;
    else userPct += pct;
    all.push({ process: key, pct: Math.round(pct * 10) / 10 });
  }
  return { userPct, kernelThreadsPct, top: all.sort((x, y) => y.pct - x.pct).slice(0, 5) };
}

/** The soft limit on open files of a process, or null when it cannot be read. */
export function readOpenFileLimit(pid: number | "self" = "self"): number | null {
  try {
    const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    if (!match) return null;
    return match[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match[1]);
  } catch {
    return null;
  }
}

/** A point-in-time reading of the server, the generator and the machine, to diff over a window. */
export interface CpuSnapshot {
  atMs: number;
  serverCpuMs: number;
  serverSystemMs: number;
  generatorCpuMs: number;
  /** Of which in the kernel (system calls, loopback TCP). */
  generatorSystemMs: number;
  machine: ReturnType<typeof readMachineTicks>;
}

/** Reads a {@link CpuSnapshot}; `nowMs` is the caller's monotonic clock. */
export function snapshotCpu(serverPid: number, nowMs: number): CpuSnapshot {
  const usage = process.cpuUsage();
  const server = readProcessCpu(serverPid);
  return {
    atMs: nowMs,
    serverCpuMs: server.userMs + server.systemMs,
    serverSystemMs: server.systemMs,
    // process.cpuUsage covers every thread of this process, workers included.
    generatorCpuMs: (usage.user + usage.system) / 1000,
    generatorSystemMs: usage.system / 1000,
    machine: readMachineTicks(),
  };
}

/** CPU use between two snapshots, in percent of one core (so up to 100 x cores). */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): {
  serverPct: number;
  serverSystemPct: number;
  generatorPct: number;
  generatorSystemPct: number;
  machineBusyPct: number;
  irqPct: number;
  stealPct: number;
} {
  const wallMs = Math.max(1, b.atMs - a.atMs);
  const ticks = Math.max(1, b.machine.total - a.machine.total);
  return {
    serverPct: (100 * (b.serverCpuMs - a.serverCpuMs)) / wallMs,
    serverSystemPct: (100 * (b.serverSystemMs - a.serverSystemMs)) / wallMs,
    generatorPct: (100 * (b.generatorCpuMs - a.generatorCpuMs)) / wallMs,
    generatorSystemPct: (100 * (b.generatorSystemMs - a.generatorSystemMs)) / wallMs,
    // Of all cores together: 100 means every core was busy.
    machineBusyPct: (100 * (b.machine.busy - a.machine.busy)) / ticks,
    irqPct: (100 * (b.machine.irq - a.machine.irq)) / ticks,
    stealPct: (100 * (b.machine.steal - a.machine.steal)) / ticks,
  };
}

/**
 * Waits until the machine has been nearly idle (below `maxBusyPct` of all
 * cores over `windowMs`), so a run does not start while other work (tests,
 * builds) shares the CPUs. Returns the last busy reading, even on timeout.
 */
export async function waitForQuietMachine(maxBusyPct: number, timeoutMs: number, windowMs = 2000): Promise<{ busyPct: number; quiet: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = readMachineTicks();
    await new Promise((r) => setTimeout(r, windowMs));
    const b = readMachineTicks();
    const busyPct = (100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total);
    if (busyPct <= maxBusyPct) return { busyPct, quiet: true };
    if (Date.now() > deadline) return { busyPct, quiet: false };
  }
}
