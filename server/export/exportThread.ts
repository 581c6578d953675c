import { Worker } from "node:worker_threads";
import * as Y from "yjs";
import type { CompareJob, ComparisonResult } from "../compare/compareJob.js";
import type { ExportJob, ExportResult } from "./exportDocument.js";
import type { CompilationFile, CompilationJob } from "./proposalCompilationJob.js";

/** What the export thread is started with. */
export interface ExportThreadOptions {
  chromiumPath: string;
  /** The browser is closed after this long without printing. */
  idleMs: number;
  /** The thread's nice value (Linux, per thread; Chromium inherits it). */
  niceness: number;
}

/**
 * The text of an export, as the export thread receives it: a whole Yjs state
 * (an issued revision), or what the thread's copy `copy` of a document lacks
 * (the whole state when `whole`: a document the thread has not seen).
 */
export type TextSnapshot = { state: Uint8Array } | { copy: number; update: Uint8Array; whole: boolean };

/** To the export thread. */
export type ToExportThread =
  | { type: "render"; id: number; job: ExportJob; text: TextSnapshot }
  /** Two texts compared: an issued revision's state, and a later one or the document now. */
  | { type: "compare"; id: number; job: CompareJob; from: Uint8Array; text: TextSnapshot }
  | { type: "print"; id: number; html: string; title: string }
  /** The compilation of proposals, laid out and rendered. */
  | { type: "compilation"; id: number; job: CompilationJob }
  /** The document a copy followed is gone. */
  | { type: "forget"; copy: number }
  | { type: "close" };

/** From the export thread. */
export type FromExportThread =
  | { type: "done"; id: number; result: ThreadResult }
  | { type: "failed"; id: number; message: string; stack?: string; missingCopy?: boolean }
  | { type: "closed" };

/** What the export thread answers with. */
export type ThreadResult = ExportResult | ComparisonResult | CompilationFile | Uint8Array;

/** The export thread no longer holds the copy a change was for (it keeps a few); the whole state is sent again. */
class MissingCopy extends Error {}

const CLOSE_TIMEOUT_MS = 10_000;

/** The worker's module next to this one: TypeScript run by tsx (as the server is), else compiled JavaScript. */
function workerEntry(): { code: string; eval: true } | { code: URL; eval: false } {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return { code: new URL("./exportWorker.js", here), eval: false };
  // A worker cannot start from a .ts file, even under tsx: a tiny module registers tsx first.
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./exportWorker.ts", here).href;
  return { code: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

/**
 * The main thread's side of the export thread (exportWorker.ts): one worker
 * started on first use, which renders exports from their snapshots and
 * prints PDFs, so that neither the work nor the many small waits of a
 * rendering (the Word file's zip is written in steps, each a turn of the
 * event loop; printing is a conversation with Chromium) wait behind a busy
 * room. Requests are answered in any order. If the thread dies, what it was
 * doing fails and the next request starts a new one. It keeps the process
 * alive only while it has work.
 *
 * The thread keeps a copy of each document it exported lately, so that the
 * next export of it sends only what changed since (Yjs state-vector
 * differences: about a millisecond on this thread, where the whole state of
 * a document with tens of thousands of edits takes tens). A copy follows one
 * Y.Doc object (a room's document), whose history only grows: the copy is
 * that document as it was when the export was asked for.
 */
export class ExportThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: ThreadResult) => void; reject: (err: Error) => void }>();
  /** The thread's copies: which copy follows a document, and the state vector it was last sent up to. */
  private copies = new WeakMap<Y.Doc, { copy: number; sent: Uint8Array }>();
  private nextCopy = 1;
  /** Tells the thread to drop the copy of a document that is gone. */
  private readonly forget = new FinalizationRegistry<{ copy: number; worker: Worker }>(({ copy, worker }) => {
    if (this.worker === worker) worker.postMessage({ type: "forget", copy } satisfies ToExportThread);
  });

  constructor(private readonly options: ExportThreadOptions) {}

  /** Renders an export of `text`: a document as it is now, or a whole Yjs state. */
  async render(job: ExportJob, text: Y.Doc | Uint8Array): Promise<ExportResult> {
    try {
      return await this.call((id) => ({ type: "render", id, job, text: this.snapshot(text) })) as ExportResult;
    } catch (err) {
      if (!(err instanceof MissingCopy) || !(text instanceof Y.Doc)) throw err;
      this.copies.delete(text);
      return await this.call((id) => ({ type: "render", id, job, text: this.snapshot(text) })) as ExportResult;
    }
  }

  /** Compares an issued revision (`from`, a whole state) with a later text: a revision's state, or a document now. */
  async compare(job: CompareJob, from: Uint8Array, text: Y.Doc | Uint8Array): Promise<ComparisonResult> {
    try {
      return await this.call((id) => ({ type: "compare", id, job, from, text: this.snapshot(text) })) as ComparisonResult;
    } catch (err) {
      if (!(err instanceof MissingCopy) || !(text instanceof Y.Doc)) throw err;
      this.copies.delete(text);
      return await this.call((id) => ({ type: "compare", id, job, from, text: this.snapshot(text) })) as ComparisonResult;
    }
  }

  /** Prints HTML to PDF. */
  print(html: string, title: string): Promise<Uint8Array> {
    return this.call((id) => ({ type: "print", id, html, title })) as Promise<Uint8Array>;
  }

  /** Renders the compilation of proposals (a PDF printed there too). */
  compilation(job: CompilationJob): Promise<CompilationFile> {
    return this.call((id) => ({ type: "compilation", id, job })) as Promise<CompilationFile>;
  }

  /** Closes the browser and ends the thread; anything still running fails. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    worker.ref();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.on("message", (message: FromExportThread) => {
        if (message.type === "closed") done();
      });
      worker.once("exit", done);
      worker.postMessage({ type: "close" } satisfies ToExportThread);
    });
    await worker.terminate();
    this.fail(new Error("The export thread was closed."));
  }

  /** What the thread's copy of `text` lacks (all of it for a copy not made yet); noted as sent. Call with the thread started. */
  private snapshot(text: Y.Doc | Uint8Array): TextSnapshot {
    if (text instanceof Uint8Array) return { state: text };
    const known = this.copies.get(text);
    const copy = known?.copy ?? this.nextCopy++;
    const update = known ? Y.encodeStateAsUpdate(text, known.sent) : Y.encodeStateAsUpdate(text);
    this.copies.set(text, { copy, sent: Y.encodeStateVector(text) });
    if (!known) this.forget.register(text, { copy, worker: this.worker! });
    return { copy, update, whole: !known };
  }

  private call(message: (id: number) => ToExportThread): Promise<ThreadResult> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      try {
        worker.postMessage(message(id));
      } catch (err) {
        this.settle(id)?.reject(err as Error);
      }
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const entry = workerEntry();
    const worker = new Worker(entry.code, {
      eval: entry.eval,
      workerData: { chromiumPath: this.options.chromiumPath, idleMs: this.options.idleMs, niceness: this.options.niceness },
    });
    worker.unref();
    // A new thread holds no copies.
    this.copies = new WeakMap();
    worker.on("message", (message: FromExportThread) => {
      if (message.type === "done") this.settle(message.id)?.resolve(message.result);
      else if (message.type === "failed") {
        const err = message.missingCopy ? new MissingCopy(message.message) : new Error(message.message);
        if (message.stack) err.stack = message.stack;
        this.settle(message.id)?.reject(err);
      }
    });
    const stopped = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(err);
    };
    worker.on("error", (err) => stopped(err));
    worker.on("exit", (code) => stopped(new Error(`The export thread stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private settle(id: number) {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (entry && this.pending.size === 0) this.worker?.unref();
    return entry;
  }

  private fail(err: Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) entry.reject(err);
  }
}
