import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import type { AuthorsPayload, ParagraphAttribution } from "../../schemas/api.js";
import { ACCORD_SUBPROTOCOL, MessageType, readAuthors, writeAuthorsRequest } from "../../shared/collab/messages.js";
import { ROOM_STATE_KEY } from "../../shared/collab/presence.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { awarenessFrame, awarenessFrameOf, openRaw, updateFrame } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

/** The Authors messages among `frames`, with their positions. */
function authorsMessages(frames: Uint8Array[]): { index: number; authors: AuthorsPayload }[] {
  return frames.flatMap((frame, index) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Authors) return [];
    const authors = readAuthors(decoder);
    return authors ? [{ index, authors }] : [];
  });
}

/** Position of the first sync update among `frames` that carries content of Yjs client `clientId`. */
function firstUpdateBy(frames: Uint8Array[], clientId: number): number {
  return frames.findIndex((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Sync || decoding.readVarUint(decoder) !== 2) return false;
    return Y.parseUpdateMeta(decoding.readVarUint8Array(decoder)).from.has(clientId);
  });
}

describe("identity is stamped by the server", () => {
  let server: TestServer;
  let docId: string;
  const clients: YClient[] = [];
  const cookies: Record<string, string> = {};
  beforeEach(async () => {
    server = await startTestServer();
    for (const who of ["arcadia", "civil", "observer"]) cookies[who] = await server.login(`${who}@demo.accord`);
    docId = await server.documentId(cookies.arcadia!, "Declaration");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });
  const connect = async (who: string) => {
    const c = connectYClient(server.wsBase, docId, cookies[who]!, server.origin);
    clients.push(c);
    await c.synced();
    return c;
  };
  const users = (c: YClient) => [...c.provider.awareness.getStates().values()].flatMap((s) => (s.user ? [s.user] : []));

  it("replaces a claimed name and delegation with the session's", async () => {
    const witness = await connect("civil");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.arcadia!, origin: server.origin });
    raw.send(awarenessFrame(4242, 1, { user: { name: "The Chair", delegation: "Secretariat", group: null, role: "facilitator", color: "#000000" } }));
    await eventually(() => expect(users(witness).map((u) => u.name)).toContain("Elena Marek"));
    expect(users(witness).map((u) => u.name)).not.toContain("The Chair");
    expect(users(witness).find((u) => u.name === "Elena Marek")).toMatchObject({ delegation: "Republic of Arcadia", group: "governments", role: "delegate" });
    // Logged once per socket, however often it tries.
    raw.send(awarenessFrame(4242, 2, { user: { name: "The Chair", delegation: "Secretariat", group: null, role: "facilitator", color: "#000000" } }));
    // A query answered means the second claim was handled; a stored edit after it means the audit is written.
    const received = raw.frames.length;
    raw.send(new Uint8Array([MessageType.QueryAwareness]));
    await eventually(() => expect(raw.frames.length).toBeGreaterThan(received));
    typeAtEnd(witness.doc, 3, " after the claims");
    await witness.allSaved();
    const claims = server.accord.db.prepare("SELECT detail FROM audit_log WHERE action = 'presence.falseIdentity'").pluck().all() as string[];
    expect(claims.map((c) => JSON.parse(c))).toEqual([{ claimedName: "The Chair", claimedDelegation: "Secretariat", claimedRole: "facilitator" }]);
  });

  it("does not show observers as cursors but counts them", async () => {
    const witness = await connect("civil");
    const observer = await connect("observer");
    observer.provider.awareness.setLocalStateField("user", { name: "Lurker" });
    await eventually(() => {
      const room = [...witness.provider.awareness.getStates().values()].find((s) => s[ROOM_STATE_KEY]);
      expect(room?.[ROOM_STATE_KEY]).toEqual({ observers: 1, screens: 0 });
    }, 6000);
    expect(users(witness).map((u) => u.name)).not.toContain("Lurker");
    expect(users(witness).map((u) => u.name)).not.toContain("Nadia Petrova");
  });

  it("refuses an update that reuses another user's Yjs client id, storing nothing", async () => {
    const a = await connect("arcadia");
    typeAtEnd(a.doc, 3, " by Arcadia");
    await a.allSaved();
    const witness = await connect("civil");

    // Forge content under Arcadia's client id from a socket signed in as civil society.
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(witness.doc));
    forger.clientID = a.doc.clientID;
    const before = Y.encodeStateVector(forger);
    typeAtEnd(forger, 3, " FORGED");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.civil!, origin: server.origin });
    raw.send(updateFrame(Y.encodeStateAsUpdate(forger, before)));
    expect(await raw.closed).toBe(CloseCode.Forbidden);
    typeAtEnd(a.doc, 3, " again");
    await eventually(() => expect(witness.text()).toContain(" by Arcadia again"));
    expect(witness.text()).not.toContain("FORGED");
    const audit = server.accord.db.prepare("SELECT detail FROM audit_log WHERE action = 'update.refused'").pluck().all() as string[];
    expect(audit.join()).toContain("is not yours: it already wrote text of this document");
    await a.allSaved();
    server = await server.restart();
    const reader = await connect("civil");
    expect(reader.text()).toContain(" by Arcadia again");
    expect(reader.text()).not.toContain("FORGED");
  });

  it("names the document's authors to a client that asks, then each new author before their words", async () => {
    const a = await connect("arcadia");
    typeAtEnd(a.doc, 3, " by Arcadia");
    await a.allSaved();
    const url = `${server.wsBase}/${docId}`;
    const follower = await openRaw(url, { cookie: cookies.observer!, origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    const bystander = await openRaw(url, { cookie: cookies.observer!, origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    follower.send(writeAuthorsRequest());
    follower.send(writeAuthorsRequest()); // answered once: repeating it cannot make the server re-encode the table
    await eventually(() => expect(authorsMessages(follower.frames)).toHaveLength(1));
    expect(authorsMessages(follower.frames)[0]!.authors).toEqual({
      authors: [{ userId: expect.any(String), name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments", delegationOrder: 0, clientIds: [a.doc.clientID] }],
      carried: [],
    });

    const b = await connect("civil");
    typeAtEnd(b.doc, 3, " and civil society");
    await b.allSaved();
    await eventually(() => expect(firstUpdateBy(follower.frames, b.doc.clientID)).toBeGreaterThan(-1));
    const added = authorsMessages(follower.frames)[1]!;
    expect(added.authors).toEqual({
      authors: [{ userId: expect.any(String), name: "Amara Diallo", delegation: "Digital Rights Network", group: "civil_society", delegationOrder: 2, clientIds: [b.doc.clientID] }],
      carried: [],
    });
    expect(added.index).toBeLessThan(firstUpdateBy(follower.frames, b.doc.clientID));
    // Nobody gets the authors without asking (stock y-websocket clients would not understand them).
    expect(firstUpdateBy(bystander.frames, b.doc.clientID)).toBeGreaterThan(-1);
    expect(authorsMessages(bystander.frames)).toEqual([]);
    // A socket that did not negotiate Accord's extensions may not use them.
    const stock = await openRaw(url, { cookie: cookies.observer!, origin: server.origin });
    stock.send(writeAuthorsRequest());
    expect(await stock.closed).toBe(CloseCode.UnknownMessageType);
  });

  it("refuses an update written under the draft's own client id, which would claim the whole draft", async () => {
    const witness = await connect("civil");
    const [draftId] = [...witness.doc.store.clients.keys()];
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(witness.doc));
    forger.clientID = draftId!;
    const before = Y.encodeStateVector(forger);
    typeAtEnd(forger, 3, " MINE NOW");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.arcadia!, origin: server.origin });
    raw.send(updateFrame(Y.encodeStateAsUpdate(forger, before)));
    expect(await raw.closed).toBe(CloseCode.Forbidden);
    const a = await connect("arcadia");
    typeAtEnd(a.doc, 3, " honestly");
    await a.allSaved();
    await eventually(() => expect(witness.text()).toContain(" honestly"));
    expect(witness.text()).not.toContain("MINE NOW");
    server = await server.restart();
    const attribution = (await (await fetch(`${server.url}/api/documents/${docId}/attribution`, {
      headers: { cookie: await server.login("civil@demo.accord") },
    })).json()) as ParagraphAttribution[];
    const contributors = attribution.flatMap((p) => p.contributors);
    expect(contributors.map((c) => [c.name, c.characters])).toEqual([["Elena Marek", " honestly".length]]);
  });

  it("refuses an update that deletes text not yet written, which would silently erase someone's next words", async () => {
    const victim = await connect("civil");
    const witness = await connect("observer");
    // Arcadia writes, under civil society's client id, text the chair has not typed yet and deletes it; only the deletion is sent.
    const future = new Y.Doc();
    Y.applyUpdate(future, Y.encodeStateAsUpdate(witness.doc));
    future.clientID = victim.doc.clientID;
    typeAtEnd(future, 3, " x".repeat(500));
    const text = (contentOf(future).get(3) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(0, text.length);
    const deletionsOnly = Y.diffUpdate(Y.encodeStateAsUpdate(future), Y.encodeStateVector(future));
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.arcadia!, origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    raw.send(updateFrame(deletionsOnly));
    expect(await raw.closed).toBe(CloseCode.InvalidChange);

    typeAtEnd(victim.doc, 3, " civil society's amendment");
    await victim.allSaved();
    await eventually(() => expect(witness.text()).toContain(" civil society's amendment"));
    server = await server.restart();
    expect((await connect("civil")).text()).toContain(" civil society's amendment");
  });

  it("lets a socket speak for one client id: thousands announced at once become one presence", async () => {
    const witness = await connect("civil");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.arcadia!, origin: server.origin });
    const ids = Array.from({ length: 2000 }, (_, i) => 70_000 + i);
    raw.send(awarenessFrameOf(ids.map((clientId) => ({ clientId, clock: 1, state: { user: {} } }))));
    raw.send(awarenessFrameOf(ids.slice(1000).map((clientId) => ({ clientId, clock: 2, state: { user: {} } }))));
    await eventually(() => expect(users(witness).map((u) => u.name)).toContain("Elena Marek"));
    const announced = (c: YClient) => [...c.provider.awareness.getStates().keys()].filter((id) => id >= 70_000 && id < 72_000);
    // A query answered means both messages were handled.
    const received = raw.frames.length;
    raw.send(new Uint8Array([MessageType.QueryAwareness]));
    await eventually(() => expect(raw.frames.length).toBeGreaterThan(received));
    expect(announced(witness)).toEqual([70_000]);
    const joiner = await connect("observer");
    await eventually(() => expect(users(joiner).map((u) => u.name)).toContain("Elena Marek"));
    expect(announced(joiner)).toEqual([70_000]);
  });

  it("relays only a valid caret besides the stamped identity: no forged room facts, no other fields", async () => {
    const witness = await connect("civil");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.arcadia!, origin: server.origin });
    const caret = { anchor: { type: { client: 1, clock: 2 }, tname: null, item: { client: 3, clock: 4 }, assoc: 0 }, head: { type: null, tname: "content", item: null, assoc: -1 } };
    raw.send(awarenessFrame(4243, 1, { user: {}, cursor: caret, [ROOM_STATE_KEY]: { observers: 999 }, banner: "<b>hello</b>" }));
    await eventually(() => expect(witness.provider.awareness.getStates().get(4243)).toBeDefined());
    expect(witness.provider.awareness.getStates().get(4243)).toEqual({
      user: expect.objectContaining({ name: "Elena Marek" }),
      cursor: caret,
    });
    raw.send(awarenessFrame(4243, 2, { user: {}, cursor: { anchor: "everything", head: 12 } }));
    await eventually(() => expect(witness.provider.awareness.getStates().get(4243)?.cursor).toBeUndefined());
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  });

  it("closes a socket announcing a presence state over the limit (1009, with the reason); the room goes on", async () => {
    const witness = await connect("civil");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.arcadia!, origin: server.origin });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => raw.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    raw.send(awarenessFrame(4244, 1, { user: {}, cursor: null, padding: "x".repeat(5000) }));
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.MessageTooBig);
    expect(reason).toMatch(/^A presence state of \d+ bytes is over the limit of 4096\.$/);
    expect(witness.provider.awareness.getStates().get(4244)).toBeUndefined();
    typeAtEnd(witness.doc, 3, " after the big state");
    await witness.allSaved();
    expect(witness.provider.wsconnected).toBe(true);
  });

  it("ignores awareness echoes of other people's states", async () => {
    const a = await connect("arcadia");
    a.provider.awareness.setLocalStateField("user", { name: "whatever the client says" });
    const b = await connect("civil");
    await eventually(() => expect(users(b).map((u) => u.name)).toContain("Elena Marek"));
    // Stock y-websocket clients re-send states they received; that must not close anyone.
    const c = await connect("civil");
    b.provider.awareness.setLocalStateField("user", { name: "echo test" });
    await eventually(() => expect(users(c).map((u) => u.name)).toEqual(expect.arrayContaining(["Elena Marek", "Amara Diallo"])));
    expect(b.provider.wsconnected).toBe(true);
  });

  it("refuses an observer's sync step 2 that carries content, storing nothing", async () => {
    const witness = await connect("civil");
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(witness.doc));
    const before = Y.encodeStateVector(forger);
    typeAtEnd(forger, 3, " OBSERVER STEP2");
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(forger, before));
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: cookies.observer!, origin: server.origin });
    raw.send(encoding.toUint8Array(encoder));
    expect(await raw.closed).toBe(CloseCode.Forbidden);
    server = await server.restart();
    const reader = await connect("civil");
    expect(reader.text()).not.toContain("OBSERVER STEP2");
  });
});
