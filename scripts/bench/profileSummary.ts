import fs from "node:fs";
import { parseArgs } from "node:util";
import type { BenchReport } from "./report.js";

/**
 * Where a process spent the measured window: reads a V8 .cpuprofile (from
 * `--server-node-arg=--cpu-prof`) and keeps only samples inside a run's
 * window. V8 profile timestamps and the bench's clock are both
 * CLOCK_MONOTONIC, so the window from the results file lines up.
 *
 *   tsx scripts/bench/profileSummary.ts --profile CPU....cpuprofile --results bench-results/latest.json [--run 1]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Buckets for a one-line answer to "where does the time go"; the first matching frame on the stack wins. */
const CATEGORIES: [string, (frame: string) => boolean][] = [
  ["idle", (f) => f.startsWith("(idle)")],
  ["garbage collection", (f) => f.startsWith("(garbage collector)")],
  ["SQLite (better-sqlite3)", (f) => f.includes("better-sqlite3")],
  ["socket writes (writev/write syscalls)", (f) => /^(writev|writeBuffer|writeUtf8String) /.test(f)],
  ["websocket framing and reading (ws)", (f) => f.includes("node_modules/ws/")],
  ["Yjs and lib0", (f) => f.includes("node_modules/yjs/") || f.includes("node_modules/lib0/")],
  ["Accord server code", (f) => f.includes("/server/") || f.includes("/shared/")],
];

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "node_modules/").replace(/^.*\/main\//, "/");
  return `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

/** Summarises a profile over [fromMs, toMs) on the monotonic clock: self time, inclusive time, categories. */
export function summarizeProfile(profile: CpuProfile, fromMs: number, toMs: number, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const categories = new Map<string, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at / 1000 < fromMs || at / 1000 >= toMs) return;
    total += delta;
    const stack: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(frameName(byId.get(cur)!));
    self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + delta);
    for (const frame of new Set(stack)) inclusive.set(frame, (inclusive.get(frame) ?? 0) + delta);
    const category = stack.map((f) => CATEGORIES.find(([, test]) => test(f))?.[0]).find(Boolean) ?? "other (node internals, program)";
    categories.set(category, (categories.get(category) ?? 0) + delta);
  });
  const list = (m: Map<string, number>, n: number) => [...m.entries()]
    .sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([name, us]) => `${((100 * us) / Math.max(1, total)).toFixed(1).padStart(6)} %  ${name}`).join("\n");
  return [
    `${(total / 1e6).toFixed(1)} s of samples in the window`,
    "", "By category (first matching frame from the top of the stack):", list(categories, 10),
    "", "Self time:", list(self, top),
    "", "Inclusive time:", list(inclusive, top),
  ].join("\n");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      profile: { type: "string" },
      results: { type: "string" },
      run: { type: "string", default: "1" },
      from: { type: "string" },
      to: { type: "string" },
      top: { type: "string", default: "25" },
    },
  });
  if (!values.profile) throw new Error("usage: profileSummary.ts --profile FILE (--results JSON [--run N] | --from MS --to MS)");
  const profile = JSON.parse(fs.readFileSync(values.profile, "utf8")) as CpuProfile;
  let from = Number(values.from ?? Number.NEGATIVE_INFINITY);
  let to = Number(values.to ?? Number.POSITIVE_INFINITY);
  if (values.results) {
    const report = JSON.parse(fs.readFileSync(values.results, "utf8")) as BenchReport;
    const all = [...report.runs, ...report.disturbed];
    const run = all.find((r) => r.window.startMs * 1000 >= profile.startTime &&
      r.window.startMs * 1000 <= profile.startTime + profile.timeDeltas.reduce((a, b) => a + b, 0)) ?? all[Number(values.run) - 1];
    if (!run) throw new Error("no run in the results file matches this profile");
    from = run.window.startMs;
    to = run.window.endMs;
  }
  console.log(summarizeProfile(profile, from, to, Number(values.top)));
}

main();
