import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL } from "../../shared/collab/messages.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { openRaw, type RawClient } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, fragmentText, type YClient } from "../helpers/yClient.js";

describe("one account holds a bounded number of connections to a document", () => {
  const CAP = 3;
  let server: TestServer;
  let docId: string;
  const raws: RawClient[] = [];
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ MAX_SOCKETS_PER_ACCOUNT: String(CAP), ACCORD_DEMO: "1" });
    docId = await server.documentId(await server.login("chair@demo.accord"), "Draft WSIS+20 Declaration");
  });
  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.ws.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  /** A raw socket of `cookie`'s account to the document, and the code and reason it was closed with, if it was. */
  async function open(cookie: string): Promise<RawClient & { closedWith: Promise<{ code: number; reason: string }> }> {
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie, origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    raws.push(raw);
    const closedWith = new Promise<{ code: number; reason: string }>((resolve) =>
      raw.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    return { ...raw, closedWith };
  }

  /** Whether a socket is still open once the server has had time to answer it (it sends its sync step at once). */
  async function stillOpen(raw: RawClient): Promise<void> {
    await eventually(() => expect(raw.frames.length).toBeGreaterThan(0));
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
  }

  it("closes the connection past the cap with 4429 and a reason; others and a freed place are unaffected", async () => {
    const arcadia = await server.login("arcadia@demo.accord");
    const held = [await open(arcadia), await open(arcadia), await open(arcadia)];
    for (const raw of held) await stillOpen(raw);

    const extra = await open(arcadia);
    expect(await extra.closedWith).toEqual({
      code: CloseCode.TooManyConnections,
      reason: `This account already has ${CAP} connections to this document, the most it may have; close one and reload.`,
    });
    // A second sign-in of the same account counts too: the cap is per account, not per session.
    const again = await open(await server.login("arcadia@demo.accord"));
    expect((await again.closedWith).code).toBe(CloseCode.TooManyConnections);

    // Another account joins and edits as usual; a witness sees it.
    const witness = connectYClient(server.wsBase, docId, await server.login("observer@demo.accord"), server.origin);
    const civil = connectYClient(server.wsBase, docId, await server.login("civil@demo.accord"), server.origin);
    clients.push(witness, civil);
    await Promise.all([witness.synced(), civil.synced()]);
    typeAtEnd(civil.doc, 3, " within the cap");
    await civil.allSaved();
    await eventually(() => expect(fragmentText(witness.doc)).toContain("within the cap"));

    // One of arcadia's connections closes: once the server has let it go, its place is free again.
    const room = server.accord.rooms.get(docId)!;
    const before = room.connections.size;
    held[0]!.ws.close();
    await held[0]!.closed;
    await eventually(() => expect(room.connections.size).toBe(before - 1));
    await stillOpen(await open(arcadia));
  });
});
