import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL, MessageType, SyncMessageType } from "../../shared/collab/messages.js";
import { blockText } from "../helpers/documentEdits.js";
import { openRaw, syncFrame, updateFrame, type RawClient } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

/** The update that `edit` makes to a copy of `base`, in the V1 or the V2 encoding. */
function editOf(base: Y.Doc, edit: (doc: Y.Doc) => void, encoding: "v1" | "v2" = "v1"): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  let update: Uint8Array | null = null;
  copy.on(encoding === "v1" ? "update" : "updateV2", (u: Uint8Array) => (update = u));
  edit(copy);
  return update!;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const acknowledged = (raw: RawClient) => raw.frames.some((f) => f[0] === MessageType.Saved);

describe("the server stores exactly what it applied", () => {
  let server: TestServer;
  let cookie: string;
  let docId: string;
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    cookie = await server.login("borealia@demo.accord");
    docId = await server.documentId(cookie, "Vision");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  async function synced(): Promise<YClient> {
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    await client.synced();
    return client;
  }
  const raw = () => openRaw(`${server.wsBase}/${docId}`, { origin: server.origin, cookie }, [ACCORD_SUBPROTOCOL]);
  const rows = () => server.accord.db.prepare("SELECT count(*) FROM document_updates WHERE document_id = ?").pluck().get(docId) as number;
  const typeX = (marker: string) => (doc: Y.Doc) => blockText(doc, 3).insert(0, marker);

  it("refuses an update followed by unread bytes, acknowledges nothing and stores nothing", async () => {
    const witness = await synced();
    const before = rows();
    const socket = await raw();
    const update = editOf(witness.doc, typeX("TRAILING"));
    socket.send(updateFrame(concat(update, new Uint8Array(100 * 1024).fill(7))));
    expect(await socket.closed).toBe(CloseCode.MalformedMessage);
    expect(acknowledged(socket)).toBe(false);
    expect(rows()).toBe(before);
    expect(witness.text()).not.toContain("TRAILING");
  });

  it("refuses a frame that goes on after its message", async () => {
    const witness = await synced();
    const socket = await raw();
    socket.send(concat(updateFrame(editOf(witness.doc, typeX("AFTERFRAME"))), new Uint8Array([0, 0, 0])));
    expect(await socket.closed).toBe(CloseCode.MalformedMessage);
    expect(acknowledged(socket)).toBe(false);
    expect(witness.text()).not.toContain("AFTERFRAME");
  });

  it("refuses a V2-encoded update on the V1 protocol with its own code, never acknowledged as saved", async () => {
    const witness = await synced();
    const before = rows();
    const socket = await raw();
    socket.send(syncFrame(SyncMessageType.Update, editOf(witness.doc, typeX("ENCODEDV2"), "v2")));
    expect(await socket.closed).toBe(CloseCode.UnsupportedEncoding);
    expect(acknowledged(socket)).toBe(false);
    expect(rows()).toBe(before);
    await eventually(() => expect(server.accord.db.prepare(
      "SELECT detail FROM audit_log WHERE document_id = ? AND action = 'update.refused'").pluck().all(docId)).toEqual([
      expect.stringContaining("V2 encoding"),
    ]));
    server = await server.restart();
    expect((await synced()).text()).not.toContain("ENCODEDV2");
  });

  it("refuses an update that writes one client's structs twice (Yjs would apply one run and a merge keep the other)", async () => {
    const witness = await synced();
    const before = rows();
    const socket = await raw();
    const sameClient = (marker: string) => editOf(witness.doc, (doc) => {
      doc.clientID = 987_654;
      typeX(marker)(doc);
    });
    const first = sameClient("CHECKED ");
    const second = sameClient("UNCHECKED ");
    // One client and no deletions each: [1, ...structs of the client..., 0]. Written as one update of two runs.
    expect([first[0], first.at(-1), second[0], second.at(-1)]).toEqual([1, 0, 1, 0]);
    socket.send(updateFrame(concat(Uint8Array.of(2), second.slice(1, -1), first.slice(1, -1), Uint8Array.of(0))));
    expect(await socket.closed).toBe(CloseCode.MalformedMessage);
    expect(acknowledged(socket)).toBe(false);
    expect(rows()).toBe(before);
    expect(witness.text()).not.toMatch(/CHECKED/);
  });

  it("stores only what an update adds: a reconnecting client's whole state with one new word is one small row", async () => {
    const editor = await synced();
    const witness = await synced();
    const socket = await raw();
    // Sync step 2 of a client that was offline: everything it has, the server's content included.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(editor.doc));
    typeX("OFFLINE ")(copy);
    const whole = Y.encodeStateAsUpdate(copy);
    expect(whole.length).toBeGreaterThan(10_000);
    socket.send(syncFrame(SyncMessageType.Step2, whole));
    await eventually(() => expect(acknowledged(socket)).toBe(true));
    await eventually(() => expect(witness.text()).toContain("OFFLINE "));
    const stored = server.accord.db.prepare("SELECT length(data) FROM document_updates WHERE document_id = ? ORDER BY seq DESC LIMIT 1")
      .pluck().get(docId) as number;
    expect(stored).toBeLessThan(200);
    socket.ws.close();
    server = await server.restart();
    expect((await synced()).text()).toContain("OFFLINE ");
  });
});
