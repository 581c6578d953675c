import { execFileSync } from "node:child_process";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { ACCORD_SUBPROTOCOL, MessageType, SyncMessageType } from "../../shared/collab/messages.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { syncFrame } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, fragmentText, type YClient } from "../helpers/yClient.js";

/** The paragraph the witness types into. */
const BLOCK = 3;
const WANTED = 3000;

/** File descriptors this process may open: each socket takes two here (client and server end). */
function openFileLimit(): number {
  try {
    return Number(execFileSync("sh", ["-c", "ulimit -n"]).toString().trim()) || 1024;
  } catch {
    return 1024;
  }
}

/**
 * A light observer: it keeps no frames, only whether it synced (the answer
 * to its sync step 1 arrived) and the bytes it received, so thousands fit
 * in the test process beside the server; a few keep the updates they are
 * sent, to check their text.
 */
interface LightObserver {
  ws: WebSocket;
  synced: boolean;
  bytes: number;
  /** For the few whose text is checked: every update it was sent (the answer's, and the room's after it), in order. */
  received: Uint8Array[] | null;
}

function openObserver(url: string, cookie: string, origin: string, stateVector: Uint8Array, keepUpdates: boolean): Promise<LightObserver> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [ACCORD_SUBPROTOCOL], { headers: { cookie, origin } });
    const observer: LightObserver = { ws, synced: false, bytes: 0, received: keepUpdates ? [] : null };
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer) => {
      observer.bytes += data.length;
      if (observer.synced && !observer.received) return;
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
      const type = decoding.readVarUint(decoder);
      if (type !== SyncMessageType.Step2 && type !== SyncMessageType.Update) return;
      if (type === SyncMessageType.Step2) observer.synced = true;
      observer.received?.push(decoding.readVarUint8Array(decoder));
    });
    ws.on("error", reject);
    ws.on("open", () => {
      ws.send(syncFrame(SyncMessageType.Step1, stateVector));
      resolve(observer);
    });
  });
}

/**
 * Threat 49 at the scale of a hall: thousands of observers reconnect at
 * once after the server restarts, while a delegate types. Every observer
 * syncs, the delegate's edits are stored and reach a witness, edits from
 * before the restart are all there, and the answers share one encoding.
 * Round trips are printed, not asserted (machines are noisy).
 */
describe("a reconnect storm after a restart", () => {
  let server: TestServer;
  const observers: LightObserver[] = [];
  const clients: YClient[] = [];

  afterEach(async () => {
    for (const o of observers.splice(0)) o.ws.terminate();
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  it("syncs every observer, keeps every edit and serves the storm from shared answers", async () => {
    const count = Math.min(WANTED, Math.floor((openFileLimit() - 400) / 2));
    server = await startTestServer({ MAX_SOCKETS_PER_ACCOUNT: String(count + 10) });
    const chairCookie = await server.login("chair@demo.accord");
    const docId = await server.documentId(chairCookie, "Declaration");

    const typist = connectYClient(server.wsBase, docId, await server.login("arcadia@demo.accord"), server.origin);
    clients.push(typist);
    await typist.synced();
    typeAtEnd(typist.doc, BLOCK, " beforeRestart");
    await typist.allSaved();
    const stateVector = Y.encodeStateVector(typist.doc);
    typist.destroy();
    clients.splice(0);

    server = await server.restart();
    const url = `${server.wsBase}/${docId}`;
    const observerCookie = await server.login("observer@demo.accord");
    const writer = connectYClient(server.wsBase, docId, await server.login("borealia@demo.accord"), server.origin);
    const witness = connectYClient(server.wsBase, docId, await server.login("civil@demo.accord"), server.origin);
    clients.push(writer, witness);
    await Promise.all([writer.synced(), witness.synced()]);

    // Every observer comes back at once with the state it had before the restart.
    const started = performance.now();
    const opening = Array.from({ length: count }, (_, i) =>
      openObserver(url, observerCookie, server.origin, stateVector, i < 5).then((o) => {
        observers.push(o);
        return o;
      }));
    // The delegate types during the storm; the witness must get each word.
    const roundTrips: number[] = [];
    for (let i = 0; i < 5; i++) {
      const word = `storm${i}`;
      const sent = performance.now();
      typeAtEnd(writer.doc, BLOCK, ` ${word}`);
      await eventually(() => expect(witness.text()).toContain(word), 30_000);
      roundTrips.push(performance.now() - sent);
    }
    await Promise.all(opening);
    await eventually(() => expect(observers.filter((o) => o.synced)).toHaveLength(count), 60_000);
    const syncedMs = performance.now() - started;
    await writer.allSaved();

    const room = server.accord.rooms.get(docId)!;
    // Answers were encoded for a handful of states of the document, not per socket.
    expect(room.joinState.stats.encoded).toBeLessThanOrEqual(20);
    expect(room.joinState.stats.shared).toBeGreaterThanOrEqual(count - 20);
    await eventually(() => expect(witness.text()).toBe(writer.text()));
    expect(writer.text()).toContain("beforeRestart");
    // An observer that kept its state from before the restart has, with what it was sent since, the text exactly.
    const kept = observers.filter((o) => o.received);
    expect(kept).toHaveLength(5);
    await eventually(() => {
      for (const observer of kept) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(typist.doc));
        for (const update of observer.received!) Y.applyUpdate(doc, update);
        expect(doc.store.pendingStructs).toBeNull();
        expect(fragmentText(doc)).toBe(writer.text());
      }
    });
    console.info(`${count} observers reconnected and synced in ${syncedMs.toFixed(0)} ms; ` +
      `typing round trips during the storm (ms): ${roundTrips.map((t) => t.toFixed(0)).join(", ")}; ` +
      `answers encoded ${room.joinState.stats.encoded}, shared ${room.joinState.stats.shared}`);
  }, 120_000);
});
