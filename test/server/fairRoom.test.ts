import * as Y from "yjs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL, SyncMessageType } from "../../shared/collab/messages.js";
import { readRefusalReason } from "../../shared/collab/refusalReason.js";
import { PRESENCE_FLOOD_FACTOR } from "../../server/collab/socketBudget.js";
import { blockText, changesOfManyItems, typeAtEnd } from "../helpers/documentEdits.js";
import { awarenessFrame, docFromFrames, lastSaved, openRaw, syncFrame, updateFrame, type RawClient } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

/**
 * One participant cannot slow the room: each attack runs against a real
 * server with small budgets, while a witness (one delegate typing, an
 * observer reading) measures its round trip before and during the attack.
 * The tests assert that the limit was applied and that the witness's edits
 * arrived; the round trips are printed, not asserted (machines are noisy).
 */

const RATE = 20;
const BURST = 20;
const PRESENCE_RATE = 10;
const PRESENCE_BURST = 40;
const SLOWED_CLOSE_MS = 1500;
/** The paragraph everyone types into (a delegate may edit it). */
const BLOCK = 3;
/** A character nobody else types: the flooder's, so its stored keystrokes can be counted. */
const MARK = "\u2042";

const roundTrips: string[] = [];
afterAll(() => {
  if (roundTrips.length > 0) console.info(`witness round trips (ms), before -> during:\n  ${roundTrips.join("\n  ")}`);
});

interface Witness {
  writer: YClient;
  reader: YClient;
  /** Types a fresh word and resolves with the ms until the reader has it. */
  roundTrip(): Promise<number>;
}

interface Flooder extends RawClient {
  doc: Y.Doc;
  closedWith: Promise<{ code: number; reason: string }>;
  /** Types one MARK at the end of the paragraph, as one update. */
  key(): void;
}

describe("a fair room", () => {
  let server: TestServer;
  let docId: string;
  const clients: YClient[] = [];
  const raws: RawClient[] = [];

  async function start(env: Record<string, string> = {}, dataDir?: string): Promise<void> {
    server = await startTestServer({
      SOCKET_UPDATES_PER_SECOND: String(RATE), SOCKET_UPDATES_BURST: String(BURST),
      SOCKET_PRESENCE_PER_SECOND: String(PRESENCE_RATE), SOCKET_PRESENCE_BURST: String(PRESENCE_BURST),
      SOCKET_SLOWED_CLOSE_MS: String(SLOWED_CLOSE_MS), ...env,
    }, dataDir);
    docId = await server.documentId(await server.login("chair@demo.accord"), "Declaration");
  }

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.ws.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  async function connect(email: string): Promise<YClient> {
    const client = connectYClient(server.wsBase, docId, await server.login(email), server.origin);
    clients.push(client);
    await client.synced();
    return client;
  }

  async function witness(): Promise<Witness> {
    const writer = await connect("civil@demo.accord");
    const reader = await connect("observer@demo.accord");
    let n = 0;
    return {
      writer,
      reader,
      async roundTrip() {
        const word = `witness${++n}`;
        const started = performance.now();
        typeAtEnd(writer.doc, BLOCK, ` ${word}`);
        await eventually(() => expect(reader.text()).toContain(word), 20_000);
        return performance.now() - started;
      },
    };
  }

  /** A raw socket of a delegate that loads the document and can type into it, frame by frame. */
  async function flooder(email = "arcadia@demo.accord"): Promise<Flooder> {
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: await server.login(email), origin: server.origin },
      [ACCORD_SUBPROTOCOL]);
    raws.push(raw);
    const closedWith = new Promise<{ code: number; reason: string }>((resolve) =>
      raw.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    raw.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())));
    await eventually(() => expect(raw.frames.some((f) => f[0] === 0 && f[1] === SyncMessageType.Step2)).toBe(true));
    const doc = docFromFrames(raw.frames);
    doc.on("update", (update: Uint8Array) => raw.send(updateFrame(update)));
    return { ...raw, doc, closedWith, key: () => typeAtEnd(doc, BLOCK, MARK) };
  }

  const marksIn = (client: YClient) => [...client.text()].filter((c) => c === MARK).length;

  it("slows a socket flooding updates to its budget, then closes it with 4529; the witness's edits go through", async () => {
    await start();
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();

    const flood = await flooder();
    const floodStart = performance.now();
    for (let i = 0; i < 3000; i++) flood.key();
    const during = await roundTrip();
    const elapsedS = (performance.now() - floodStart) / 1000;
    // While the witness's word went around, the server had taken no more of the flood than its budget.
    expect(lastSaved(flood.frames)).toBeLessThanOrEqual(BURST + Math.ceil(RATE * elapsedS) + 1);

    const closed = await flood.closedWith;
    expect(closed.code).toBe(CloseCode.SendingTooFast);
    expect(closed.reason).toMatch(new RegExp(`kept sending more than ${RATE} changes a second`));
    // What was acknowledged is stored and shown; nothing beyond it.
    const acknowledged = lastSaved(flood.frames);
    expect(acknowledged).toBeGreaterThanOrEqual(BURST);
    expect(acknowledged).toBeLessThan(3000);
    await eventually(() => expect(marksIn(reader)).toBe(acknowledged));
    await roundTrip();
    roundTrips.push(`update flood: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("closes a socket that stays over its rate for the slowed time; one within its rate stays open", async () => {
    await start();
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();

    const flood = await flooder();
    const steady = await flooder("borealia@demo.accord");
    let closedAt = 0;
    void flood.closedWith.then(() => (closedAt = performance.now()));
    const startedAt = performance.now();
    // Twice the rate, and half of it, for three seconds.
    const fast = setInterval(() => flood.ws.readyState === flood.ws.OPEN && flood.key(), 1000 / (2 * RATE));
    let steadyKeys = 0;
    const slow = setInterval(() => {
      steady.key();
      steadyKeys += 1;
    }, 1000 / (RATE / 2));
    let during = 0;
    try {
      await new Promise((r) => setTimeout(r, 1200));
      during = await roundTrip();
      const closed = await flood.closedWith;
      expect(closed.code).toBe(CloseCode.SendingTooFast);
      expect(closed.reason).toMatch(new RegExp(`kept sending more than ${RATE} changes a second`));
      // Slowed first (the burst lasts a second at twice the rate), closed only after the slowed time.
      expect(closedAt - startedAt).toBeGreaterThanOrEqual(SLOWED_CLOSE_MS);
      await new Promise((r) => setTimeout(r, 3000 - (performance.now() - startedAt)));
    } finally {
      clearInterval(fast);
      clearInterval(slow);
    }
    expect(steady.ws.readyState).toBe(steady.ws.OPEN);
    await eventually(() => expect(lastSaved(steady.frames)).toBe(steadyKeys));
    await eventually(() => expect(marksIn(reader)).toBe(lastSaved(flood.frames) + steadyKeys));
    roundTrips.push(`sustained flood: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("lets an editor re-announce its caret after every remote change: coalesced, never slowed, its typing on time", async () => {
    await start();
    // Presence is read at the writer, an editor: observers are told real changes only, and these states only renew.
    const { writer, reader } = await witness();
    const editor = await flooder();
    const id = editor.doc.clientID;
    // Three times the presence rate (as a focused editor in a busy room does), and typing at a quarter of the update rate.
    let clock = 0;
    let keys = 0;
    const carets = setInterval(() => editor.send(awarenessFrame(id, ++clock, { user: {}, cursor: null })), 1000 / (3 * PRESENCE_RATE));
    const typing = setInterval(() => {
      editor.key();
      keys += 1;
    }, 1000 / (RATE / 4));
    try {
      await new Promise((r) => setTimeout(r, 3 * SLOWED_CLOSE_MS));
    } finally {
      clearInterval(carets);
      clearInterval(typing);
    }
    expect(editor.ws.readyState).toBe(editor.ws.OPEN);
    await eventually(() => expect(lastSaved(editor.frames)).toBe(keys));
    await eventually(() => expect(writer.provider.awareness.meta.get(id)?.clock).toBe(clock));
    expect(marksIn(reader)).toBe(keys);
  });

  it("coalesces a presence flood to the newest state and closes a socket that keeps it up", async () => {
    await start();
    // Relays are counted at the writer, an editor: observers are told real changes only, and these states only renew.
    const { writer, reader, roundTrip } = await witness();
    const before = await roundTrip();
    const flood = await flooder();
    const id = flood.doc.clientID;
    let relays = 0;
    writer.provider.awareness.on("update", ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(id) || updated.includes(id)) relays += 1;
    });

    // A burst of 2,000 states in one go: the newest is what everyone ends up with.
    const burstStart = performance.now();
    for (let clock = 1; clock <= 2000; clock++) flood.send(awarenessFrame(id, clock, { user: {}, cursor: null }));
    await eventually(() => expect(writer.provider.awareness.meta.get(id)?.clock).toBe(2000));
    const burstMs = performance.now() - burstStart;
    // Relayed at most once per presence interval (100 ms), not once per state.
    expect(relays).toBeLessThanOrEqual(Math.ceil(burstMs / 100) + 2);
    expect(flood.ws.readyState).toBe(flood.ws.OPEN);

    // Kept up past the slowed time, the flood closes the socket; the witness's edits go through meanwhile.
    let clock = 2000;
    const sustained = setInterval(() => {
      if (flood.ws.readyState === flood.ws.OPEN) for (let i = 0; i < 5; i++) flood.send(awarenessFrame(id, ++clock, { user: {}, cursor: null }));
    }, 5);
    let during = 0;
    try {
      await new Promise((r) => setTimeout(r, 300));
      during = await roundTrip();
      const closed = await flood.closedWith;
      expect(closed.code).toBe(CloseCode.SendingTooFast);
      expect(closed.reason).toMatch(new RegExp(`more than ${PRESENCE_RATE * PRESENCE_FLOOD_FACTOR} presence messages a second`));
    } finally {
      clearInterval(sustained);
    }
    // Its presence is gone for everyone.
    await eventually(() => expect(reader.provider.awareness.getStates().has(id)).toBe(false));
    roundTrips.push(`presence flood: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("meters bytes: a change past the byte budget waits for it, and a socket that keeps sending past it is closed", async () => {
    const BYTES_PER_S = 32 * 1024;
    // Slowed for up to 5 s before it is closed: the four changes below wait well within it, the eight after do not.
    await start({ SOCKET_BYTES_PER_SECOND: String(BYTES_PER_S), SOCKET_BYTES_BURST: "65536", MAX_MESSAGE_BYTES: "65536",
      SOCKET_SLOWED_CLOSE_MS: "5000" });
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();
    const flood = await flooder();
    const savedAt: { count: number; at: number }[] = [];
    flood.ws.on("message", () => savedAt.push({ count: lastSaved(flood.frames), at: performance.now() }));

    // The document sent to this socket on joining (every sync message but the server's step 1) was charged to its
    // budget: with it, four changes of 20 KB are more than the burst of 64 KiB, and the later ones wait for refill
    // (about 1.5 s in all, the fourth about 0.6 s after the third).
    const answered = flood.frames.filter((f) => f[0] === 0 && f[1] !== 0).reduce((sum, f) => sum + f.length, 0);
    const chunk = "p".repeat(20_000);
    expect(answered + 4 * chunk.length).toBeGreaterThan(65536 + 20_000);
    for (let i = 0; i < 4; i++) typeAtEnd(flood.doc, BLOCK, chunk);
    const during = await roundTrip();
    await eventually(() => expect(lastSaved(flood.frames)).toBe(4), 15_000);
    const third = savedAt.find((s) => s.count >= 3)!;
    const fourth = savedAt.find((s) => s.count >= 4)!;
    expect(third.count).toBe(3);
    expect(fourth.at - third.at).toBeGreaterThanOrEqual(300);

    // Eight more at once queue far more than a burst: the socket is closed, and only what was acknowledged is stored.
    for (let i = 0; i < 8; i++) typeAtEnd(flood.doc, BLOCK, chunk);
    const closed = await flood.closedWith;
    expect(closed.code).toBe(CloseCode.SendingTooFast);
    const acknowledged = lastSaved(flood.frames);
    expect(acknowledged).toBeLessThan(12);
    await eventually(() => expect(reader.text().split(chunk).length - 1).toBe(acknowledged));
    roundTrips.push(`byte flood: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("charges what a request makes the server send: asking for the whole document again and again slows, then closes the socket", async () => {
    const BYTES_PER_S = 64 * 1024;
    await start({ SOCKET_BYTES_PER_SECOND: String(BYTES_PER_S), SOCKET_BYTES_BURST: String(128 * 1024), MAX_MESSAGE_BYTES: String(128 * 1024) });
    const { roundTrip } = await witness();
    const before = await roundTrip();
    const asker = await flooder();
    const documentBytes = Y.encodeStateAsUpdate(asker.doc).length;
    const repliesBefore = asker.frames.filter((f) => f[0] === 0 && f[1] === SyncMessageType.Step2).length;
    const startedAt = performance.now();
    for (let i = 0; i < 200; i++) asker.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())));
    const during = await roundTrip();
    const closed = await asker.closedWith;
    const elapsedS = (performance.now() - startedAt) / 1000;
    expect(closed.code).toBe(CloseCode.SendingTooFast);
    expect(closed.reason).toMatch(new RegExp(`more than ${BYTES_PER_S} bytes a second`));
    // Whole documents sent back: no more than the byte budget allowed, not one per request.
    const replies = asker.frames.filter((f) => f[0] === 0 && f[1] === SyncMessageType.Step2).length - repliesBefore;
    expect(replies).toBeLessThanOrEqual(Math.ceil((128 * 1024 + BYTES_PER_S * elapsedS) / documentBytes) + 1);
    expect(replies).toBeLessThan(200);
    roundTrips.push(`whole-document requests: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("refuses a change past the document's size budget with 4423 and its rule; deletions still go through", async () => {
    await start();
    const probe = await connect("observer@demo.accord");
    const size = Y.encodeStateAsUpdate(probe.doc).length;
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await start({ MAX_DOCUMENT_BYTES: String(size + 6000) }, server.dataDir);
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();

    const writer = await flooder();
    typeAtEnd(writer.doc, BLOCK, "a".repeat(2000));
    await eventually(() => expect(lastSaved(writer.frames)).toBe(1));
    typeAtEnd(writer.doc, BLOCK, "b".repeat(5000));
    const closed = await writer.closedWith;
    expect(closed.code).toBe(CloseCode.DocumentFull);
    expect(readRefusalReason(closed.reason)).toEqual({ rule: "documentFull", bytes: size + 6000 });
    const during = await roundTrip();
    expect(reader.text()).toContain("a".repeat(2000));
    expect(reader.text()).not.toContain("bbbb");

    // The same delegate deletes what they wrote; then there is room again.
    const again = await flooder();
    const text = blockText(again.doc, BLOCK);
    const at = text.toString().indexOf("a".repeat(2000));
    text.delete(at, 2000);
    await eventually(() => expect(lastSaved(again.frames)).toBe(1));
    // Measured again, the document has room for more than the running figure says.
    typeAtEnd(again.doc, BLOCK, "c".repeat(4500));
    await eventually(() => expect(lastSaved(again.frames)).toBe(2));
    await eventually(() => expect(reader.text()).toContain("c".repeat(4500)));
    expect(reader.text()).not.toContain("a".repeat(2000));
    roundTrips.push(`document size: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("bounds the work of one turn: a burst of large changes is stored over several turns, all of it", async () => {
    const PER_TURN = 50;
    await start({ MAX_ITEMS_PER_TURN: String(PER_TURN) });
    const { reader, roundTrip } = await witness();
    await roundTrip();
    const room = server.accord.rooms.get(docId)!;
    const flushesBefore = room.turns.flushes;

    // Ten changes of 30 items each (one character at a time, each before the last, merged), sent at once.
    const writer = await flooder();
    for (const change of changesOfManyItems(writer.doc, BLOCK, 10, 30)) writer.send(updateFrame(change));
    const during = roundTrip();
    await eventually(() => expect(lastSaved(writer.frames)).toBe(10));
    await during;
    expect(room.turns.largestItems).toBeLessThanOrEqual(PER_TURN);
    expect(room.turns.flushes - flushesBefore).toBeGreaterThanOrEqual(10);
    const expected = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((d) => String(d).repeat(30)).join("");
    await eventually(() => expect(reader.text()).toContain(expected));
  });

  it("closes a socket that does not read once its unsent backlog passes the cap (4508); the room goes on", async () => {
    await start({ MAX_SOCKET_BACKLOG_BYTES: String(64 * 1024), SOCKET_BYTES_BURST: String(64 * 1024 * 1024),
      SOCKET_BYTES_PER_SECOND: String(64 * 1024 * 1024) });
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();
    const stalled = await flooder("igo@demo.accord");
    stalled.ws.pause();
    const room = server.accord.rooms.get(docId)!;
    const stalledOnServer = () => [...room.connections].filter((c) => c.user.email === "igo@demo.accord" && c.closed);

    // A writer sends 40 changes of 500 KB; the reader that reads nothing falls behind by far more than the cap.
    const writer = await flooder("borealia@demo.accord");
    const chunk = "q".repeat(500_000);
    for (let i = 0; i < 40 && stalledOnServer().length === 0; i++) {
      typeAtEnd(writer.doc, BLOCK, chunk);
      await eventually(() => expect(lastSaved(writer.frames)).toBe(i + 1), 20_000);
    }
    expect(stalledOnServer()).toHaveLength(1);
    const during = await roundTrip();
    expect(reader.text()).toContain(chunk);
    stalled.ws.resume();
    expect((await stalled.closedWith).code).toBe(CloseCode.SlowConsumer);
    roundTrips.push(`slow reader: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });
  it("holds one account to its socket cap while it opens hundreds; the witness's edits go through", async () => {
    const CAP = 5;
    await start({ MAX_SOCKETS_PER_ACCOUNT: String(CAP) });
    const { roundTrip } = await witness();
    const before = await roundTrip();
    const cookie = await server.login("arcadia@demo.accord");
    const opening = Array.from({ length: 400 }, () =>
      openRaw(`${server.wsBase}/${docId}`, { cookie, origin: server.origin }, [ACCORD_SUBPROTOCOL]).then((raw) => {
        raws.push(raw);
        return raw;
      }));
    const during = await roundTrip();
    const sockets = await Promise.all(opening);
    const codes = await Promise.all(sockets.map((raw) =>
      Promise.race([raw.closed, new Promise<number>((r) => setTimeout(() => r(0), 2000))])));
    expect(codes.filter((c) => c === 0)).toHaveLength(CAP);
    expect(codes.filter((c) => c === CloseCode.TooManyConnections)).toHaveLength(400 - CAP);
    const held = [...server.accord.rooms.get(docId)!.connections].filter((c) => c.user.email === "arcadia@demo.accord" && !c.closed);
    expect(held).toHaveLength(CAP);
    roundTrips.push(`400 sockets of one account: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("refuses a change of 110,000 tiny items (4413) at the decode step; the witness's edits go through", async () => {
    await start();
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();
    // A key each keeps every value its own item: under the message cap.
    const source = new Y.Doc();
    const map = source.getMap("m");
    source.transact(() => {
      for (let i = 0; i < 110_000; i++) map.set(`k${i}`, "z");
    });
    const update = Y.encodeStateAsUpdate(source);
    expect(Y.decodeUpdate(update).structs.length).toBe(110_000);
    expect(update.length).toBeLessThan(2 * 1024 * 1024);
    const attacker = await flooder();
    attacker.send(updateFrame(update));
    const during = await roundTrip();
    const closed = await attacker.closedWith;
    expect(closed.code).toBe(CloseCode.UpdateTooLarge);
    expect(closed.reason).toMatch(/one change may hold 20000/);
    expect(reader.doc.share.has("m")).toBe(false);
    roundTrips.push(`110,000-item change: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("closes a socket announcing presence states of 200 KB at once (1009); nobody else receives them", async () => {
    await start();
    const { reader, roundTrip } = await witness();
    const before = await roundTrip();
    const attacker = await flooder();
    const id = attacker.doc.clientID;
    let seen = false;
    reader.provider.awareness.on("update", ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(id) || updated.includes(id)) seen = true;
    });
    const big = { user: {}, cursor: null, padding: "x".repeat(200_000) };
    for (let clock = 1; clock <= 10; clock++) attacker.send(awarenessFrame(id, clock, big));
    const during = await roundTrip();
    const closed = await attacker.closedWith;
    expect(closed.code).toBe(CloseCode.MessageTooBig);
    expect(seen).toBe(false);
    roundTrips.push(`200 KB presence states: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });

  it("refuses five 300 MiB bodies posted to the sign-in after reading no more than the limit; the witness's edits go through", async () => {
    await start();
    const { roundTrip } = await witness();
    const before = await roundTrip();
    const BODY = 300 * 1024 * 1024;
    const pulled: number[] = [0, 0, 0, 0, 0];
    const controllers = pulled.map(() => new AbortController());
    const pulledWhenAnswered: number[] = [];
    const posts = pulled.map((_, i) => fetch(`${server.url}/api/auth/login`, {
      method: "POST", headers: { "content-type": "application/json" }, duplex: "half", signal: controllers[i]!.signal,
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled[i]! >= BODY) return controller.close();
          pulled[i]! += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        },
      }),
    } as RequestInit).then((res) => {
      pulledWhenAnswered[i] = pulled[i]!;
      return res.status;
    }, () => "aborted"));
    const during = await roundTrip();
    const statuses = await Promise.all(posts);
    for (const c of controllers) c.abort();
    expect(statuses).toEqual([413, 413, 413, 413, 413]);
    // What each sender got to push is bounded by the limit and the sockets' buffers, not by the body.
    for (const bytes of pulledWhenAnswered) expect(bytes).toBeLessThan(32 * 1024 * 1024);
    roundTrips.push(`five 300 MiB bodies: ${before.toFixed(0)} -> ${during.toFixed(0)}`);
  });
});
