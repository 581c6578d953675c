import { afterEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { writeCurrentParagraphRequest } from "../../shared/collab/currentParagraph.js";
import { ACCORD_SUBPROTOCOL } from "../../shared/collab/messages.js";
import { readRefusalReason } from "../../shared/collab/refusalReason.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { openRaw, type RawClient } from "../helpers/rawClient.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { docFromFrames } from "../helpers/rawClient.js";
import { discussionMessages, emptyStep1 } from "../helpers/roomFrames.js";
import { insertParagraph } from "../helpers/yDocEdits.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

/**
 * The paragraph under discussion, against a real server with raw protocol
 * clients: a facilitator moves it, everyone is told, joiners are told, a
 * restart keeps it, and nobody else can move it.
 */
describe("the paragraph under discussion", () => {
  let server: TestServer;
  let docId: string;
  const raws: RawClient[] = [];

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.ws.terminate();
    await server.close();
  });

  async function start(env: Record<string, string> = {}): Promise<void> {
    server = await startTestServer(env);
    docId = await server.documentId(await server.login("chair@demo.accord"), "Declaration");
  }

  async function join(email: string, protocols = [ACCORD_SUBPROTOCOL]): Promise<RawClient & { closedWith: Promise<{ code: number; reason: string }> }> {
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie: await server.login(email), origin: server.origin }, protocols);
    raws.push(raw);
    const closedWith = new Promise<{ code: number; reason: string }>((resolve) =>
      raw.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
    return Object.assign(raw, { closedWith });
  }

  function paragraphs(): string[] {
    return readBlocks(server.accord.rooms.get(docId)!.doc).filter((b) => b.kind === "paragraph").map((b) => b.pid);
  }

  it("is set by a facilitator and sent to everyone at once, to every joiner, and after a restart", async () => {
    await start();
    const chair = await join("chair@demo.accord");
    const observer = await join("observer@demo.accord");
    const delegate = await join("arcadia@demo.accord");
    for (const raw of [chair, observer, delegate]) {
      await eventually(() => expect(discussionMessages(raw.frames)).toEqual([{ pid: null, by: null, at: null }]));
    }
    const [, second] = paragraphs();
    const before = Date.now();
    chair.send(writeCurrentParagraphRequest(second!));
    for (const raw of [chair, observer, delegate]) {
      await eventually(() => expect(discussionMessages(raw.frames).at(-1)).toMatchObject({ pid: second, by: "Jonas Lindqvist" }));
    }
    expect(discussionMessages(observer.frames).at(-1)!.at).toBeGreaterThanOrEqual(before);

    const late = await join("borealia@demo.accord");
    await eventually(() => expect(discussionMessages(late.frames)).toEqual([expect.objectContaining({ pid: second })]));
    // A stock y-websocket client (no Accord subprotocol) is never sent a message it cannot read.
    const stock = await join("civil@demo.accord", []);
    await eventually(() => expect(stock.frames.length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 300));
    expect(discussionMessages(stock.frames)).toEqual([]);

    for (const raw of raws.splice(0)) raw.ws.terminate();
    server = await server.restart();
    const afterRestart = await join("observer@demo.accord");
    await eventually(() => expect(discussionMessages(afterRestart.frames)).toEqual([expect.objectContaining({ pid: second, by: "Jonas Lindqvist" })]));
  });

  it("is refused from a delegate and an observer (4403, rule leadDiscussion); the room and the discussion go on", async () => {
    await start();
    const chair = await join("chair@demo.accord");
    const [first, second] = paragraphs();
    chair.send(writeCurrentParagraphRequest(first!));
    await eventually(() => expect(discussionMessages(chair.frames).at(-1)?.pid).toBe(first));

    for (const email of ["arcadia@demo.accord", "observer@demo.accord"]) {
      const other = await join(email);
      await eventually(() => expect(discussionMessages(other.frames)).toHaveLength(1));
      other.send(writeCurrentParagraphRequest(second!));
      const closed = await other.closedWith;
      expect(closed.code).toBe(CloseCode.Forbidden);
      expect(readRefusalReason(closed.reason)).toEqual({ rule: "leadDiscussion" });
    }
    expect(server.accord.rooms.get(docId)!.discussion.paragraph.pid).toBe(first);
    expect(discussionMessages(chair.frames).map((m) => m.pid)).toEqual([null, first]);
    // The refusal is on the record, with the English sentence.
    const audit = await fetch(`${server.url}/api/documents/${docId}/audit`, { headers: { cookie: await server.login("chair@demo.accord") } });
    expect(JSON.stringify(await audit.json())).toContain("Only a facilitator moves the discussion");
    // The facilitator's socket still works.
    chair.send(writeCurrentParagraphRequest(second!));
    await eventually(() => expect(discussionMessages(chair.frames).at(-1)?.pid).toBe(second));
  });

  it("ignores a paragraph the document does not have and tells the asker where the discussion is; clearing it is allowed", async () => {
    await start();
    const chair = await join("secretariat@demo.accord");
    const observer = await join("observer@demo.accord");
    const [first] = paragraphs();
    chair.send(writeCurrentParagraphRequest(first!));
    await eventually(() => expect(discussionMessages(observer.frames).at(-1)?.pid).toBe(first));
    const seenByObserver = discussionMessages(observer.frames).length;

    chair.send(writeCurrentParagraphRequest("no-such-paragraph"));
    await eventually(() => expect(discussionMessages(chair.frames).slice(-2).map((m) => m.pid)).toEqual([first, first]));
    expect(discussionMessages(observer.frames)).toHaveLength(seenByObserver);

    chair.send(writeCurrentParagraphRequest(null));
    await eventually(() => expect(discussionMessages(observer.frames).at(-1)).toEqual({ pid: null, by: null, at: null }));
  });

  it("closes a socket whose request is not one (4400)", async () => {
    await start();
    const chair = await join("chair@demo.accord");
    chair.send(new Uint8Array([104, 3, 0x7b, 0x7d, 0x7d])); // "{}}" is not JSON
    expect((await chair.closedWith).code).toBe(CloseCode.MalformedMessage);
  });

  it("takes a facilitator's request after their own earlier edits, and tells nobody of a move before they have the paragraph", async () => {
    await start({ OBSERVER_TICK_MS: "3000" });
    const observer = await join("observer@demo.accord");
    observer.send(emptyStep1());
    const chair: YClient = connectYClient(server.wsBase, docId, await server.login("chair@demo.accord"), server.origin);
    try {
      await chair.synced();
      // An edit first: the observers' frame goes at once, and their next waits for the three-second tick.
      typeAtEnd(chair.doc, 3, " now");
      await chair.allSaved();
      await eventually(() => expect(discussionMessages(observer.frames)).toHaveLength(1));
      // A new paragraph and the request to discuss it, back to back on one socket.
      const paragraph = insertParagraph(chair.doc, 4, "A paragraph written a moment ago.");
      const pid = paragraph.getAttribute("pid")!;
      chair.provider.ws!.send(writeCurrentParagraphRequest(pid));
      await eventually(() => expect(chair.currentParagraph()?.pid).toBe(pid), 2000);
      await eventually(() => expect(discussionMessages(observer.frames).at(-1)?.pid).toBe(pid), 2000);
      // Everything the observer had been sent when the move reached it already holds the paragraph.
      const told = observer.frames.findIndex((frame) => discussionMessages([frame])[0]?.pid === pid);
      const blocks = readBlocks(docFromFrames(observer.frames.slice(0, told)));
      expect(blocks.some((b) => b.pid === pid)).toBe(true);
    } finally {
      chair.destroy();
    }
  });

  it("is under discussion no more once its paragraph is removed, and everyone is told", async () => {
    await start();
    const observer = await join("observer@demo.accord");
    const chair: YClient = connectYClient(server.wsBase, docId, await server.login("chair@demo.accord"), server.origin);
    try {
      await chair.synced();
      const paragraph = insertParagraph(chair.doc, 4, "A paragraph that will not stay.");
      const pid = paragraph.getAttribute("pid")!;
      await chair.allSaved();
      chair.provider.ws!.send(writeCurrentParagraphRequest(pid));
      await eventually(() => expect(discussionMessages(observer.frames).at(-1)?.pid).toBe(pid));
      chair.doc.getXmlFragment("content").delete(4, 1);
      await chair.allSaved();
      await eventually(() => expect(discussionMessages(observer.frames).at(-1)).toEqual({ pid: null, by: null, at: null }));
      expect(server.accord.rooms.get(docId)!.discussion.paragraph.pid).toBeNull();
    } finally {
      chair.destroy();
    }
  });
});
