import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { writeDelivery } from "../../shared/collab/currentParagraph.js";
import { ACCORD_SUBPROTOCOL } from "../../shared/collab/messages.js";
import { ROOM_STATE_KEY } from "../../shared/collab/presence.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { awarenessFrame, docFromFrames, openRaw, updateFrame, type RawClient } from "../helpers/rawClient.js";
import { awarenessEntries, emptyStep1, updateFrames } from "../helpers/roomFrames.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, fragmentText, type YClient } from "../helpers/yClient.js";

/** The paragraph everyone types into (a delegate may edit it). */
const BLOCK = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The update a sync-update frame carries. */
function readUpdateOf(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/**
 * Who gets what, and when: editors each stored batch, observers on their
 * tick, low-bandwidth sockets once a second; presence by audience; join
 * frames shared; a reader that never reads closed. Real server, raw clients.
 */
describe("a room's audiences", () => {
  let server: TestServer;
  let docId: string;
  const raws: RawClient[] = [];
  const clients: YClient[] = [];

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.ws.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    server = await startTestServer(env);
    docId = await server.documentId(await server.login("chair@demo.accord"), "Declaration");
  }

  async function join(email: string): Promise<RawClient> {
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: await server.login(email), origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    raws.push(raw);
    raw.send(emptyStep1());
    return raw;
  }

  async function editor(email: string): Promise<YClient> {
    const client = connectYClient(server.wsBase, docId, await server.login(email), server.origin);
    clients.push(client);
    await client.synced();
    return client;
  }

  const room = () => server.accord.rooms.get(docId)!;

  it("sends observers the updates of many batches merged into one frame per tick; their text is exact", async () => {
    await start({ OBSERVER_TICK_MS: "400" });
    const writer = await editor("arcadia@demo.accord");
    const peer = await join("borealia@demo.accord");
    const observer = await join("observer@demo.accord");
    await eventually(() => expect(docFromFrames(observer.frames).getXmlFragment("content").length).toBeGreaterThan(0));
    const [peerBefore, observerBefore] = [updateFrames(peer.frames).length, updateFrames(observer.frames).length];
    const words = Array.from({ length: 12 }, (_, i) => `tick${i}`);
    for (const word of words) {
      typeAtEnd(writer.doc, BLOCK, ` ${word}`);
      await writer.allSaved();
      await sleep(40);
    }
    await eventually(() => expect(fragmentText(docFromFrames(observer.frames))).toBe(writer.text()));
    const peerFrames = updateFrames(peer.frames).length - peerBefore;
    const observerFrames = updateFrames(observer.frames).length - observerBefore;
    // Twelve stored batches over about 0.6 s reach the editor one by one, the observer in a few ticks.
    expect(peerFrames).toBe(words.length);
    expect(observerFrames).toBeGreaterThanOrEqual(1);
    expect(observerFrames).toBeLessThanOrEqual(4);
    expect(fragmentText(docFromFrames(peer.frames))).toBe(writer.text());
  });

  it("answers joiners from one encoding, brought up to date with the changes since; a joiner after an edit has it", async () => {
    // Answers kept a minute, so the join after the edit takes the cached one with the edit before it, whatever the machine's speed.
    await start({ JOIN_ANSWER_MAX_AGE_MS: "60000" });
    const first = await join("observer@demo.accord");
    const second = await join("observer@demo.accord");
    await eventually(() => expect(docFromFrames(second.frames).getXmlFragment("content").length).toBeGreaterThan(0));
    await eventually(() => expect(docFromFrames(first.frames).getXmlFragment("content").length).toBeGreaterThan(0));
    const stats = room().joinState.stats;
    expect(stats).toEqual({ encoded: 1, shared: 1 });

    const writer = await editor("arcadia@demo.accord");
    typeAtEnd(writer.doc, BLOCK, " joinedAfterThis");
    await writer.allSaved();
    const third = await join("observer@demo.accord");
    const isStep2 = (f: Uint8Array) => f[0] === 0 && f[1] === 1;
    await eventually(() => expect(third.frames.some(isStep2)).toBe(true));
    // Synced means the whole document: what came up to and with the sync step 2 already holds the edit (the
    // cached answer and the changes since come as updates, in order, then an empty step 2).
    const upToSync = third.frames.slice(0, third.frames.findIndex(isStep2) + 1);
    expect(fragmentText(docFromFrames(upToSync))).toBe(writer.text());
    expect(upToSync.slice(-3).map((f) => [...f.slice(0, 2)])).toEqual([[0, 2], [0, 2], [0, 1]]);
    expect(upToSync.at(-1)!.length).toBeLessThanOrEqual(5);
    expect(stats.encoded).toBe(1);
    // The third observer was answered from the first encoding brought up to date with the edit: nothing stale was served.
    expect(stats.shared).toBeGreaterThanOrEqual(2);
  });

  it("shows observers nobody's heartbeat and none of their own presence, but real changes and the observer count", async () => {
    await start();
    const observer = await join("observer@demo.accord");
    const peer = await join("borealia@demo.accord");
    const typist = await join("arcadia@demo.accord");
    const id = 424242;
    typist.send(awarenessFrame(id, 1, { cursor: null }));
    await eventually(() => expect(awarenessEntries(observer.frames).some((e) => e.clientId === id)).toBe(true), 3000);
    await eventually(() => expect(awarenessEntries(peer.frames).filter((e) => e.clientId === id)).toHaveLength(1));

    // A renewal that changes nothing (what y-protocols sends every 15 s) reaches editors only.
    typist.send(awarenessFrame(id, 2, { cursor: null }));
    await eventually(() => expect(awarenessEntries(peer.frames).filter((e) => e.clientId === id).map((e) => e.clock)).toEqual([1, 2]));
    await sleep(1500);
    expect(awarenessEntries(observer.frames).filter((e) => e.clientId === id).map((e) => e.clock)).toEqual([1]);

    // What an observer announces is not read, let alone relayed; the room counts the person, not their windows.
    await join("observer@demo.accord");
    observer.send(awarenessFrame(777, 1, { cursor: null }));
    await sleep(2500); // the count is published 2 s after the last arrival
    await eventually(() => {
      const room = awarenessEntries(peer.frames).filter((e) => e.state && ROOM_STATE_KEY in e.state).at(-1);
      expect((room?.state?.[ROOM_STATE_KEY] as { observers: number } | undefined)?.observers).toBe(1);
    }, 5000);
    expect(awarenessEntries([...peer.frames, ...typist.frames]).some((e) => e.clientId === 777)).toBe(false);

    // Leaving is a real change: the observer is told.
    typist.ws.terminate();
    await eventually(() => expect(awarenessEntries(observer.frames).filter((e) => e.clientId === id).at(-1)?.state).toBeNull(), 3000);
  });

  it("sends a low-bandwidth socket one merged frame a second and no carets; its text stays exact, also after switching back", async () => {
    await start();
    const writer = await editor("arcadia@demo.accord");
    const low = await join("borealia@demo.accord");
    await eventually(() => expect(docFromFrames(low.frames).getXmlFragment("content").length).toBeGreaterThan(0));
    low.send(writeDelivery("low"));
    await sleep(100);
    const caret = await join("civil@demo.accord");
    const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(writer.doc.getXmlFragment("content"), 0));
    caret.send(awarenessFrame(99, 1, { cursor: { anchor, head: anchor } }));

    const before = updateFrames(low.frames).length;
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      typeAtEnd(writer.doc, BLOCK, ` low${i}`);
      await writer.allSaved();
      await sleep(50);
    }
    await eventually(() => expect(fragmentText(docFromFrames(low.frames))).toBe(writer.text()), 4000);
    const seconds = (Date.now() - started) / 1000;
    expect(updateFrames(low.frames).length - before).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    // The other typist's presence arrives, without its caret.
    await eventually(() => expect(awarenessEntries(low.frames).some((e) => e.clientId === 99)).toBe(true), 8000);
    for (const entry of awarenessEntries(low.frames).filter((e) => e.clientId === 99)) expect(entry.state).not.toHaveProperty("cursor");

    low.send(writeDelivery("live"));
    typeAtEnd(writer.doc, BLOCK, " liveAgain");
    await writer.allSaved();
    await eventually(() => expect(fragmentText(docFromFrames(low.frames))).toBe(writer.text()));
  });

  it("never sends a low-bandwidth typist its own typing back, within the same ticks as another's typing; it still gets the other's", async () => {
    await start({ LOW_BANDWIDTH_TICK_MS: "250" });
    const writer = await editor("arcadia@demo.accord");
    const low = await join("borealia@demo.accord");
    await eventually(() => expect(docFromFrames(low.frames).getXmlFragment("content").length).toBeGreaterThan(0));
    low.send(writeDelivery("low"));
    await sleep(100);
    const mine = docFromFrames(low.frames);
    const from = low.frames.length;
    for (let i = 0; i < 12; i++) {
      const state = Y.encodeStateVector(mine);
      typeAtEnd(mine, BLOCK, ` mine${i}`);
      low.send(updateFrame(Y.encodeStateAsUpdate(mine, state)));
      if (i % 3 !== 0) typeAtEnd(writer.doc, BLOCK, ` theirs${i}`);
      await sleep(40);
    }
    await writer.allSaved();
    await eventually(() => expect(writer.text()).toContain("mine11"));
    // What the low socket was sent since it typed, applied to its own copy, is the writer's text exactly.
    await eventually(() => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(mine));
      for (const frame of updateFrames(low.frames.slice(from))) Y.applyUpdate(copy, readUpdateOf(frame));
      expect(fragmentText(copy)).toBe(writer.text());
    }, 4000);
    const sent = updateFrames(low.frames.slice(from)).map(readUpdateOf);
    expect(sent.length).toBeGreaterThan(0);
    for (const update of sent) expect(Y.decodeUpdate(update).structs.filter((s) => s.id.client === mine.clientID)).toEqual([]);
  });

  it("closes an observer that never reads once its backlog passes the cap (4508); everyone else goes on", async () => {
    await start({ MAX_SOCKET_BACKLOG_BYTES: String(64 * 1024), SOCKET_BYTES_BURST: String(64 * 1024 * 1024),
      SOCKET_BYTES_PER_SECOND: String(64 * 1024 * 1024) });
    const reader = await join("observer@demo.accord");
    const stalled = await join("observer@demo.accord");
    await eventually(() => expect(docFromFrames(stalled.frames).getXmlFragment("content").length).toBeGreaterThan(0));
    stalled.ws.pause();
    const writer = await editor("arcadia@demo.accord");
    const chunk = "s".repeat(400_000);
    const stalledClosed = () => [...room().connections].filter((c) => c.closed).length === 1;
    for (let i = 0; i < 40 && !stalledClosed(); i++) {
      typeAtEnd(writer.doc, BLOCK, chunk);
      await writer.allSaved();
    }
    expect(stalledClosed()).toBe(true);
    typeAtEnd(writer.doc, BLOCK, " stillHere");
    await writer.allSaved();
    await eventually(() => expect(fragmentText(docFromFrames(reader.frames))).toContain("stillHere"), 10_000);
    stalled.ws.resume();
    expect(await stalled.closed).toBe(CloseCode.SlowConsumer);
  });

  it("tells a socket that changes its delivery everyone, removals included, so nobody who left stays listed", async () => {
    await start();
    const switching = await join("observer@demo.accord");
    switching.send(writeDelivery("low"));
    const leaver = await join("arcadia@demo.accord");
    const id = 515151;
    leaver.send(awarenessFrame(id, 1, { cursor: null }));
    // The low-bandwidth relay is slow (5 s): the arrival may still be on its way when the socket switches.
    await sleep(200);
    leaver.ws.terminate();
    await sleep(300);
    switching.send(writeDelivery("live"));
    // As an observer again it hears at once that the typist is gone, not in five seconds from a relay it left.
    await eventually(() => expect(awarenessEntries(switching.frames).filter((e) => e.clientId === id).at(-1)?.state).toBeNull(), 1500);
  });
});
