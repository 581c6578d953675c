import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { MessageType } from "../../shared/collab/messages.js";
import { CountingObserver, type ClientContext } from "../../scripts/bench/clients.js";
import { isStep1, isStep2, readServerFrame, writeStep1, writeStep2, writeUpdate } from "../../scripts/bench/frames.js";
import { Counter, createSharedBuffers, viewShared, type SharedViews } from "../../scripts/bench/sharedState.js";
import { TargetAdapter, type TargetKind } from "../../scripts/bench/targets/adapter.js";

/**
 * The generator's counting observer against a `ws` server speaking the
 * y-websocket protocol (plain, and with Hocuspocus's document-name prefix):
 * what it counts, what it answers, and the comment markers it records.
 */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function comments(markers: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Comments);
  encoding.writeVarString(encoder, JSON.stringify({ threads: markers.map((n) => ({ body: `said ⟦c${n}⟧ here` })) }));
  return encoding.toUint8Array(encoder);
}

async function until(check: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each<TargetKind>(["accord", "hocuspocus"])("a counting observer (%s framing)", (kind) => {
  it("syncs on step 2, answers the server's step 1, counts every frame and its bytes, and records comment markers", async () => {
    const target = new TargetAdapter({ kind, documentName: "bench-doc" });
    const received: Uint8Array[] = [];
    let server: WebSocket | null = null;
    const wss = new WebSocketServer({ port: 0, perMessageDeflate: false });
    closers.push(() => new Promise((resolve) => {
      for (const ws of wss.clients) ws.terminate();
      wss.close(() => resolve());
    }));
    await new Promise((resolve) => wss.once("listening", resolve));
    const sent: Uint8Array[] = [];
    const send = (frame: Uint8Array) => {
      const wrapped = target.wrap(frame);
      sent.push(wrapped);
      server!.send(wrapped);
    };
    wss.on("connection", (ws) => {
      server = ws;
      ws.on("message", (data: Buffer) => {
        const frame = target.unwrap(data);
        received.push(frame);
        // The server's own step 1 first, then the answer to the client's.
        if (isStep1(frame)) {
          send(writeStep1(new Uint8Array([0])));
          send(writeStep2(new Uint8Array([0, 0])));
        }
      });
    });

    const layout = { editors: 1, capacity: 1, samplers: 1, workers: 1, observers: 3, comments: 5 };
    const views: SharedViews = viewShared(layout, createSharedBuffers(layout));
    const closes: number[] = [];
    const context: ClientContext = {
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, cookie: "session=x", origin: "http://bench",
      views, worker: 0, target, onUnexpectedClose: (code) => closes.push(code),
    };
    const observer = new CountingObserver(context, 2);
    await observer.connect();

    // The observer opened with Hocuspocus's auth when that is the target, then step 1, then answered the server's step 1.
    await until(() => received.some(isStep2), "the answer to the server's step 1");
    const kinds = received.map((f) => readServerFrame(f).kind);
    expect(kinds.filter((k) => k === "step1")).toHaveLength(1);
    expect(readServerFrame(received.find(isStep2)!)).toEqual({ kind: "step2", payload: new Uint8Array([0, 0]) });

    send(writeUpdate(new Uint8Array(300).fill(7)));
    send(comments([1, 3]));
    send(writeUpdate(new Uint8Array(70_000).fill(9)));
    send(comments([9]));
    await until(() => views.counters[Counter.ObserverFrames] === sent.length, "every frame counted");
    const unwrappedBytes = sent.reduce((n, frame) => n + frame.length - target.prefix.length, 0);
    expect(views.counters[Counter.ObserverBytes]).toBe(unwrappedBytes);
    // Row 2's markers 1 and 3 are stamped; 9 is past the table and ignored; nothing else is touched.
    const row = [...views.commentSeen.subarray(2 * 5, 3 * 5)].map((t) => t > 0);
    expect(row).toEqual([false, true, false, true, false]);
    expect([...views.commentSeen.subarray(0, 10)].every((t) => t === 0)).toBe(true);

    // The server closing is reported once with its code; the benchmark closing is not reported.
    server!.close(4321, "bye");
    await until(() => closes.length > 0, "the close");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closes).toEqual([4321]);
    observer.close();
  });
});
