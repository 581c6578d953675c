import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { cpuBetween, otherProcessesBetween, readAllProcessCpuMs, snapshotCpu } from "./procStats.js";
import type { RunResult } from "./runResult.js";
import { Counter, nowMs, sumCounter, type SharedViews } from "./sharedState.js";

/** What the measured window adds to a {@link RunResult}. */
export type WindowResult = Pick<RunResult, "delivered" | "timeline" | "machineBusyPct" | "otherPct" | "others"> & {
  durationS: number;
  server: Pick<RunResult["server"], "cpuPct" | "systemPct">;
  generator: Pick<RunResult["generator"], "cpuPct" | "systemPct">;
};

/**
 * Samples CPU of the server, of this process (all generator threads) and of
 * the rest of the machine from now until `endMs`, once a second, along with
 * the frames and bytes observers received. `sampleRss` is called each second.
 */
export async function measureWindow(serverPid: number, views: SharedViews, observers: number, endMs: number,
  sampleRss: () => number): Promise<WindowResult> {
  const before = snapshotCpu(serverPid, nowMs());
  const processesBefore = readAllProcessCpuMs();
  const framesBefore = sumCounter(views, Counter.ObserverFrames);
  const bytesBefore = sumCounter(views, Counter.ObserverBytes);
  const timeline: RunResult["timeline"] = [];
  let previous = before;
  while (nowMs() < endMs - 1) {
    await sleep(Math.min(1000, endMs - nowMs()));
    const current = snapshotCpu(serverPid, nowMs());
    const { serverPct, generatorPct } = cpuBetween(previous, current);
    timeline.push({ serverPct: round(serverPct), generatorPct: round(generatorPct), serverRssMiB: round(sampleRss()) });
    previous = current;
  }
  const after = previous;
  const durationS = (after.atMs - before.atMs) / 1000;
  const frames = sumCounter(views, Counter.ObserverFrames) - framesBefore;
  const bytes = sumCounter(views, Counter.ObserverBytes) - bytesBefore;
  const others = otherProcessesBetween(processesBefore, readAllProcessCpuMs(), after.atMs - before.atMs, [serverPid, process.pid]);
  const cpu = cpuBetween(before, after);
  // Every core of the machine, not only those this process may run on (the generator may be pinned to one).
  const cores = os.cpus().length;
  // Softirq time lands in the stime of the process it interrupted, so interrupts are not subtracted again.
  const unattributedPct = Math.max(0, cpu.machineBusyPct * cores - cpu.serverPct - cpu.generatorPct -
    others.userPct - others.kernelThreadsPct);
  return {
    durationS,
    delivered: {
      framesPerS: round(frames / durationS),
      bytesPerS: round(bytes / durationS),
      framesPerObserverPerS: round(frames / durationS / observers),
    },
    timeline,
    server: { cpuPct: round(cpu.serverPct), systemPct: round(cpu.serverSystemPct) },
    generator: { cpuPct: round(cpu.generatorPct), systemPct: round(cpu.generatorSystemPct) },
    machineBusyPct: round(cpu.machineBusyPct),
    otherPct: round(others.userPct + unattributedPct),
    others: {
      top: others.top,
      unattributedPct: round(unattributedPct),
      kernelThreadsPct: round(others.kernelThreadsPct),
      irqPct: round(cpu.irqPct * cores),
      stealPct: round(cpu.stealPct),
    },
  };
}

/** Rounds to one decimal, for readable JSON. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
