import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { allDelivered, analyzeTokens } from "./analyze.js";
import { acknowledgedTokens, checkConvergence, readTextAsFreshClient, storedText, type ConvergenceResult } from "./convergence.js";
import { copyFixture, removeFixture, type BenchFixture } from "./fixture.js";
import { Flooder } from "./flooder.js";
import { EDITOR_ACCOUNTS, FLOODER_ACCOUNT, login, OBSERVER_ACCOUNT } from "./login.js";
import { measureWindow, round } from "./measureWindow.js";
import type { BenchOptions } from "./options.js";
import { readProcessMemory } from "./procStats.js";
import type { RunResult } from "./runResult.js";
import { startServerProcess } from "./serverProcess.js";
import { Counter, createSharedBuffers, nowMs, sumCounter, viewShared, type SharedLayout, type SharedViews } from "./sharedState.js";
import { planWorkers, startWorker, type WorkerHandle } from "./workerPool.js";

const SETTLE_POLL_MS = 250;
/** Updates the flooder prepares per second of the run: more than loopback takes from it while the server reads on. */
const FLOOD_CHAIN_PER_S = 10_000;

/**
 * Runs the load once against a fresh server on a copy of the fixture:
 * sign in, connect every client, warm up, measure, stop typing, wait for
 * every acknowledgement and delivery, then check convergence and storage.
 */
export async function runOnce(options: BenchOptions, template: BenchFixture, log: (line: string) => void, flood = false): Promise<RunResult> {
  const fixture = copyFixture(template);
  const server = await startServerProcess(fixture.dataDir, options.serverNodeArgs);
  const workers: WorkerHandle[] = [];
  let peakRssMiB = 0;
  const sampleRss = () => {
    const { rssMiB } = readProcessMemory(server.pid);
    peakRssMiB = Math.max(peakRssMiB, rssMiB);
    return rssMiB;
  };
  let rssSampler: NodeJS.Timeout | undefined;
  let flooder: Flooder | null = null;
  try {
    const accounts = EDITOR_ACCOUNTS.slice(0, Math.min(options.editors, EDITOR_ACCOUNTS.length));
    const [observerCookie, ...editorAccountCookies] = await Promise.all(
      [OBSERVER_ACCOUNT, ...accounts].map((email) => login(server.origin, email)),
    );
    const layout: SharedLayout = {
      editors: options.editors,
      // Room for every token an editor can type in warm-up and window, with slack for timer catch-up.
      capacity: Math.ceil((options.rate / options.editors) * (options.warmupS + options.durationS) * 1.3) + 16,
      samplers: options.samplers,
      workers: Math.min(options.workers, options.editors + options.observers),
    };
    const buffers = createSharedBuffers(layout);
    const views = viewShared(layout, buffers);
    const url = `ws://127.0.0.1:${server.port}/ws/documents/${fixture.documentId}`;
    const plans = planWorkers({
      ...options, url, origin: server.origin, editorAccountCookies, observerCookie: observerCookie!,
      initialState: fixture.initialState, layout, buffers,
    });
    if (flood) {
      // One more delegate, signed in on its own, typing into the first paragraph as fast as its socket takes it.
      const chain = Math.ceil(FLOOD_CHAIN_PER_S * (options.warmupS + options.durationS));
      flooder = new Flooder(url, await login(server.origin, FLOODER_ACCOUNT), server.origin, fixture.initialState, 1, chain);
    }
    const connectStart = nowMs();
    rssSampler = setInterval(sampleRss, 1000);
    workers.push(...plans.map(startWorker));
    await Promise.all(workers.map((w) => w.next("ready")));
    const connectS = (nowMs() - connectStart) / 1000;
    log(`  connected ${options.editors + options.observers} sockets in ${connectS.toFixed(1)} s`);

    const startAt = nowMs() + 200;
    for (const w of workers) w.send({ type: "start", atMs: startAt, ratePerS: (options.rate * w.plan.editorIds.length) / options.editors });
    const windowStart = startAt + options.warmupS * 1000;
    const windowEnd = windowStart + options.durationS * 1000;
    if (flooder) flooder.start(windowStart + (options.durationS * 1000) / 2);
    await sleep(windowStart - nowMs());
    for (const w of workers) w.send({ type: "measure" });
    const measured = await measureWindow(server.pid, views, options.observers, windowEnd, sampleRss);
    for (const w of workers) w.send({ type: "stop" });
    const floodStats = flooder?.stop() ?? null;
    const stopped = await Promise.all(workers.map((w) => w.next("stopped")));
    log("  measured; waiting for every acknowledgement and delivery");

    const settleStart = nowMs();
    const settled = await waitUntil(() => allDelivered(views), options.settleTimeoutS * 1000);
    const settleS = (nowMs() - settleStart) / 1000;
    await sleep(500); // let the last broadcasts reach the replicas too
    const convergence = await verifyConvergence(workers, views, url, observerCookie!, server.origin);
    sampleRss();
    clearInterval(rssSampler);
    const processPeakRssMiB = readProcessMemory(server.pid).peakRssMiB;
    const closeCodes = await closeClients(workers);
    const exitCode = await server.stop();
    const persisted = readStoredText(fixture) === convergence.text;

    const tokens = analyzeTokens(views, windowStart, windowEnd);
    const skippedSends = sumCounter(views, Counter.SkippedSends);
    const unexpectedCloses = sumCounter(views, Counter.UnexpectedCloses);
    const { text: _text, ...convergenceResult } = convergence;
    const ok = settled && persisted && convergenceResult.converged && tokens.unacknowledged === 0 &&
      tokens.unseenTokens === 0 && skippedSends === 0 && unexpectedCloses === 0;
    return {
      connectS: round(connectS),
      tokens,
      achievedRatePerS: round(tokens.sentInWindow / measured.durationS),
      skippedSends,
      unexpectedCloses,
      closeCodes,
      delivered: measured.delivered,
      server: { ...measured.server, peakRssMiB: round(peakRssMiB), processPeakRssMiB: round(processPeakRssMiB), exitCode,
        warnings: server.warnings },
      generator: {
        ...measured.generator,
        workers: layout.workers,
        loopDelayP99Ms: round(Math.max(...stopped.map((s) => s.loopDelayMs.p99))),
        loopDelayMaxMs: round(Math.max(...stopped.map((s) => s.loopDelayMs.max))),
      },
      window: { startMs: windowStart, endMs: windowEnd },
      machineBusyPct: measured.machineBusyPct,
      otherPct: measured.otherPct,
      others: measured.others,
      timeline: measured.timeline,
      settleS: round(settleS),
      settled,
      convergence: { ...convergenceResult, persisted },
      flood: floodStats,
      ok,
    };
  } finally {
    flooder?.stop();
    clearInterval(rssSampler);
    await Promise.all(workers.map((w) => w.terminate()));
    await server.stop();
    removeFixture(fixture);
  }
}

/** Compares the replicas' texts, a fresh client's and the acknowledged tokens. */
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

/** Closes every client; returns how many sockets the server had closed before, by close code. */
async function closeClients(workers: WorkerHandle[]): Promise<Record<number, number>> {
  for (const w of workers) w.send({ type: "close" });
  const closeCodes: Record<number, number> = {};
  for (const reply of await Promise.all(workers.map((w) => w.next("closed")))) {
    for (const [code, n] of Object.entries(reply.unexpectedCloses)) closeCodes[Number(code)] = (closeCodes[Number(code)] ?? 0) + n;
  }
  return closeCodes;
}

/** The document's text as stored on disk, read after the server has stopped. */
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
