import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blockText, typeAtEnd } from "../helpers/documentEdits.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

describe("collaborative editing over websockets", () => {
  let server: TestServer;
  let docId: string;
  let arcadia: string;
  let civil: string;
  const clients: YClient[] = [];

  const connect = (cookie: string) => {
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer();
    arcadia = await server.login("arcadia@demo.accord");
    civil = await server.login("civil@demo.accord");
    docId = await server.documentId(arcadia, "Declaration");
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  it("two clients converge in both directions", async () => {
    const a = connect(arcadia);
    const b = connect(civil);
    await Promise.all([a.synced(), b.synced()]);
    expect(a.text()).toContain("Draft WSIS+20 Declaration");

    typeAtEnd(a.doc, 3, " from Arcadia");
    await eventually(() => expect(b.text()).toContain(" from Arcadia"));
    typeAtEnd(b.doc, 3, " and civil society");
    await eventually(() => expect(a.text()).toContain(" from Arcadia and civil society"));
    expect(a.text()).toEqual(b.text());
  });

  it("a late joiner gets the full state, including edits made before it joined", async () => {
    const a = connect(arcadia);
    await a.synced();
    typeAtEnd(a.doc, 5, " [late joiner check]");
    await a.allSaved();

    const late = connect(civil);
    await late.synced();
    expect(late.text()).toEqual(a.text());
    expect(late.text()).toContain("[late joiner check]");
  });

  it("acknowledges only after storing, and a restarted server has the text", async () => {
    const a = connect(arcadia);
    await a.synced();
    typeAtEnd(a.doc, 4, " stored before restart");
    await a.allSaved();
    a.destroy();

    server = await server.restart();
    const b = connect(civil);
    await b.synced();
    expect(b.text()).toContain(" stored before restart");
  });

  it("concurrent edits in the same paragraph converge", async () => {
    const a = connect(arcadia);
    const b = connect(civil);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 20; i++) {
      blockText(a.doc, 3).insert(0, `a${i} `);
      blockText(b.doc, 3).insert(blockText(b.doc, 3).length, ` b${i}`);
    }
    await eventually(() => {
      expect(a.text()).toContain("a19 ");
      expect(a.text()).toContain(" b19");
      expect(b.text()).toEqual(a.text());
    });
  });
});
