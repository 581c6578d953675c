import fs from "node:fs";
import { createServer } from "node:http";
import * as decoding from "lib0/decoding";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";
import { MessageType, SyncMessageType } from "../../../shared/collab/messages.js";
import { writeStep2, writeUpdate } from "../frames.js";

/**
 * The floor of what fan-out can cost here: a websocket server that keeps
 * one Y.Doc, answers sync step 1 with the (cached) state, applies each
 * update and sends the updates of each event-loop turn as one merged frame
 * (Y.mergeUpdates) to the other sockets (see flush). No storage, no authentication,
 * no checks, no awareness; any path serves the one document.
 *
 * Environment: PORT (0 for any), HOST, INITIAL_STATE (file holding the
 * document's Yjs state). Logs `{"msg":"listening","port":N}` on stdout like
 * the Accord server, for serverProcess.ts.
 */
const doc = new Y.Doc();
const initial = process.env.INITIAL_STATE;
if (initial) Y.applyUpdate(doc, fs.readFileSync(initial));

/** Past this many updates since the cached state, a join re-encodes the state instead of sending them all. */
const MAX_PENDING = 256;
/**
 * A cached state older than this with updates since is encoded again on
 * the next join, so that a joiner after a quiet spell gets one complete
 * step 2; a younger one is sent with the updates since in the next frame.
 */
const MAX_CACHE_AGE_MS = 100;
let cachedAt = 0;
/** The whole state as last encoded, and the updates applied since; a joiner gets both. */
let cachedState: Uint8Array | null = null;
let sinceCached: Uint8Array[] = [];
let sinceCachedFrame: Uint8Array | null = null;

/** Answers a step 1: what the client lacks. Fresh clients (empty state vector) share the cached state. */
function answerStep1(ws: WebSocket, stateVector: Uint8Array): void {
  if (stateVector.length > 1) {
    ws.send(writeStep2(Y.encodeStateAsUpdate(doc, stateVector)));
    return;
  }
  if (!cachedState || (sinceCached.length > 0 && performance.now() - cachedAt > MAX_CACHE_AGE_MS)) {
    cachedState = Y.encodeStateAsUpdate(doc);
    cachedAt = performance.now();
    sinceCached = [];
    sinceCachedFrame = null;
  }
  ws.send(writeStep2(cachedState));
  if (sinceCached.length > 0) {
    sinceCachedFrame ??= writeUpdate(Y.mergeUpdates(sinceCached));
    ws.send(sinceCachedFrame);
  }
}

const sockets = new Set<WebSocket>();
/** Updates received in this event-loop turn, with their senders. */
let batch: { from: WebSocket; update: Uint8Array }[] = [];
let flushScheduled = false;

/**
 * Sends this turn's updates as one merged frame, encoded once: to every
 * socket when several sockets sent updates this turn (a sender also gets
 * its own update back, which Yjs ignores as already applied; leaving it out
 * would take a merge per sender), to every other socket when one did.
 */
function flush(): void {
  flushScheduled = false;
  const updates = batch;
  batch = [];
  if (updates.length === 0) return;
  const merged = updates.length === 1 ? updates[0]!.update : Y.mergeUpdates(updates.map((u) => u.update));
  const frame = writeUpdate(merged);
  const only = updates.every((u) => u.from === updates[0]!.from) ? updates[0]!.from : null;
  for (const ws of sockets) {
    if (ws !== only) ws.send(frame);
  }
}

function onUpdate(ws: WebSocket, update: Uint8Array): void {
  Y.applyUpdate(doc, update);
  if (cachedState && sinceCached.length >= MAX_PENDING) {
    // Re-encoded on the next join rather than kept growing.
    cachedState = null;
    sinceCached = [];
    sinceCachedFrame = null;
  } else if (cachedState) {
    sinceCached.push(update);
    sinceCachedFrame = null;
  }
  batch.push({ from: ws, update });
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
wss.on("connection", (ws) => {
  sockets.add(ws);
  ws.on("close", () => sockets.delete(ws));
  ws.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
    const subtype = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (subtype === SyncMessageType.Step1) answerStep1(ws, payload);
    else onUpdate(ws, payload);
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1", () => {
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(JSON.stringify({ level: 30, msg: "listening", port }));
});
process.on("SIGTERM", () => {
  for (const ws of sockets) ws.terminate();
  http.close(() => process.exit(0));
});
