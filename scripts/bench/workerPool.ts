import { Worker } from "node:worker_threads";
import type { SharedBuffers, SharedLayout } from "./sharedState.js";
import type { TargetInfo } from "./targets/adapter.js";

/** What one load-generator worker runs: its share of editors and observers. */
export interface WorkerPlan {
  worker: number;
  url: string;
  origin: string;
  /** Cookie per editor id, and the one cookie all observers share. */
  editorCookies: Record<number, string>;
  observerCookie: string;
  initialState: Uint8Array;
  paragraphs: number;
  editorIds: number[];
  /** Editors, and below the number of observers, that keep every update for the convergence check. */
  replicaEditorIds: number[];
  countingObservers: number;
  /** Global sampler indices (rows of the seen-times table) of this worker's sampling observers. */
  samplerIds: number[];
  replicaObservers: number;
  /** Global index of this worker's first observer; its observers take the rows from there on. */
  observerBase: number;
  layout: SharedLayout;
  buffers: SharedBuffers;
  /** Sockets opened at once while connecting. */
  connectConcurrency: number;
  /** The server's kind and document name, for its framing (targets/adapter.ts). */
  target: TargetInfo;
  /** Of the counting observers, how many connect only on "join" (a join storm). */
  deferredObservers: number;
  /** Handshakes in flight while a join storm connects. */
  joinConcurrency: number;
  /** Counting observers read their sockets in turns, each every this many ms (0: at once). */
  observerReadMs: number;
}

/** Commands the main thread sends to a worker. */
export type ToWorker =
  | { type: "start"; atMs: number; ratePerS: number }
  /** The measured window begins: start recording event-loop delay. */
  | { type: "measure" }
  | { type: "stop" }
  | { type: "texts" }
  /** Join storm: connect the deferred observers now. */
  | { type: "join" }
  | { type: "close" };

/** Replies a worker sends to the main thread. */
export type FromWorker =
  | { type: "ready"; connectMs: number }
  /** Sending stopped; the worker's event-loop delay over the measured window, in ms. */
  | { type: "stopped"; loopDelayMs: { p50: number; p99: number; max: number } }
  | { type: "texts"; observers: string[]; editors: string[] }
  /** The deferred observers are synced: how many, when the last one was, the median handshake-to-step-2 time. */
  | { type: "joined"; observers: number; lastSyncedAt: number; syncMsP50: number; syncMsP99: number; syncMsMax: number }
  /** Sockets closed by the server (or failed) during the run, by close code. */
  | { type: "closed"; unexpectedCloses: Record<number, number> }
  | { type: "error"; message: string };

/** The main thread's handle on one worker. */
export interface WorkerHandle {
  plan: WorkerPlan;
  send(message: ToWorker): void;
  /** Resolves with the next reply of the given type; rejects on a worker error. */
  next<T extends FromWorker["type"]>(type: T): Promise<Extract<FromWorker, { type: T }>>;
  terminate(): Promise<void>;
}

const TSX_API = import.meta.resolve("tsx/esm/api");
const WORKER_HEAP_MB = 8192;
const WORKER_ENTRY = new URL("./worker.ts", import.meta.url).href;

/**
 * Starts a worker thread running worker.ts. Node 20 cannot start a worker
 * from a .ts file even under tsx, so a tiny eval'd module registers tsx first.
 */
export function startWorker(plan: WorkerPlan): WorkerHandle {
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;
  // 300 editors each holding a large document (the join storm's 1.2 MB) need more heap than a worker's default.
  const worker = new Worker(bootstrap, { eval: true, workerData: plan, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const waiting: { type: string; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  const inbox: FromWorker[] = [];
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  worker.on("message", (message: FromWorker) => {
    if (message.type === "error") return fail(new Error(`worker ${plan.worker}: ${message.message}`));
    const index = waiting.findIndex((w) => w.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]!.resolve(message);
    else inbox.push(message);
  });
  worker.on("error", (err) => fail(err));
  worker.on("exit", (code) => fail(new Error(`worker ${plan.worker} exited with ${code}`)));
  return {
    plan,
    send: (message) => worker.postMessage(message),
    next(type) {
      if (failure) return Promise.reject(failure);
      const queued = inbox.findIndex((m) => m.type === type);
      if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as Extract<FromWorker, { type: typeof type }>);
      return new Promise((resolve, reject) => {
        waiting.push({ type, resolve: resolve as (m: FromWorker) => void, reject });
      });
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

/** Splits `count` items into `parts` nearly equal consecutive ranges, as [start, end) pairs. */
export function splitEvenly(count: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let p = 0; p < parts; p++) {
    ranges.push([Math.floor((count * p) / parts), Math.floor((count * (p + 1)) / parts)]);
  }
  return ranges;
}

/** What every worker shares: where to connect, as whom, and the shared tables. */
export interface PlanInputs {
  editors: number;
  observers: number;
  samplers: number;
  replicas: number;
  paragraphs: number;
  url: string;
  origin: string;
  /** One cookie per editor account; editor `id` signs in as account `id % length`. */
  editorAccountCookies: string[];
  observerCookie: string;
  initialState: Uint8Array;
  layout: SharedLayout;
  buffers: SharedBuffers;
  target: TargetInfo;
  /** Counting observers that connect only on "join" (0: none). */
  deferred?: number;
  joinConcurrency?: number;
  observerReadMs: number;
}

/** Splits editors, sampling observers, replicas and counting observers evenly over the workers. */
export function planWorkers(inputs: PlanInputs): WorkerPlan[] {
  const { layout } = inputs;
  const replicaEditorIds = Array.from({ length: inputs.replicas }, (_, i) => Math.floor((i * inputs.editors) / inputs.replicas));
  const editorRanges = splitEvenly(inputs.editors, layout.workers);
  const samplerRanges = splitEvenly(inputs.samplers, layout.workers);
  const replicaRanges = splitEvenly(inputs.replicas, layout.workers);
  const countingRanges = splitEvenly(inputs.observers - inputs.samplers - inputs.replicas, layout.workers);
  const deferredRanges = splitEvenly(inputs.deferred ?? 0, layout.workers);
  const range = (r: [number, number]) => Array.from({ length: r[1] - r[0] }, (_, i) => r[0] + i);
  const width = (r: [number, number]) => r[1] - r[0];
  let observerBase = 0;
  return editorRanges.map((editorRange, w) => {
    const base = observerBase;
    observerBase += width(samplerRanges[w]!) + width(replicaRanges[w]!) + width(countingRanges[w]!);
    const editorIds = range(editorRange);
    const cookies = inputs.editorAccountCookies;
    return {
      worker: w,
      url: inputs.url,
      origin: inputs.origin,
      editorCookies: Object.fromEntries(editorIds.map((id) => [id, cookies[id % cookies.length]!])),
      observerCookie: inputs.observerCookie,
      initialState: inputs.initialState,
      paragraphs: inputs.paragraphs,
      editorIds,
      replicaEditorIds: replicaEditorIds.filter((id) => id >= editorRange[0] && id < editorRange[1]),
      countingObservers: countingRanges[w]![1] - countingRanges[w]![0],
      samplerIds: range(samplerRanges[w]!),
      replicaObservers: replicaRanges[w]![1] - replicaRanges[w]![0],
      observerBase: base,
      layout,
      buffers: inputs.buffers,
      connectConcurrency: 32,
      target: inputs.target,
      deferredObservers: Math.min(width(deferredRanges[w]!), width(countingRanges[w]!)),
      joinConcurrency: inputs.joinConcurrency ?? 0,
      observerReadMs: inputs.observerReadMs,
    };
  });
}
