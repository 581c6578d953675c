import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { ACCORD_SUBPROTOCOL, SyncMessageType } from "../../shared/collab/messages.js";
import { StoreInterval } from "../../server/collab/storeInterval.js";
import { changesOfManyItems, typeAtEnd } from "../helpers/documentEdits.js";
import { awarenessFrame, docFromFrames, lastSaved, openRaw, updateFrame, type RawClient } from "../helpers/rawClient.js";
import { awarenessEntries, emptyStep1, updateFrames } from "../helpers/roomFrames.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { eventually, fragmentText } from "../helpers/yClient.js";

/** The paragraph both delegates type into. */
const BLOCK = 3;
/** Long enough that nothing in the test lasts as long by accident. */
const INTERVAL_MS = 4_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Typist extends RawClient {
  doc: Y.Doc;
}

/**
 * A busy room stores at most once per STORE_INTERVAL_MS: what arrives in
 * between waits and goes into the next batch, one transaction and one frame
 * to the editors; the first change after a quiet spell is stored at once.
 * Real server, raw clients.
 */
describe("the store interval", () => {
  let server: TestServer;
  const raws: RawClient[] = [];

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.ws.terminate();
    await server?.close();
  });

  async function typist(docId: string, email: string): Promise<Typist> {
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: await server.login(email), origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    raws.push(raw);
    raw.send(emptyStep1());
    await eventually(() => expect(raw.frames.some((f) => f[0] === 0 && f[1] === SyncMessageType.Step2)).toBe(true));
    const doc = docFromFrames(raw.frames);
    doc.on("update", (update: Uint8Array) => raw.send(updateFrame(update)));
    return { ...raw, doc };
  }

  it("stores the first change at once, gathers the changes sent within the interval into one batch, and loses none", async () => {
    server = await startTestServer({ STORE_INTERVAL_MS: String(INTERVAL_MS) });
    const docId = await server.documentId(await server.login("chair@demo.accord"), "Declaration");
    const writer = await typist(docId, "arcadia@demo.accord");
    const peer = await typist(docId, "borealia@demo.accord");
    const room = server.accord.rooms.get(docId)!;

    // A quiet room: the change is stored and acknowledged without waiting for the interval.
    const sentAt = performance.now();
    typeAtEnd(writer.doc, BLOCK, " first");
    await eventually(() => expect(lastSaved(writer.frames)).toBe(1));
    expect(performance.now() - sentAt).toBeLessThan(INTERVAL_MS);
    await eventually(() => expect(fragmentText(docFromFrames(peer.frames))).toContain(" first"));
    const flushes = room.turns.flushes;
    const peerFrames = updateFrames(peer.frames).length;

    // Three changes right after it: held until the interval is over, then stored as one batch.
    for (const word of [" second", " third", " fourth"]) typeAtEnd(writer.doc, BLOCK, word);
    await sleep(300);
    expect(lastSaved(writer.frames)).toBe(1);
    expect(room.turns.flushes).toBe(flushes);
    // Presence is not held with them: the writer's caret reaches the peer while the changes wait.
    writer.send(awarenessFrame(writer.doc.clientID, 1, { cursor: null }));
    await eventually(() => expect(awarenessEntries(peer.frames).some((e) => e.clientId === writer.doc.clientID)).toBe(true), 2_000);
    expect(lastSaved(writer.frames)).toBe(1);
    await eventually(() => expect(lastSaved(writer.frames)).toBe(4), INTERVAL_MS * 2);
    expect(room.turns.flushes).toBe(flushes + 1);
    await eventually(() => expect(fragmentText(docFromFrames(peer.frames))).toBe(fragmentText(writer.doc)));
    expect(updateFrames(peer.frames).length - peerFrames).toBe(1);
    expect(fragmentText(writer.doc)).toContain(" first second third fourth");
  });

  it("takes the rest of a batch cut by the per-turn budget in the next turn, without waiting for the interval", async () => {
    server = await startTestServer({ STORE_INTERVAL_MS: String(INTERVAL_MS), MAX_ITEMS_PER_TURN: "50" });
    const docId = await server.documentId(await server.login("chair@demo.accord"), "Declaration");
    const writer = await typist(docId, "arcadia@demo.accord");
    const room = server.accord.rooms.get(docId)!;
    const flushes = room.turns.flushes;

    // Eight changes of 30 items each (one character at a time, each before the last, merged), sent at once.
    const changes = changesOfManyItems(writer.doc, BLOCK, 8, 30);
    const sentAt = performance.now();
    for (const change of changes) writer.send(updateFrame(change));
    await eventually(() => expect(lastSaved(writer.frames)).toBe(8), INTERVAL_MS);
    // Eight batches of one change each, back to back: none waited for the interval.
    expect(performance.now() - sentAt).toBeLessThan(INTERVAL_MS);
    expect(room.turns.flushes - flushes).toBe(8);
    expect(room.turns.largestItems).toBeLessThanOrEqual(50);
  });
});

/** The store interval alone, on a clock the test sets (its timer is a real one, of the interval's remaining length). */
describe("the store interval's decisions", () => {
  it("holds nothing in a quiet room, holds changes within the interval of the last batch, and flushes them once when it is over", async () => {
    let clock = 1_000;
    let flushes = 0;
    const interval = new StoreInterval(40, () => void (flushes += 1), () => clock);
    expect(interval.holds()).toBe(false);
    interval.batchStarted();
    clock += 10;
    expect(interval.holds()).toBe(true);
    expect(interval.holds()).toBe(true);
    await sleep(80);
    expect(flushes).toBe(1);
    clock += 40;
    expect(interval.holds()).toBe(false);
    interval.stop();
  });

  it("never holds the rest of a batch cut by the per-turn budget, and holds again once a flush left nothing behind", () => {
    let clock = 0;
    const interval = new StoreInterval(1_000, () => {}, () => clock);
    interval.batchStarted();
    interval.flushed(true);
    clock += 1;
    expect(interval.holds()).toBe(false);
    interval.batchStarted();
    interval.flushed(false);
    expect(interval.holds()).toBe(true);
    interval.stop();
  });

  it("drops the timer of what it held when a batch starts meanwhile, or the room closes", async () => {
    let clock = 0;
    let flushes = 0;
    const interval = new StoreInterval(30, () => void (flushes += 1), () => clock);
    interval.batchStarted();
    expect(interval.holds()).toBe(true);
    interval.batchStarted();
    expect(interval.holds()).toBe(true);
    interval.stop();
    await sleep(70);
    expect(flushes).toBe(0);
  });
});
