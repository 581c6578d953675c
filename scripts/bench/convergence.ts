import WebSocket from "ws";
import * as Y from "yjs";
import { countTokens, documentText } from "./documentText.js";
import { readServerFrame, writeStep1, writeStep2 } from "./frames.js";
import type { SharedViews } from "./sharedState.js";
import { TargetAdapter } from "./targets/adapter.js";

/** The outcome of comparing the final texts of several clients. */
export interface ConvergenceResult {
  converged: boolean;
  /** Label of every client compared, e.g. "observer 1", "editor 0", "fresh client". */
  compared: string[];
  /** Labels whose text differs from the first one. */
  differing: string[];
  /** Acknowledged tokens missing from the converged text. */
  missingAcknowledged: number;
  /** Tokens that appear more than once. */
  duplicated: number;
  textChars: number;
}

/** Joins the document as a new client with an empty Y.Doc after the run and returns its text once synced (sync step 2). */
export function readTextAsFreshClient(url: string, cookie: string, origin: string, timeoutMs = 60_000,
  target = new TargetAdapter({ kind: "accord", documentName: "" })): Promise<string> {
  return new Promise((resolve, reject) => {
    const doc = new Y.Doc();
    const ws = new WebSocket(url, target.protocols(), { headers: target.headers(cookie, origin), perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error("fresh client got no sync step 2"));
    }, timeoutMs);
    ws.on("error", reject);
    ws.on("open", () => {
      for (const frame of target.hello()) ws.send(frame);
      ws.send(target.wrap(writeStep1(Y.encodeStateVector(doc))));
    });
    ws.on("message", (data: Buffer) => {
      const message = readServerFrame(target.unwrap(data));
      if (message.kind === "step1") ws.send(target.wrap(writeStep2(Y.encodeStateAsUpdate(doc, message.stateVector))));
      // As y-websocket does: an update before the step 2 (the changes since a cached answer) is applied too.
      if (message.kind === "update") Y.applyUpdate(doc, message.payload);
      if (message.kind === "step2") {
        Y.applyUpdate(doc, message.payload);
        clearTimeout(timer);
        const text = documentText(doc);
        ws.close();
        doc.destroy();
        resolve(text);
      }
    });
  });
}

/**
 * Keys (`E#S`) of every token whose editor got a Saved acknowledgement;
 * with `everySent`, of every token sent (for a target without acknowledgements).
 */
export function acknowledgedTokens(views: SharedViews, everySent = false): string[] {
  const { editors, capacity } = views.layout;
  const keys: string[] = [];
  for (let editor = 0; editor < editors; editor++) {
    for (let seq = 0; seq < views.sentCounts[editor]!; seq++) {
      if (everySent || views.ackTimes[editor * capacity + seq]! > 0) keys.push(`${editor}#${seq}`);
    }
  }
  return keys;
}

/** Checks that every text is identical and holds each acknowledged token exactly once. */
export function checkConvergence(texts: { label: string; text: string }[], acknowledged: string[]): ConvergenceResult {
  const reference = texts[0]?.text ?? "";
  const differing = texts.filter((t) => t.text !== reference).map((t) => t.label);
  const counts = countTokens(reference);
  const missingAcknowledged = acknowledged.filter((key) => !counts.has(key)).length;
  const duplicated = [...counts.values()].filter((n) => n > 1).length;
  return {
    converged: texts.length > 0 && differing.length === 0 && missingAcknowledged === 0 && duplicated === 0,
    compared: texts.map((t) => t.label),
    differing,
    missingAcknowledged,
    duplicated,
    textChars: reference.length,
  };
}

/** The text of a document as stored on disk (compacted state plus update log), read after the server stopped. */
export function storedText(state: Uint8Array | null, updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const update of updates) Y.applyUpdate(doc, update);
  const text = documentText(doc);
  doc.destroy();
  return text;
}
