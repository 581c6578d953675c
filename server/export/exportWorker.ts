import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import * as Y from "yjs";
import { renderComparison } from "../compare/compareJob.js";
import { docOf, renderExport } from "./exportDocument.js";
import type { ExportThreadOptions, FromExportThread, TextSnapshot, ThreadResult, ToExportThread } from "./exportThread.js";
import { ChromiumPrinter } from "./pdf.js";
import { renderCompilation } from "./proposalCompilationJob.js";

/**
 * The export thread (started by exportThread.ts): renders exports and prints
 * PDFs with a Chromium of its own. It first lowers its own scheduling
 * priority; on Linux that is this thread's alone, and the Chromium it starts
 * inherits it.
 */
const options = workerData as ExportThreadOptions;
const port = parentPort!;
try {
  os.setPriority(0, options.niceness);
} catch {
  // Not allowed here: the exports run at the server's priority.
}
const printer = new ChromiumPrinter(options.chromiumPath, options.idleMs);
const print = (html: string, title: string) => printer.print(html, title);

/** Copies of the documents exported lately, by copy number, least recently used first. */
const MAX_COPIES = 8;
const copies = new Map<number, Y.Doc>();

class MissingCopy extends Error {}

/** The text to render: a revision's state, or this thread's copy of a document brought up to date. */
function textOf(text: TextSnapshot): Y.Doc {
  if ("state" in text) return docOf(text.state);
  let doc = copies.get(text.copy);
  copies.delete(text.copy);
  if (!doc) {
    if (!text.whole) throw new MissingCopy(`The export thread no longer holds copy ${text.copy}.`);
    doc = new Y.Doc();
  }
  // A copy an update failed on is dropped: the next export of its document sends the whole state.
  Y.applyUpdate(doc, text.update);
  copies.set(text.copy, doc);
  for (const [copy] of copies) {
    if (copies.size <= MAX_COPIES) break;
    copies.delete(copy);
  }
  return doc;
}

/** A body's memory is handed over rather than copied when the body alone owns it. */
function transferable(value: unknown): ArrayBuffer[] {
  const body = value instanceof Uint8Array ? value
    : value && typeof value === "object" && "body" in value && value.body instanceof Uint8Array ? value.body : null;
  return body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer ? [body.buffer] : [];
}

port.on("message", (message: ToExportThread) => {
  if (message.type === "close") {
    void printer.close().then(() => port.postMessage({ type: "closed" } satisfies FromExportThread));
    return;
  }
  if (message.type === "forget") {
    copies.delete(message.copy);
    return;
  }
  let work: Promise<ThreadResult>;
  try {
    work = message.type === "render" ? renderExport(message.job, textOf(message.text), print)
      : message.type === "compare" ? renderComparison(message.job, docOf(message.from), textOf(message.text), print)
      : message.type === "compilation" ? renderCompilation(message.job, print)
      : print(message.html, message.title);
  } catch (err) {
    work = Promise.reject(err);
  }
  work.then(
    (result) => port.postMessage({ type: "done", id: message.id, result } satisfies FromExportThread, transferable(result)),
    (err: unknown) => {
      const failure = err instanceof Error ? err : new Error(String(err));
      port.postMessage({
        type: "failed", id: message.id, message: failure.message, stack: failure.stack, missingCopy: err instanceof MissingCopy,
      } satisfies FromExportThread);
    },
  );
});
