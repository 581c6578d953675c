import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { allDelivered, analyzeTokens, type TokenAnalysis } from "./analyze.js";
import { acknowledgedTokens, checkConvergence, readTextAsFreshClient, storedText, type ConvergenceResult } from "./convergence.js";
import { copyFixture, removeFixture, type BenchFixture } from "./fixture.js";
import { EDITOR_ACCOUNTS, login, OBSERVER_ACCOUNT } from "./login.js";
import type { BenchOptions } from "./options.js";
import { cpuBetween, readAllProcessCpuMs, readProcessMemory, snapshotCpu, otherProcessesBetween } from "./procStats.js";
import { startServerProcess } from "./serverProcess.js";
import { Counter, createSharedBuffers, nowMs, sumCounter, viewShared, type SharedLayout, type SharedViews } from "./sharedState.js";
import { splitEvenly, startWorker, type WorkerHandle } from "./workerPool.js";

/** Everything measured in one run against a fresh server. */
export interface RunResult {
  connectS: number;
  tokens: TokenAnalysis;
  achievedRatePerS: number;
  skippedSends: number;
  unexpectedCloses: number;
  /** Close codes of those sockets, e.g. 4508 when the server dropped a slow consumer. */
  closeCodes: Record<number, number>;
  /** Frames and bytes all observers received per second in the measured window. */
  delivered: { framesPerS: number; bytesPerS: number; framesPerObserverPerS: number };
  /**
   * Server memory: the highest RSS sampled once a second from connecting to
   * settling, and VmHWM, which also covers start-up and the scrypt of logins.
   */
  server: { cpuPct: number; peakRssMiB: number; processPeakRssMiB: number; exitCode: number | null; warnings: string[] };
  /** Generator CPU, and the worst event-loop delay of its workers in the window (late reads inflate latency). */
  generator: { cpuPct: number; workers: number; loopDelayP99Ms: number; loopDelayMaxMs: number };
  /** The measured window on this process's monotonic clock (ms), to line up with CPU profiles. */
  window: { startMs: number; endMs: number };
  machineBusyPct: number;
  /**
   * CPU used by other user-space processes in the window, in % of one core:
   * load we did not cause (this machine is shared with tests and builds).
   */
  otherPct: number;
  /**
   * The busiest other processes; kernel threads and interrupts (largely the
   * loopback network work of this run), in % of one core; steal in % of all cores.
   */
  others: { top: { process: string; pct: number }[]; kernelThreadsPct: number; irqPct: number; stealPct: number };
  /** Per second of the measured window: server and generator CPU in % of one core, server RSS. */
  timeline: { serverPct: number; generatorPct: number; serverRssMiB: number }[];
  settleS: number;
  settled: boolean;
  convergence: ConvergenceResult & { persisted: boolean };
  ok: boolean;
}

const SETTLE_POLL_MS = 250;

/** Runs the load once: fresh data directory and server, connect, warm up, measure, settle, verify. */
export async function runOnce(options: BenchOptions, template: BenchFixture, log: (line: string) => void): Promise<RunResult> {
  const fixture = copyFixture(template);
  const server = await startServerProcess(fixture.dataDir, options.serverNodeArgs);
  const workers: WorkerHandle[] = [];
  let rssSampler: NodeJS.Timeout | undefined;
  try {
    const accounts = EDITOR_ACCOUNTS.slice(0, Math.min(options.editors, EDITOR_ACCOUNTS.length));
    const [observerCookie, ...editorAccountCookies] = await Promise.all(
      [OBSERVER_ACCOUNT, ...accounts].map((email) => login(server.origin, email)),
    );
    const perEditorRate = options.rate / options.editors;
    const layout: SharedLayout = {
      editors: options.editors,
      capacity: Math.ceil(perEditorRate * (options.warmupS + options.durationS) * 1.3) + 16,
      samplers: options.samplers,
      workers: Math.min(options.workers, options.editors + options.observers),
    };
    const buffers = createSharedBuffers(layout);
    const views = viewShared(layout, buffers);
    const url = `ws://127.0.0.1:${server.port}/ws/documents/${fixture.documentId}`;
    const fullEditorIds = Array.from({ length: options.fullClients }, (_, i) => Math.floor((i * options.editors) / options.fullClients));
    const editorRanges = splitEvenly(options.editors, layout.workers);
    const samplerRanges = splitEvenly(options.samplers, layout.workers);
    const fullRanges = splitEvenly(options.fullClients, layout.workers);
    const countingRanges = splitEvenly(options.observers - options.samplers - options.fullClients, layout.workers);
    for (let w = 0; w < layout.workers; w++) {
      const [e0, e1] = editorRanges[w]!;
      const editorIds = Array.from({ length: e1 - e0 }, (_, i) => e0 + i);
      const [s0, s1] = samplerRanges[w]!;
      const [f0, f1] = fullRanges[w]!;
      const [c0, c1] = countingRanges[w]!;
      workers.push(startWorker({
        worker: w,
        url,
        origin: server.origin,
        editorCookies: Object.fromEntries(editorIds.map((id) => [id, editorAccountCookies[id % accounts.length]!])),
        observerCookie: observerCookie!,
        initialState: fixture.initialState,
        paragraphs: options.paragraphs,
        editorIds,
        fullEditorIds: fullEditorIds.filter((id) => id >= e0 && id < e1),
        countingObservers: c1 - c0,
        samplerIds: Array.from({ length: s1 - s0 }, (_, i) => s0 + i),
        fullObservers: f1 - f0,
        layout,
        buffers,
        connectConcurrency: 32,
      }));
    }
    const connectStart = nowMs();
    let peakRssMiB = 0;
    const sampleRss = () => {
      const { rssMiB } = readProcessMemory(server.pid);
      peakRssMiB = Math.max(peakRssMiB, rssMiB);
      return rssMiB;
    };
    rssSampler = setInterval(sampleRss, 1000);
    await Promise.all(workers.map((w) => w.next("ready")));
    const connectS = (nowMs() - connectStart) / 1000;
    log(`  connected ${options.editors + options.observers} sockets in ${connectS.toFixed(1)} s`);

    const startAt = nowMs() + 200;
    for (const w of workers) w.send({ type: "start", atMs: startAt, ratePerS: (options.rate * w.plan.editorIds.length) / options.editors });
    const windowStart = startAt + options.warmupS * 1000;
    const windowEnd = windowStart + options.durationS * 1000;
    await sleep(windowStart - nowMs());
    for (const w of workers) w.send({ type: "measure" });
    const before = snapshotCpu(server.pid, nowMs());
    const processesBefore = readAllProcessCpuMs();
    const framesBefore = sumCounter(views, Counter.ObserverFrames);
    const bytesBefore = sumCounter(views, Counter.ObserverBytes);
    const timeline: RunResult["timeline"] = [];
    let previous = before;
    while (nowMs() < windowEnd - 1) {
      await sleep(Math.min(1000, windowEnd - nowMs()));
      const current = snapshotCpu(server.pid, nowMs());
      const { serverPct, generatorPct } = cpuBetween(previous, current);
      timeline.push({ serverPct: round(serverPct), generatorPct: round(generatorPct), serverRssMiB: round(sampleRss()) });
      previous = current;
    }
    const after = previous;
    const others = otherProcessesBetween(processesBefore, readAllProcessCpuMs(), after.atMs - before.atMs, [server.pid, process.pid]);
    const frames = sumCounter(views, Counter.ObserverFrames) - framesBefore;
    const bytes = sumCounter(views, Counter.ObserverBytes) - bytesBefore;
    for (const w of workers) w.send({ type: "stop" });
    const stopped = await Promise.all(workers.map((w) => w.next("stopped")));
    log("  measured; waiting for every acknowledgement and delivery");

    const settleStart = nowMs();
    const settled = await waitUntil(() => allDelivered(views), options.settleTimeoutS * 1000);
    const settleS = (nowMs() - settleStart) / 1000;
    await sleep(500); // let the last broadcasts reach the full clients too
    const convergence = await verifyConvergence(workers, views, url, observerCookie!, server.origin);
    sampleRss();
    clearInterval(rssSampler);
    const processPeakRssMiB = readProcessMemory(server.pid).peakRssMiB;
    for (const w of workers) w.send({ type: "close" });
    const closeCodes: Record<number, number> = {};
    for (const reply of await Promise.all(workers.map((w) => w.next("closed")))) {
      for (const [code, n] of Object.entries(reply.unexpectedCloses)) closeCodes[Number(code)] = (closeCodes[Number(code)] ?? 0) + n;
    }
    const exitCode = await server.stop();
    const persisted = readStoredText(fixture) === convergence.text;

    const tokens = analyzeTokens(views, windowStart, windowEnd);
    const cpu = cpuBetween(before, after);
    const durationS = (after.atMs - before.atMs) / 1000;
    const skippedSends = sumCounter(views, Counter.SkippedSends);
    const unexpectedCloses = sumCounter(views, Counter.UnexpectedCloses);
    const { text: _text, ...convergenceResult } = convergence;
    const result: RunResult = {
      connectS: round(connectS),
      tokens,
      achievedRatePerS: round(tokens.sentInWindow / durationS),
      skippedSends,
      unexpectedCloses,
      closeCodes,
      delivered: {
        framesPerS: round(frames / durationS),
        bytesPerS: round(bytes / durationS),
        framesPerObserverPerS: round(frames / durationS / options.observers),
      },
      server: {
        cpuPct: round(cpu.serverPct),
        peakRssMiB: round(peakRssMiB),
        processPeakRssMiB: round(processPeakRssMiB),
        exitCode,
        warnings: server.warnings,
      },
      generator: {
        cpuPct: round(cpu.generatorPct),
        workers: layout.workers,
        loopDelayP99Ms: round(Math.max(...stopped.map((s) => s.loopDelayMs.p99))),
        loopDelayMaxMs: round(Math.max(...stopped.map((s) => s.loopDelayMs.max))),
      },
      window: { startMs: windowStart, endMs: windowEnd },
      machineBusyPct: round(cpu.machineBusyPct),
      otherPct: round(others.userPct),
      others: {
        top: others.top,
        kernelThreadsPct: round(others.kernelThreadsPct),
        irqPct: round(cpu.irqPct * os.availableParallelism()),
        stealPct: round(cpu.stealPct),
      },
      timeline,
      settleS: round(settleS),
      settled,
      convergence: { ...convergenceResult, persisted },
      ok: false,
    };
    result.ok = settled && persisted && convergenceResult.converged && tokens.unacknowledged === 0 &&
      tokens.unseenTokens === 0 && skippedSends === 0 && unexpectedCloses === 0;
    return result;
  } finally {
    clearInterval(rssSampler);
    await Promise.all(workers.map((w) => w.terminate()));
    await server.stop();
    removeFixture(fixture);
  }
}

async function verifyConvergence(
  workers: WorkerHandle[],
  views: SharedViews,
  url: string,
  cookie: string,
  origin: string,
): Promise<ConvergenceResult & { text: string }> {
  const texts: { label: string; text: string }[] = [];
  for (const w of workers) {
    w.send({ type: "texts" });
    const reply = await w.next("texts");
    reply.observers.forEach((text, i) => texts.push({ label: `worker ${w.plan.worker} observer ${i}`, text }));
    reply.editors.forEach((text, i) => texts.push({ label: `worker ${w.plan.worker} editor ${i}`, text }));
  }
  texts.push({ label: "fresh client", text: await readTextAsFreshClient(url, cookie, origin) });
  return { ...checkConvergence(texts, acknowledgedTokens(views)), text: texts[0]!.text };
}

function readStoredText(fixture: BenchFixture): string {
  const db = openDatabase(fixture.dataDir);
  try {
    const stored = new DocumentStore(db).load(fixture.documentId);
    return storedText(stored.state, stored.updates.map((u) => u.data));
  } finally {
    db.close();
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = nowMs() + timeoutMs;
  while (!check()) {
    if (nowMs() > deadline) return false;
    await sleep(SETTLE_POLL_MS);
  }
  return true;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
