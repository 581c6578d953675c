import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Overview } from "../../shared/document/overview.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { elementAt, findParagraph, insertParagraph, unbracketAll } from "../helpers/yDocEdits.js";
import { connectYClient, type YClient } from "../helpers/yClient.js";

describe("revisions and negotiation numbering", () => {
  let server: TestServer;
  let chair: string;
  let docId: string;
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    chair = await server.login("chair@demo.accord");
    docId = await server.documentId(chair, "Vision");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const overview = async (): Promise<Overview> =>
    (await (await fetch(`${server.url}/api/documents/${docId}/overview`, { headers: { cookie: chair } })).json()) as Overview;
  const issue = (cookie = chair, body: unknown = {}) =>
    fetch(`${server.url}/api/documents/${docId}/revisions`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("freezes labels: a paragraph inserted after OP3 is OP3 bis, OP4 stays OP4, until the next revision", async () => {
    expect((await issue()).status).toBe(201);
    const before = await overview();
    const op3 = before.paragraphs.find((p) => p.reference === "OP3")!;
    const op4 = before.paragraphs.find((p) => p.reference === "OP4")!;

    const client = connectYClient(server.wsBase, docId, chair, server.origin);
    clients.push(client);
    await client.synced();
    const fragment = contentOf(client.doc);
    const index = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("pid") === op3.pid);
    const inserted = insertParagraph(client.doc, index + 1, "Requests a report on the implementation of this Vision.");
    await client.allSaved();

    const during = await overview();
    expect(during.paragraphs.find((p) => p.pid === inserted.getAttribute("pid"))!.reference).toBe("OP3 bis");
    expect(during.paragraphs.find((p) => p.pid === op4.pid)!.reference).toBe("OP4");

    const revision = (await (await issue(chair, { name: "Rev.2", note: "After the second reading" })).json()) as { number: number; name: string };
    expect(revision).toMatchObject({ number: 2, name: "Rev.2", note: "After the second reading", issuedBy: "Jonas Lindqvist" });
    const listed = (await (await fetch(`${server.url}/api/documents/${docId}/revisions`, { headers: { cookie: chair } })).json()) as unknown[];
    expect(listed).toEqual([
      expect.objectContaining({ number: 1, name: "Rev.1", note: "", issuedBy: "Jonas Lindqvist" }),
      expect.objectContaining({ number: 2, name: "Rev.2", note: "After the second reading" }),
    ]);
    const after = await overview();
    expect(after.paragraphs.find((p) => p.pid === inserted.getAttribute("pid"))!.reference).toBe("OP4");
    expect(after.paragraphs.find((p) => p.pid === op4.pid)!.reference).toBe("OP5");
  });

  it("keeps a deleted paragraph's number until the next revision drops it", async () => {
    await issue();
    const client = connectYClient(server.wsBase, docId, chair, server.origin);
    clients.push(client);
    await client.synced();
    const index = findParagraph(client.doc, (b) => b.runs.every((r) => r.brackets.length === 0));
    const pid = elementAt(client.doc, index).element.getAttribute("pid")!;
    const label = (await overview()).paragraphs.find((p) => p.pid === pid)!.reference;
    elementAt(client.doc, index).element.setAttribute("status", "deleted");
    await client.allSaved();

    const during = await overview();
    expect(during.paragraphs.find((p) => p.pid === pid)).toMatchObject({ status: "deleted", reference: label });
    expect(during.counts.deleted).toBe(1);

    await issue();
    const after = await overview();
    expect(after.paragraphs.find((p) => p.pid === pid)).toBeUndefined();
    expect(after.counts.deleted).toBe(0);
  });

  it("counts paragraphs per status and open brackets, live", async () => {
    const first = await overview();
    expect(first.counts.open).toBe(first.paragraphs.length);
    expect(first.counts.brackets).toBeGreaterThan(0);
    const client = connectYClient(server.wsBase, docId, chair, server.origin);
    clients.push(client);
    await client.synced();
    const index = findParagraph(client.doc, (b) => b.runs.some((r) => r.brackets.length > 0));
    const pid = elementAt(client.doc, index).element.getAttribute("pid")!;
    const brackets = first.paragraphs.find((p) => p.pid === pid)!.brackets;
    client.doc.transact(() => {
      unbracketAll(client.doc, index);
      elementAt(client.doc, index).element.setAttribute("status", "agreed");
    });
    await client.allSaved();
    const next = await overview();
    expect(next.counts).toEqual({
      open: first.counts.open - 1, agreed: 1, deleted: 0, brackets: first.counts.brackets - brackets,
    });
    const audit = (await (await fetch(`${server.url}/api/documents/${docId}/audit`, { headers: { cookie: chair } })).json()) as { action: string; userName: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["paragraph.agreed", "bracket.removed"]));
    expect(audit[0]!.userName).toBe("Jonas Lindqvist");
  });

  it("lets only facilitators issue revisions and read the audit log", async () => {
    const delegate = await server.login("arcadia@demo.accord");
    expect((await issue(delegate)).status).toBe(403);
    expect((await fetch(`${server.url}/api/documents/${docId}/audit`, { headers: { cookie: delegate } })).status).toBe(403);
    expect((await issue(chair, { name: 42 })).status).toBe(400);
  });
});
