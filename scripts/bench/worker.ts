import { monitorEventLoopDelay } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { percentile } from "./analyze.js";
import { CountingObserver, Editor, Observer, type ClientContext } from "./clients.js";
import { ReadRotation } from "./readRotation.js";
import { addCounter, Counter, nowMs, viewShared } from "./sharedState.js";
import { TargetAdapter } from "./targets/adapter.js";
import type { FromWorker, ToWorker, WorkerPlan } from "./workerPool.js";

/**
 * One load-generator thread: connects its editors and observers, then on
 * "start" types tokens at its share of the rate, spread evenly over time and
 * round-robin over its editors, until "stop".
 */
const plan = workerData as WorkerPlan;
const port = parentPort!;
const views = viewShared(plan.layout, plan.buffers);
const unexpectedCloses: Record<number, number> = {};
const onUnexpectedClose = (code: number) => {
  unexpectedCloses[code] = (unexpectedCloses[code] ?? 0) + 1;
  addCounter(views, plan.worker, Counter.UnexpectedCloses, 1);
};
const target = new TargetAdapter(plan.target);
const context = (cookie: string): ClientContext =>
  ({ url: plan.url, cookie, origin: plan.origin, views, worker: plan.worker, target, onUnexpectedClose });

const replicaEditors = new Set(plan.replicaEditorIds);
const editors = plan.editorIds.map((id) => new Editor(context(plan.editorCookies[id]!), id, plan.initialState, replicaEditors.has(id)));
const observers: Observer[] = [];
const counting: CountingObserver[] = [];
// Each observer's global index (its row of the comment table): this worker's rows start at observerBase.
let rows = plan.observerBase;
for (const sampler of plan.samplerIds) observers.push(new Observer(context(plan.observerCookie), "sample", rows++, sampler));
for (let i = 0; i < plan.replicaObservers; i++) observers.push(new Observer(context(plan.observerCookie), "replica", rows++));
for (let i = 0; i < plan.countingObservers; i++) counting.push(new CountingObserver(context(plan.observerCookie), rows++));

// The last counting observers wait for "join" (a join storm).
const deferred = counting.splice(counting.length - plan.deferredObservers, plan.deferredObservers);
const connected = [...editors, ...observers, ...counting];
const rotation = new ReadRotation(plan.observerReadMs);
let sending: NodeJS.Timeout | null = null;
// A busy worker reads frames late, which would show up as server latency; this shows how late.
// The histogram records the interval between timer ticks, so the resolution is subtracted.
const LOOP_RESOLUTION_MS = 5;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
const lateMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

function reply(message: FromWorker): void {
  port.postMessage(message);
}

/** Connects clients with at most `limit` handshakes in flight, so the server is not flooded at once. */
async function connectAll(clients: { connect(): Promise<void> }[], limit: number, took: number[] = []): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < clients.length) {
      const started = nowMs();
      await clients[next++]!.connect();
      took.push(nowMs() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, clients.length) }, lane));
}

/** Connects the deferred observers; replies when the last has its sync step 2. */
async function join(): Promise<void> {
  const took: number[] = [];
  await connectAll(deferred, Math.max(1, plan.joinConcurrency), took);
  const lastSyncedAt = nowMs();
  for (const observer of deferred) rotation.add(observer);
  counting.push(...deferred.splice(0));
  took.sort((a, b) => a - b);
  const at = (p: number) => (took.length > 0 ? percentile(took, p) : 0);
  reply({ type: "joined", observers: took.length, lastSyncedAt, syncMsP50: at(50), syncMsP99: at(99), syncMsMax: at(100) });
}

/** Open-loop sending: the number of tokens due is fixed by elapsed time, not by how fast the server answers. */
function startSending(atMs: number, ratePerS: number): void {
  let sent = 0;
  let turn = 0;
  const tick = () => {
    const due = Math.floor(((nowMs() - atMs) * ratePerS) / 1000) - sent;
    for (let i = 0; i < due && editors.length > 0; i++) {
      const editor = editors[turn++ % editors.length]!;
      const block = 1 + Math.floor(Math.random() * plan.paragraphs);
      if (!editor.type(block)) addCounter(views, plan.worker, Counter.SkippedSends, 1);
      sent += 1;
    }
    sending = setTimeout(tick, 1);
  };
  sending = setTimeout(tick, Math.max(0, atMs - nowMs()));
}

port.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "start":
      startSending(message.atMs, message.ratePerS);
      return;
    case "measure":
      loopDelay.reset();
      loopDelay.enable();
      return;
    case "stop":
      if (sending) clearTimeout(sending);
      sending = null;
      loopDelay.disable();
      reply({
        type: "stopped",
        loopDelayMs: { p50: lateMs(loopDelay.percentile(50)), p99: lateMs(loopDelay.percentile(99)), max: lateMs(loopDelay.max) },
      });
      return;
    case "texts":
      reply({
        type: "texts",
        observers: observers.flatMap((o) => o.replicaText() ?? []),
        editors: editors.flatMap((e) => e.replicaText() ?? []),
      });
      return;
    case "join":
      join().catch((err: unknown) => reply({ type: "error", message: err instanceof Error ? err.message : String(err) }));
      return;
    case "close":
      rotation.stop();
      for (const client of [...editors, ...observers, ...counting]) client.close();
      reply({ type: "closed", unexpectedCloses });
      return;
  }
});

const started = nowMs();
connectAll(connected, plan.connectConcurrency).then(
  () => {
    for (const observer of counting) rotation.add(observer);
    reply({ type: "ready", connectMs: nowMs() - started });
  },
  (err: unknown) => reply({ type: "error", message: err instanceof Error ? err.message : String(err) }),
);
