import { afterEach, describe, expect, it } from "vitest";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

describe("compaction", () => {
  let server: TestServer;
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const logRows = (docId: string) =>
    server.accord.db.prepare("SELECT count(*) FROM document_updates WHERE document_id = ?").pluck().get(docId) as number;
  const lastSeq = (docId: string) =>
    server.accord.db.prepare("SELECT last_seq FROM document_states WHERE document_id = ?").pluck().get(docId) as number;

  it("folds the update log into the state row every N updates and on unload, keeping the text", async () => {
    server = await startTestServer({ COMPACT_EVERY_UPDATES: "10" });
    const cookie = await server.login("arcadia@demo.accord");
    const docId = await server.documentId(cookie, "Vision");
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    await client.synced();

    for (let i = 0; i < 25; i++) {
      typeAtEnd(client.doc, 4, ` w${i}`);
      await client.allSaved();
    }
    expect(logRows(docId)).toBeLessThan(10);
    expect(lastSeq(docId)).toBeGreaterThan(0);

    client.destroy();
    await eventually(() => expect(server.accord.rooms.get(docId)).toBeUndefined());
    expect(logRows(docId)).toBe(0);

    server = await server.restart();
    const reader = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(reader);
    await reader.synced();
    for (let i = 0; i < 25; i++) expect(reader.text()).toContain(` w${i}`);
  });
});
