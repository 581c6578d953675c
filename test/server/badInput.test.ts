import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { openRaw, updateFrame } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, fragmentText, type YClient } from "../helpers/yClient.js";

describe("the websocket edge refuses bad input and keeps the room going", () => {
  let server: TestServer;
  let cookie: string;
  let docId: string;
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ MAX_MESSAGE_BYTES: String(64 * 1024), MAX_UPDATE_ITEMS: "300" });
    cookie = await server.login("borealia@demo.accord");
    docId = await server.documentId(cookie, "Vision");
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const url = () => `${server.wsBase}/${docId}`;

  it("refuses an upgrade without a session with 401", async () => {
    await expect(openRaw(url(), { origin: server.origin })).rejects.toThrow("status 401");
  });

  it("refuses an upgrade from an origin not on the allowlist with 403", async () => {
    await expect(openRaw(url(), { origin: "https://evil.example", cookie })).rejects.toThrow("status 403");
    await expect(openRaw(url(), { cookie })).rejects.toThrow("status 403");
  });

  it("refuses an upgrade to an unknown document with 404", async () => {
    await expect(openRaw(`${server.wsBase}/no-such-document`, { origin: server.origin, cookie })).rejects.toThrow(
      "status 404",
    );
  });

  it("refuses an upgrade with a forged session cookie", async () => {
    await expect(openRaw(url(), { origin: server.origin, cookie: "accord_session=forged" })).rejects.toThrow(
      "status 401",
    );
  });

  async function withWitness(): Promise<YClient> {
    const witness = connectYClient(server.wsBase, docId, await server.login("civil@demo.accord"), server.origin);
    clients.push(witness);
    await witness.synced();
    return witness;
  }

  async function expectRoomStillServes(witness: YClient, before: string) {
    expect(witness.text()).toEqual(before);
    const other = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(other);
    await other.synced();
    typeAtEnd(other.doc, 3, " still editable");
    await eventually(() => expect(witness.text()).toContain(" still editable"));
  }

  it("closes a socket that sends a truncated update with MalformedMessage, stores nothing of it", async () => {
    const witness = await withWitness();
    const before = witness.text();
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    const doc = new Y.Doc();
    doc.getXmlFragment("content").insert(0, [new Y.XmlText("injected text")]);
    const frame = updateFrame(Y.encodeStateAsUpdate(doc));
    raw.send(frame.slice(0, frame.length - 4));
    expect(await raw.closed).toBe(CloseCode.MalformedMessage);
    await expectRoomStillServes(witness, before);
    server = await server.restart();
    const after = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(after);
    await after.synced();
    expect(after.text()).not.toContain("injected text");
  });

  it("closes a socket that sends garbage bytes with MalformedMessage", async () => {
    const witness = await withWitness();
    const before = witness.text();
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    raw.send(new Uint8Array([0, 2, 200, 1, 1, 1]));
    expect(await raw.closed).toBe(CloseCode.MalformedMessage);
    await expectRoomStillServes(witness, before);
  });

  it("closes a socket that sends a text frame with MalformedMessage", async () => {
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    raw.ws.send("hello");
    expect(await raw.closed).toBe(CloseCode.MalformedMessage);
  });

  it("closes a socket that sends an unknown message type with UnknownMessageType", async () => {
    const witness = await withWitness();
    const before = witness.text();
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    raw.send(new Uint8Array([42, 0, 0]));
    expect(await raw.closed).toBe(CloseCode.UnknownMessageType);
    await expectRoomStillServes(witness, before);
  });

  it("closes a socket that sends a message over the cap with MessageTooBig", async () => {
    const witness = await withWitness();
    const before = witness.text();
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    const doc = new Y.Doc();
    doc.getXmlFragment("content").insert(0, [new Y.XmlText("x".repeat(100 * 1024))]);
    raw.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    expect(await raw.closed).toBe(CloseCode.MessageTooBig);
    await expectRoomStillServes(witness, before);
    expect(fragmentText(witness.doc)).not.toContain("xxxxxxxx");
  });

  it("closes a socket that sends a change of more items than one change may hold (4413), storing nothing; a smaller one passes", async () => {
    const witness = await withWitness();
    const before = witness.text();
    /** A change of `count` one-letter insertions spread over a paragraph of the document as it stands: one item each. */
    const scattered = (count: number) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(witness.doc));
      const paragraph = doc.getXmlFragment("content").get(3) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      const stateBefore = Y.encodeStateVector(doc);
      doc.transact(() => {
        for (let i = 0; i < count; i++) text.insert((i * 7) % text.length, "q");
      });
      return Y.encodeStateAsUpdate(doc, stateBefore);
    };
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => raw.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    const big = scattered(400);
    expect(Y.decodeUpdate(big).structs.length).toBeGreaterThan(300);
    raw.send(updateFrame(big));
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.UpdateTooLarge);
    // One writer's 400 items are announced at the start of the change: refused before it is decoded.
    expect(reason).toBe(`The change holds at least ${Y.decodeUpdate(big).structs.length} items; one change may hold 300. Send it in parts.`);
    await expectRoomStillServes(witness, before);
    expect(server.accord.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'update.refused'").pluck().get()).toBe(1);

    // Two writers of 200 each announce less than the cap apiece: counted once decoded, and refused as well.
    const twoWriters = Y.mergeUpdates([scattered(200), scattered(200)]);
    expect(Y.parseUpdateMeta(twoWriters).from.size).toBe(2);
    const split = await openRaw(url(), { origin: server.origin, cookie });
    const splitClosed = new Promise<string>((resolve) => split.ws.on("close", (_code, why) => resolve(why.toString())));
    split.send(updateFrame(twoWriters));
    expect(await splitClosed).toBe(`The change holds ${Y.decodeUpdate(twoWriters).structs.length} items; one change may hold 300. Send it in parts.`);

    // The same kind of change, under the cap, is stored.
    const small = await openRaw(url(), { origin: server.origin, cookie });
    small.send(updateFrame(scattered(20)));
    // The witness has " still editable" (typed by expectRoomStillServes) and the 20 letters.
    await eventually(() => expect(witness.text().length).toBe(before.length + " still editable".length + 20));
    expect(small.ws.readyState).toBe(small.ws.OPEN);
  });

  it("closes every socket of a session on logout", async () => {
    const raw = await openRaw(url(), { origin: server.origin, cookie });
    const res = await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
    expect(res.status).toBe(204);
    expect(await raw.closed).toBe(CloseCode.SessionEnded);
    await expect(openRaw(url(), { origin: server.origin, cookie })).rejects.toThrow("status 401");
  });

  it("batches a burst of updates into fewer messages per observer", async () => {
    const observer = await openRaw(url(), { origin: server.origin, cookie: await server.login("observer@demo.accord") });
    const editor = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(editor);
    await editor.synced();
    await eventually(() => expect(observer.frames.length).toBeGreaterThan(0));
    const framesBefore = observer.frames.length;
    // 100 separate keystrokes, each sent as its own websocket message in one burst.
    for (let i = 0; i < 100; i++) typeAtEnd(editor.doc, 3, String(i % 10));
    await editor.allSaved();
    await eventually(() => {
      const received = observer.frames.length - framesBefore;
      expect(received).toBeGreaterThan(0);
    });
    const received = observer.frames.length - framesBefore;
    expect(received).toBeLessThan(100);
  });
});

describe("editors on an outdated schema", () => {
  it("are turned away with ClientOutdated, and a matching fingerprint is accepted", async () => {
    const { schemaFingerprint } = await import("../../schemas/editor/fingerprint.js");
    const { documentSchema } = await import("../../schemas/editor/extensions.js");
    const server = await startTestServer();
    try {
      const cookie = await server.login("civil@demo.accord");
      const docId = await server.documentId(cookie, "Vision");
      const stale = await openRaw(`${server.wsBase}/${docId}?schema=0123456789abcdef`, { cookie, origin: server.origin });
      expect(await stale.closed).toBe(CloseCode.ClientOutdated);
      const current = await openRaw(`${server.wsBase}/${docId}?schema=${schemaFingerprint(documentSchema())}`, { cookie, origin: server.origin });
      await eventually(() => expect(current.frames.length).toBeGreaterThan(0));
      expect(current.ws.readyState).toBe(1);
      current.ws.close();
    } finally {
      await server.close();
    }
  });
});
