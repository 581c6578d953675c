import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ImportResponse } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { contentOf, readBlocks } from "../../shared/document/yBlocks.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { eventually, syncedClient, type YClient } from "../helpers/yClient.js";

/**
 * The labels an import kept, as raw Yjs clients (not our editor) meet them:
 * only the import writes one, an undo that puts a deleted imported paragraph
 * back restores its label, and issuing a revision numbers in sequence and
 * removes them.
 */
describe("imported labels on the wire", () => {
  let server: TestServer;
  let id: string;
  const cookies: Record<string, string> = {};
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    for (const who of ["secretariat", "chair", "arcadia"]) cookies[who] = await server.login(`${who}@demo.accord`);
    // h) follows two unlabelled lines: kept h), and the lines between are g bis, g ter.
    const text = ["Draft resolution on labels", "", "The Conference,", "", "recalling", "",
      "g)\tFirst.", "", "An unlabelled line.", "", "Another.", "", "h)\tSecond.", "", "resolves", "", "1\tThird.", ""].join("\n");
    const res = await fetch(`${server.url}/api/documents/import?language=es`, {
      method: "POST", headers: { cookie: cookies.secretariat!, "content-type": "text/plain", origin: server.origin }, body: text,
    });
    expect(res.status).toBe(201);
    id = ((await res.json()) as ImportResponse).document.id;
    expect((await fetch(`${server.url}/api/documents/${id}/publish`, { method: "POST", headers: { cookie: cookies.secretariat!, origin: server.origin } })).status).toBe(200);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const connect = (who: string) => syncedClient(server, id, cookies[who]!, clients);
  const labels = async () =>
    ((await (await fetch(`${server.url}/api/documents/${id}/overview`, { headers: { cookie: cookies.chair! } })).json()) as { paragraphs: { label: string }[] })
      .paragraphs.map((p) => p.label);

  it("shows the source's labels, additions among them as bis and ter", async () => {
    expect(await labels()).toEqual(["g)", "g bis)", "g ter)", "h)", "1"]);
  });

  it("refuses a new paragraph that claims an imported label, from anyone", async () => {
    for (const who of ["arcadia", "chair"]) {
      const client = await connect(who);
      const closed = new Promise<number>((resolve) => client.provider.once("connection-close", (e) => resolve(e?.code ?? 0)));
      const forged = new Y.XmlElement("paragraph");
      forged.setAttribute("pid", `pForged${who}`);
      forged.setAttribute("status", "open");
      forged.setAttribute("level", 1 as unknown as string);
      forged.setAttribute("importedLabel", "7");
      forged.insert(0, [new Y.XmlText("Mine.")]);
      contentOf(client.doc).insert(5, [forged]);
      expect(await closed).toBe(CloseCode.Forbidden);
      client.destroy();
    }
    expect(await labels()).toEqual(["g)", "g bis)", "g ter)", "h)", "1"]);
  });

  it("lets a delegate undo deleting an imported paragraph: it comes back with its label, and stays after a restart", async () => {
    const client = await connect("arcadia");
    const fragment = contentOf(client.doc);
    const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set(["mine"]) });
    const index = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("importedLabel") === "h");
    client.doc.transact(() => fragment.delete(index, 1), "mine");
    await client.allSaved();
    expect(await labels()).toEqual(["g)", "g bis)", "g ter)", "1"]);
    undo.undo();
    await client.allSaved();
    expect(client.provider.wsconnected).toBe(true);
    expect(await labels()).toEqual(["g)", "g bis)", "g ter)", "h)", "1"]);
    server = await server.restart();
    expect(await labels()).toEqual(["g)", "g bis)", "g ter)", "h)", "1"]);
  });

  it("is removed by issuing a revision, which numbers in sequence", async () => {
    const issued = await fetch(`${server.url}/api/documents/${id}/revisions`, {
      method: "POST", headers: { cookie: cookies.chair!, origin: server.origin, "content-type": "application/json" }, body: "{}",
    });
    expect(issued.status).toBe(201);
    expect(await labels()).toEqual(["a)", "b)", "c)", "d)", "1"]);
    const reader = await connect("arcadia");
    await eventually(() => expect(readBlocks(reader.doc).filter((b) => b.kind === "paragraph").map((b) => [b.frozenLabel, b.importedLabel]))
      .toEqual([["a", null], ["b", null], ["c", null], ["d", null], ["1", null]]));
  });
});
