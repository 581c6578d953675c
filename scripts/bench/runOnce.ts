import { setTimeout as sleep } from "node:timers/promises";
import { allDelivered, analyzeTokens } from "./analyze.js";
import { analyzeComments, CommentPoster, timeGets, type GetStats } from "./commentLoad.js";
import { acknowledgedTokens, checkConvergence, readTextAsFreshClient, type ConvergenceResult } from "./convergence.js";
import { copyFixture, removeFixture, type BenchFixture } from "./fixture.js";
import { Flooder } from "./flooder.js";
import { FLOODER_ACCOUNT, login } from "./login.js";
import { measureWindow, round } from "./measureWindow.js";
import type { BenchOptions } from "./options.js";
import { allowedCpus } from "./pinning.js";
import { readProcessMemory } from "./procStats.js";
import type { RunResult, StormTimes } from "./runResult.js";
import { Counter, createSharedBuffers, nowMs, sumCounter, viewShared, type SharedLayout, type SharedViews } from "./sharedState.js";
import { TargetAdapter, type TargetKind } from "./targets/adapter.js";
import { launchTarget } from "./targets/launch.js";
import { planWorkers, startWorker, type WorkerHandle } from "./workerPool.js";

const SETTLE_POLL_MS = 250;
/** Updates the flooder prepares per second of the run: more than loopback takes from it while the server reads on. */
const FLOOD_CHAIN_PER_S = 10_000;
/** With --comments: longest the GETs under load may go on after the window (the load goes on meanwhile). */
const LOADED_GETS_MAX_S = 15;
/** With a join storm: the typing goes on until every observer has joined; a joiner gives up after 60 s. */
const STORM_MAX_S = 60;

/**
 * Extra work a caller runs beside the load (e.g. exports), started once every
 * socket is connected, before the warm-up; awaited after the window, before
 * the clients stop. Times are {@link nowMs}.
 */
export type DuringRun = (run: { serverPid: number; origin: string; documentId: string; cookie: string; windowStart: number; windowEnd: number }) => Promise<void>;

/** Which server a run drives, pinned where (`taskset -c` list), and a join storm if any. */
export interface RunTarget {
  kind: TargetKind;
  cpus: string | null;
  /**
   * Join storm: this many of the counting observers connect only when the
   * measured window starts, `concurrency` handshakes in flight per worker.
   */
  storm?: { observers: number; concurrency: number };
}

/**
 * Runs the load once against a fresh server on a copy of the fixture:
 * sign in, connect every client, warm up, measure, stop typing, wait for
 * every acknowledgement and delivery, then check convergence and storage.
 */
export async function runOnce(options: BenchOptions, template: BenchFixture, log: (line: string) => void, flood = false,
  during?: DuringRun, target: RunTarget = { kind: "accord", cpus: null }): Promise<RunResult> {
  const fixture = copyFixture(template);
  // The comment load posts over the six editor accounts, far above the per-user rate a person gets.
  const serverEnv: Record<string, string> = options.comments ? { COMMENTS_PER_MINUTE: "1000000" } : {};
  const launched = await launchTarget(target.kind, fixture, { editors: options.editors, nodeArgs: options.serverNodeArgs,
    env: serverEnv, cpus: target.cpus });
  const { server, url, editorAccountCookies, observerCookie } = launched;
  const adapter = new TargetAdapter(launched.info);
  const serverAllowed = allowedCpus(server.pid);
  const acks = adapter.ackMode !== "none";
  const workers: WorkerHandle[] = [];
  let peakRssMiB = 0;
  const sampleRss = () => {
    const { rssMiB } = readProcessMemory(server.pid);
    peakRssMiB = Math.max(peakRssMiB, rssMiB);
    return rssMiB;
  };
  let rssSampler: NodeJS.Timeout | undefined;
  let flooder: Flooder | null = null;
  let poster: CommentPoster | null = null;
  try {
    // With comments the load goes on after the window while the thread list is fetched.
    const loadS = options.warmupS + options.durationS + (options.comments ? LOADED_GETS_MAX_S : 0) +
      (target.storm ? STORM_MAX_S : 0);
    const layout: SharedLayout = {
      editors: options.editors,
      // Room for every token an editor can type in warm-up and window, with slack for timer catch-up.
      capacity: Math.ceil((options.rate / options.editors) * loadS * 1.3) + 16,
      samplers: options.samplers,
      workers: Math.min(options.workers, options.editors + options.observers),
      observers: options.observers,
      comments: options.comments ? Math.ceil(options.commentRate * loadS * 1.3) + 16 : 0,
    };
    const buffers = createSharedBuffers(layout);
    const views = viewShared(layout, buffers);
    const plans = planWorkers({
      ...options, url, origin: server.origin, editorAccountCookies, observerCookie,
      initialState: fixture.initialState, layout, buffers, target: launched.info,
      deferred: target.storm?.observers ?? 0, joinConcurrency: target.storm?.concurrency ?? 0,
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

    // The full thread list, with the room open and every socket connected but nobody typing yet.
    let getQuiet: GetStats | null = null;
    if (options.comments) {
      getQuiet = await timeGets(server.origin, fixture.documentId, editorAccountCookies[0]!, options.commentGets);
      log(`  GET of ${getQuiet.threads} threads (${(getQuiet.bytes / 1e6).toFixed(2)} MB) before the load: ` +
        `p50 ${getQuiet.ms.p50} ms, p99 ${getQuiet.ms.p99} ms over ${getQuiet.requests}`);
      poster = new CommentPoster(server.origin, fixture.documentId, editorAccountCookies, fixture.pids, options.commentRate, layout.comments);
    }

    const startAt = nowMs() + 200;
    for (const w of workers) w.send({ type: "start", atMs: startAt, ratePerS: (options.rate * w.plan.editorIds.length) / options.editors });
    poster?.start(startAt);
    const windowStart = startAt + options.warmupS * 1000;
    const windowEnd = windowStart + options.durationS * 1000;
    if (flooder) flooder.start(windowStart + (options.durationS * 1000) / 2);
    const extra = during?.({ serverPid: server.pid, origin: server.origin, documentId: fixture.documentId, cookie: editorAccountCookies[0]!, windowStart, windowEnd });
    await sleep(windowStart - nowMs());
    for (const w of workers) w.send({ type: "measure" });
    const joined = target.storm ? joinStorm(workers, log) : null;
    const measured = await measureWindow(server.pid, views, options.observers, windowEnd, sampleRss);
    await extra;
    const storm = joined ? await joined : null;
    // The same list again under the full load (typing and posting go on), after the window so as not to disturb it.
    let getLoaded: GetStats | null = null;
    if (options.comments) {
      getLoaded = await timeGets(server.origin, fixture.documentId, editorAccountCookies[0]!, options.commentGets,
        nowMs() + LOADED_GETS_MAX_S * 1000);
      log(`  GET of ${getLoaded.threads} threads under the load: p50 ${getLoaded.ms.p50} ms, p99 ${getLoaded.ms.p99} ms over ${getLoaded.requests}`);
    }
    poster?.stop();
    for (const w of workers) w.send({ type: "stop" });
    const floodStats = flooder?.stop() ?? null;
    const stopped = await Promise.all(workers.map((w) => w.next("stopped")));
    log("  measured; waiting for every acknowledgement and delivery");

    const settleStart = nowMs();
    await poster?.drain();
    const settled = await waitUntil(() => allDelivered(views, acks) && (poster?.settled(views) ?? true), options.settleTimeoutS * 1000);
    const settleS = (nowMs() - settleStart) / 1000;
    await sleep(500); // let the last broadcasts reach the replicas too
    const convergence = await verifyConvergence(workers, views, url, observerCookie, server.origin, adapter);
    sampleRss();
    clearInterval(rssSampler);
    const processPeakRssMiB = readProcessMemory(server.pid).peakRssMiB;
    const closeCodes = await closeClients(workers);
    await launched.beforeStop();
    const exitCode = await server.stop();
    const stored = launched.readStoredText();
    const persisted = stored === null || stored === convergence.text;

    const tokens = analyzeTokens(views, windowStart, windowEnd);
    const comments = poster ? analyzeComments(views, poster, windowStart, windowEnd, fixture.threads, getQuiet!, getLoaded!) : null;
    const skippedSends = sumCounter(views, Counter.SkippedSends);
    const unexpectedCloses = sumCounter(views, Counter.UnexpectedCloses);
    const { text: _text, ...convergenceResult } = convergence;
    const ok = settled && persisted && convergenceResult.converged && (!acks || tokens.unacknowledged === 0) &&
      tokens.unseenTokens === 0 && skippedSends === 0 && unexpectedCloses === 0 && (comments?.ok ?? true);
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
      comments,
      target: { kind: target.kind, cpus: target.cpus, serverAllowed, acks: adapter.ackMode, stored: stored !== null },
      storm: storm ? { ...storm, tokens: analyzeTokens(views, windowStart, storm.allSyncedAt) } : null,
      ok,
    };
  } catch (err) {
    const failure = server.failure();
    if (failure && err instanceof Error) err.message += ` (server: ${failure})`;
    throw err;
  } finally {
    flooder?.stop();
    poster?.stop();
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
  adapter: TargetAdapter,
): Promise<ConvergenceResult & { text: string }> {
  const texts: { label: string; text: string }[] = [];
  for (const w of workers) {
    w.send({ type: "texts" });
    const reply = await w.next("texts");
    reply.observers.forEach((text, i) => texts.push({ label: `worker ${w.plan.worker} observer ${i}`, text }));
    reply.editors.forEach((text, i) => texts.push({ label: `worker ${w.plan.worker} editor ${i}`, text }));
  }
  texts.push({ label: "fresh client", text: await readTextAsFreshClient(url, cookie, origin, 60_000, adapter) });
  return { ...checkConvergence(texts, acknowledgedTokens(views, adapter.ackMode === "none")), text: texts[0]!.text };
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

/**
 * Tells every worker to connect its deferred observers now; resolves when
 * all are synced, with when the storm started and when the last one synced.
 */
async function joinStorm(workers: WorkerHandle[], log: (line: string) => void): Promise<StormTimes> {
  const startedAt = nowMs();
  for (const w of workers) w.send({ type: "join" });
  const replies = await Promise.all(workers.map((w) => w.next("joined")));
  const allSyncedAt = Math.max(startedAt, ...replies.map((r) => r.lastSyncedAt));
  const observers = replies.reduce((n, r) => n + r.observers, 0);
  const syncS = round((allSyncedAt - startedAt) / 1000);
  const worst = (key: "syncMsP50" | "syncMsP99" | "syncMsMax") => round(Math.max(...replies.map((r) => r[key])));
  log(`  join storm: ${observers} observers synced in ${syncS} s; socket opened to sync step 2: ` +
    `p50 ${worst("syncMsP50")} ms, p99 ${worst("syncMsP99")} ms, max ${worst("syncMsMax")} ms (the worst worker's)`);
  return { startedAt, allSyncedAt, observers, syncS, syncMsP50: worst("syncMsP50"), syncMsP99: worst("syncMsP99"), syncMsMax: worst("syncMsMax") };
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = nowMs() + timeoutMs;
  while (!check()) {
    if (nowMs() > deadline) return false;
    await sleep(SETTLE_POLL_MS);
  }
  return true;
}
