import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserView } from "../../schemas/api.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { DeletedTextStore } from "../../server/storage/deletedTextStore.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { elementAt, findParagraph } from "../helpers/yDocEdits.js";
import { syncedClient, type YClient } from "../helpers/yClient.js";

/**
 * Who deleted what: Yjs keeps no author of a deletion, so the room records,
 * with each accepted update, the items it deleted and its sender; the record
 * names the deleter of words of an earlier text, and survives compaction and
 * a restart.
 */
describe("the record of who deleted what", () => {
  let server: TestServer;
  let docId: string;
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    const chair = await server.login("chair@demo.accord");
    docId = await server.documentId(chair, "Declaration");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  async function connect(email: string): Promise<{ client: YClient; user: UserView }> {
    const cookie = await server.login(email);
    const user = ((await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { user: UserView }).user;
    return { client: await syncedClient(server, docId, cookie, clients), user };
  }

  /** The ids of the items holding characters [from, from + length) of a paragraph's text in `doc`. */
  function itemIds(doc: Y.Doc, index: number, from: number, length: number): { client: number; clock: number }[] {
    const ids: { client: number; clock: number }[] = [];
    let at = 0;
    for (let item = elementAt(doc, index).text._start; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
      for (let i = 0; i < item.length; i++, at++) {
        if (at >= from && at < from + length) ids.push({ client: item.id.client, clock: item.id.clock + i });
      }
    }
    return ids;
  }

  it("names the user whose update deleted each character, after compaction and a restart", async () => {
    const { client, user } = await connect("arcadia@demo.accord");
    const index = findParagraph(client.doc, (b) => b.kind === "paragraph" && b.status === "open" && b.runs.every((r) => r.brackets.length === 0));
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(client.doc));
    const gone = itemIds(before, index, 2, 6);
    expect(gone).toHaveLength(6);
    elementAt(client.doc, index).text.delete(2, 6);
    await client.allSaved();

    // A second delegate deletes other words: each deletion keeps its own deleter.
    const other = await connect("borealia@demo.accord");
    const otherGone = itemIds(other.client.doc, index, 0, 2);
    elementAt(other.client.doc, index).text.delete(0, 2);
    await other.client.allSaved();

    server = await server.restart();
    const record = new DeletedTextStore(server.accord.db).load(docId);
    const deleterOf = (id: { client: number; clock: number }) =>
      record.find((r) => r.client === id.client && id.clock >= r.clock && id.clock < r.clock + r.length)?.deleter ?? null;
    expect(gone.map(deleterOf)).toEqual(Array(6).fill(user.id));
    expect(otherGone.map(deleterOf)).toEqual(Array(2).fill(other.user.id));
    // Nothing else was recorded as deleted.
    expect(record.reduce((n, r) => n + r.length, 0)).toBe(8);
    before.destroy();
  });
});
