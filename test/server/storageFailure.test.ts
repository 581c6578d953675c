import { afterEach, describe, expect, it } from "vitest";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

describe("a failing write", () => {
  let server: TestServer;
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  it("keeps the edit in memory unacknowledged, says so, and stores it once writes work again", async () => {
    server = await startTestServer();
    const cookie = await server.login("tech@demo.accord");
    const docId = await server.documentId(cookie, "Declaration");
    const writer = connectYClient(server.wsBase, docId, cookie, server.origin);
    const watcher = connectYClient(server.wsBase, docId, await server.login("igo@demo.accord"), server.origin);
    clients.push(writer, watcher);
    await Promise.all([writer.synced(), watcher.synced()]);
    await writer.allSaved();

    // Make the database refuse writes, as a full or read-only disk would.
    server.accord.db.pragma("query_only = ON");
    typeAtEnd(writer.doc, 3, " written while the disk refuses");
    let acknowledged = false;
    void writer.allSaved().then(() => (acknowledged = true));
    await eventually(() => expect(writer.storageStatus()).toBe("failing"));
    expect(acknowledged).toBe(false);
    // Not stored, so not relayed either: others never see text that could still be lost.
    expect(watcher.text()).not.toContain("written while the disk refuses");
    expect(server.accord.rooms.get(docId)?.isStorageFailing).toBe(true);

    server.accord.db.pragma("query_only = OFF");
    await writer.allSaved();
    expect(writer.storageStatus()).toBe("ok");
    await eventually(() => expect(watcher.text()).toContain("written while the disk refuses"));

    writer.destroy();
    watcher.destroy();
    server = await server.restart();
    const reader = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(reader);
    await reader.synced();
    expect(reader.text()).toContain("written while the disk refuses");
  });
});
