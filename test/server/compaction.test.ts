import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
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

  /** A server with these settings, and a delegate's window on the Vision, synced. */
  async function openVision(env: Record<string, string>): Promise<{ cookie: string; docId: string; client: YClient }> {
    server = await startTestServer(env);
    const cookie = await server.login("arcadia@demo.accord");
    const docId = await server.documentId(cookie, "Vision");
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    await client.synced();
    return { cookie, docId, client };
  }

  it("folds the update log into the state row every N updates and on unload, keeping the text", async () => {
    const { cookie, docId, client } = await openVision({ COMPACT_EVERY_UPDATES: "10", COMPACT_LOG_PERCENT: "0" });

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

  it("waits until what was typed since is a share of the document's size, so small changes do not encode a large document again and again", async () => {
    const { docId, client } = await openVision({ COMPACT_EVERY_UPDATES: "10", COMPACT_LOG_PERCENT: "10" });
    const size = Y.encodeStateAsUpdate(client.doc).length;
    const rowsBefore = logRows(docId);
    const stateBefore = lastSeq(docId);

    // Twenty-five words: past the count, far from a tenth of the document's bytes.
    for (let i = 0; i < 25; i++) {
      typeAtEnd(client.doc, 4, ` w${i}`);
      await client.allSaved();
    }
    expect(logRows(docId)).toBe(rowsBefore + 25);
    expect(lastSeq(docId)).toBe(stateBefore);

    // One change of more than a tenth of the document: the log is folded in after it.
    typeAtEnd(client.doc, 4, ` ${"x".repeat(Math.ceil(size / 8))}`);
    await client.allSaved();
    expect(logRows(docId)).toBe(0);
    expect(lastSeq(docId)).toBeGreaterThan(stateBefore);
  });

  it("counts the log it loads: a room opened on a large unfolded log folds it in at its next change", async () => {
    const { cookie, docId, client } = await openVision({ COMPACT_EVERY_UPDATES: "3", COMPACT_LOG_PERCENT: "10" });
    const size = Y.encodeStateAsUpdate(client.doc).length;
    // As if the server had been killed before it could fold: the rows stay on disk through the room's unload.
    server.accord.db.exec("CREATE TRIGGER hold_compaction BEFORE DELETE ON document_updates BEGIN SELECT RAISE(ABORT, 'compaction held'); END");
    const rowsBefore = logRows(docId);
    typeAtEnd(client.doc, 4, ` ${"x".repeat(Math.ceil(size / 8))}`);
    await client.allSaved();
    for (const word of [" a", " b"]) {
      typeAtEnd(client.doc, 4, word);
      await client.allSaved();
    }
    client.destroy();
    await eventually(() => expect(server.accord.rooms.get(docId)).toBeUndefined());
    expect(logRows(docId)).toBe(rowsBefore + 3);
    server.accord.db.exec("DROP TRIGGER hold_compaction");
    const loaded = server.accord.db.prepare("SELECT seq FROM document_updates WHERE document_id = ?").pluck().all(docId) as number[];

    // Loaded again: the three rows weigh more than a tenth of the document, so the next change stored folds them in.
    const again = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(again);
    await again.synced();
    typeAtEnd(again.doc, 4, " c");
    await again.allSaved();
    const left = server.accord.db.prepare("SELECT seq FROM document_updates WHERE document_id = ?").pluck().all(docId) as number[];
    expect(left.filter((seq) => loaded.includes(seq))).toEqual([]);
    expect(lastSeq(docId)).toBeGreaterThanOrEqual(Math.max(...loaded));
    expect(again.text()).toContain(" a b c");
  });

  it("folds a log of ten times the count in, however small its changes", async () => {
    const { docId, client } = await openVision({ COMPACT_EVERY_UPDATES: "3", COMPACT_LOG_PERCENT: "10000" });
    const rowsBefore = logRows(docId);
    expect(rowsBefore).toBeLessThan(29);
    for (let i = rowsBefore; i < 29; i++) {
      typeAtEnd(client.doc, 4, `${i % 10}`);
      await client.allSaved();
    }
    expect(logRows(docId)).toBe(29);
    typeAtEnd(client.doc, 4, "!");
    await client.allSaved();
    expect(logRows(docId)).toBe(0);
  });
});
