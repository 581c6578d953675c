import fs from "node:fs";

/** Clock ticks per second of /proc CPU times; 100 on every common Linux (as procStats.ts reads it). */
const TICKS_PER_S = 100;

function readStat(pid: number): { ppid: number; ownTicks: number; reapedTicks: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      ppid: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      // cutime + cstime: children that ended and were waited for (Chromium's renderers come and go).
      reapedTicks: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return null; // gone meanwhile
  }
}

/** The pids of a process and all its live descendants (the server and the Chromium it starts). */
export function treePids(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) parents.set(Number(entry), stat.ppid);
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 50; p = parents.get(p), hops++) if (p === rootPid) return true;
    return false;
  };
  return [...parents.keys()].filter(inTree);
}

/**
 * CPU ms used so far by a process and all its descendants, including
 * descendants that already ended (counted in their parent's reaped time).
 */
export function treeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of treePids(rootPid)) {
    const stat = readStat(pid);
    if (stat) ticks += stat.ownTicks + stat.reapedTicks;
  }
  return (ticks * 1000) / TICKS_PER_S;
}
