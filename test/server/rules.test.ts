import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserView } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import * as Y from "yjs";
import { contentOf, readBlocks } from "../../shared/document/yBlocks.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { bracketBy, elementAt, findParagraph, placeBracket, unbracketAll } from "../helpers/yDocEdits.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

describe("the server enforces the negotiation rules on every update", () => {
  let server: TestServer;
  let docId: string;
  const cookies: Record<string, string> = {};
  const users: Record<string, UserView> = {};
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    for (const who of ["chair", "arcadia", "civil", "observer"]) {
      cookies[who] = await server.login(`${who}@demo.accord`);
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookies[who]! } });
      users[who] = ((await me.json()) as { user: UserView }).user;
    }
    docId = await server.documentId(cookies.chair!, "Declaration");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  async function connect(who: string): Promise<YClient> {
    const client = connectYClient(server.wsBase, docId, cookies[who]!, server.origin);
    clients.push(client);
    await client.synced();
    return client;
  }

  function closeCode(client: YClient): Promise<number> {
    return new Promise((resolve) => client.provider.once("connection-close", (event) => resolve(event?.code ?? 0)));
  }

  async function storedBlocks() {
    server = await server.restart();
    const reader = await connect("civil");
    return readBlocks(reader.doc);
  }

  /**
   * After a refusal, an accepted edit typed later reaches `witness` (a second
   * client), so anything relayed before it would have too; then `check` runs
   * on the witness's blocks.
   */
  async function witnessAfterRefusal(witness: YClient, check: (blocks: ReturnType<typeof readBlocks>) => void): Promise<void> {
    const marker = ` marker${Math.random().toString(36).slice(2, 8)}`;
    const other = await connect("chair");
    const open = findParagraph(other.doc, (b) => b.status === "open");
    typeAtEnd(other.doc, open, marker);
    await other.allSaved();
    await eventually(() => expect(witness.text()).toContain(marker));
    check(readBlocks(witness.doc));
  }

  const auditActions = () =>
    server.accord.db.prepare("SELECT action FROM audit_log WHERE document_id = ? ORDER BY id").pluck().all(docId) as string[];

  it("refuses any change from an observer, closing only that socket", async () => {
    const witness = await connect("civil");
    const observer = await connect("observer");
    const closed = closeCode(observer);
    typeAtEnd(observer.doc, 3, " OBSERVER WAS HERE");
    expect(await closed).toBe(CloseCode.Forbidden);
    typeAtEnd(witness.doc, 3, " still open");
    await witness.allSaved();
    expect(auditActions()).toContain("update.refused");
    const blocks = await storedBlocks();
    expect(blocks.map((b) => b.runs.map((r) => r.text).join("")).join()).not.toContain("OBSERVER WAS HERE");
    expect(blocks.map((b) => b.runs.map((r) => r.text).join("")).join()).toContain(" still open");
  });

  it("refuses a delegate's status change", async () => {
    const delegate = await connect("arcadia");
    const index = findParagraph(delegate.doc, (b) => b.runs.every((r) => r.brackets.length === 0));
    const closed = closeCode(delegate);
    const witness = await connect("civil");
    elementAt(delegate.doc, index).element.setAttribute("status", "agreed");
    expect(await closed).toBe(CloseCode.Forbidden);
    await witnessAfterRefusal(witness, (blocks) => expect(blocks.filter((b) => b.status === "agreed")).toHaveLength(0));
    expect(auditActions()).toContain("update.refused");
    expect((await storedBlocks()).filter((b) => b.status === "agreed")).toHaveLength(0);
  });

  it("refuses to agree a paragraph that still contains brackets, and accepts it once they are off", async () => {
    const chair = await connect("chair");
    const index = findParagraph(chair.doc, (b) => b.runs.some((r) => r.brackets.length > 0));
    const pid = elementAt(chair.doc, index).element.getAttribute("pid");
    const closed = closeCode(chair);
    elementAt(chair.doc, index).element.setAttribute("status", "agreed");
    expect(await closed).toBe(CloseCode.InvalidChange);

    const again = await connect("chair");
    expect(readBlocks(again.doc).find((b) => b.pid === pid)!.status).toBe("open");
    again.doc.transact(() => {
      unbracketAll(again.doc, index);
      elementAt(again.doc, index).element.setAttribute("status", "agreed");
    });
    await again.allSaved();
    expect(auditActions()).toEqual(expect.arrayContaining(["update.refused", "bracket.removed", "paragraph.agreed"]));
    const stored = (await storedBlocks()).find((b) => b.pid === pid)!;
    expect(stored.status).toBe("agreed");
    expect(stored.runs.every((r) => r.brackets.length === 0)).toBe(true);
  });

  it("freezes an agreed paragraph for delegates but not for the facilitator", async () => {
    const chair = await connect("chair");
    const index = findParagraph(chair.doc, (b) => b.runs.every((r) => r.brackets.length === 0));
    elementAt(chair.doc, index).element.setAttribute("status", "agreed");
    await chair.allSaved();

    const delegate = await connect("arcadia");
    const closed = closeCode(delegate);
    typeAtEnd(delegate.doc, index, " sneaked in");
    expect(await closed).toBe(CloseCode.Forbidden);

    typeAtEnd(chair.doc, index, " (facilitator's correction)");
    await chair.allSaved();
    const text = (await storedBlocks()).map((b) => b.runs.map((r) => r.text).join("")).join("\n");
    expect(text).not.toContain("sneaked in");
    expect(text).toContain("(facilitator's correction)");
  });

  it("refuses a delegate's deletion of an agreed paragraph's text", async () => {
    const chair = await connect("chair");
    const index = findParagraph(chair.doc, (b) => b.runs.every((r) => r.brackets.length === 0));
    elementAt(chair.doc, index).element.setAttribute("status", "agreed");
    await chair.allSaved();
    const pid = elementAt(chair.doc, index).element.getAttribute("pid");
    const agreedText = elementAt(chair.doc, index).text.toString();

    const delegate = await connect("arcadia");
    const witness = await connect("civil");
    const closed = closeCode(delegate);
    const { text } = elementAt(delegate.doc, index);
    text.delete(0, text.length);
    expect(await closed).toBe(CloseCode.Forbidden);
    const intact = (blocks: ReturnType<typeof readBlocks>) =>
      expect(blocks.find((b) => b.pid === pid)!.runs.map((r) => r.text).join("")).toBe(agreedText);
    await witnessAfterRefusal(witness, intact);
    expect(auditActions().filter((a) => a === "update.refused")).toHaveLength(1);
    intact(await storedBlocks());
  });

  it("lets a delegate bracket words in their own name but not in anyone else's", async () => {
    const delegate = await connect("arcadia");
    const index = findParagraph(delegate.doc, (b) => b.runs.every((r) => r.brackets.length === 0));
    placeBracket(delegate.doc, index, 0, 5, bracketBy(users.arcadia!, "own1"));
    await delegate.allSaved();

    const witness = await connect("civil");
    const closed = closeCode(delegate);
    placeBracket(delegate.doc, index, 10, 5, bracketBy(users.civil!, "forged1"));
    expect(await closed).toBe(CloseCode.Forbidden);
    await witnessAfterRefusal(witness, (blocks) =>
      expect(blocks.flatMap((b) => b.runs.flatMap((r) => r.brackets.map((x) => x.id)))).not.toContain("forged1"));
    expect(auditActions()).toContain("update.refused");

    const stored = (await storedBlocks()).flatMap((b) => b.runs.flatMap((r) => r.brackets.map((x) => x.id)));
    expect(stored).toContain("own1");
    expect(stored).not.toContain("forged1");
  });

  it("does not let a delegate take off another delegation's brackets", async () => {
    const delegate = await connect("civil");
    const index = findParagraph(delegate.doc, (b) =>
      b.status === "open" && b.runs.some((r) => r.brackets.some((x) => x.userId !== users.civil!.id)));
    const ids = (blocks: ReturnType<typeof readBlocks>) => blocks.flatMap((b) => b.runs.flatMap((r) => r.brackets.map((x) => x.id)));
    const before = ids(readBlocks(delegate.doc));
    const witness = await connect("arcadia");
    const closed = closeCode(delegate);
    unbracketAll(delegate.doc, index);
    expect(await closed).toBe(CloseCode.Forbidden);
    await witnessAfterRefusal(witness, (blocks) => expect(ids(blocks)).toEqual(before));
    expect(auditActions()).toContain("update.refused");
    expect(ids(await storedBlocks())).toEqual(before);
  });

  it("does not let a delegate shrink another delegation's bracket, by unbracketing or deleting part of its words", async () => {
    const delegate = await connect("civil");
    const index = findParagraph(delegate.doc, (b) =>
      b.status === "open" && b.runs.some((r) => r.brackets.some((x) => x.userId !== users.civil!.id)));
    const { text } = elementAt(delegate.doc, index);
    const delta = text.toDelta() as { insert: string; attributes?: Record<string, { userId?: string }> }[];
    let offset = 0;
    let target: { key: string; from: number; length: number } | null = null;
    for (const op of delta) {
      const key = Object.keys(op.attributes ?? {}).find((k) => k.startsWith("bracket") && op.attributes![k]!.userId !== users.civil!.id);
      if (key && op.insert.length > 2 && !target) target = { key, from: offset, length: op.insert.length };
      offset += op.insert.length;
    }
    const before = readBlocks(delegate.doc)[index]!.runs.map((r) => r.text).join("");
    const witness = await connect("arcadia");

    let closed = closeCode(delegate);
    text.format(target!.from, target!.length - 1, { [target!.key]: null });
    expect(await closed).toBe(CloseCode.Forbidden);

    const again = await connect("civil");
    closed = closeCode(again);
    elementAt(again.doc, index).text.delete(target!.from, target!.length - 1);
    expect(await closed).toBe(CloseCode.Forbidden);

    const unchanged = (blocks: ReturnType<typeof readBlocks>) => {
      expect(blocks[index]!.runs.map((r) => r.text).join("")).toBe(before);
      expect(blocks[index]!.runs.filter((r) => r.brackets.length > 0).map((r) => r.text).join("").length).toBeGreaterThanOrEqual(target!.length);
    };
    await witnessAfterRefusal(witness, unchanged);
    expect(auditActions().filter((a) => a === "update.refused")).toHaveLength(2);
    unchanged(await storedBlocks());
  });

  /**
   * What the editor sends for Enter inside a bracket: the words after the
   * caret, bracket marks and all, leave this paragraph and are written again
   * in a new one. Returns the text element and the moved runs.
   */
  function splitInsideOthersBracket(client: YClient, index: number, pid: string) {
    const blocks = contentOf(client.doc);
    const { text } = elementAt(client.doc, index);
    type Op = { insert: string; attributes?: Record<string, unknown> };
    const delta = text.toDelta() as Op[];
    let offset = 0;
    let splitAt = -1;
    for (const op of delta) {
      const others = Object.entries(op.attributes ?? {}).some(([k, v]) => k.startsWith("bracket") && (v as { userId: string }).userId !== users.civil!.id);
      if (others && op.insert.length > 6 && splitAt < 0) splitAt = offset + 3;
      offset += op.insert.length;
    }
    const tail: Op[] = [];
    offset = 0;
    for (const op of delta) {
      const from = Math.max(0, splitAt - offset);
      if (from < op.insert.length) tail.push({ insert: op.insert.slice(from), ...(op.attributes ? { attributes: op.attributes } : {}) });
      offset += op.insert.length;
    }
    client.doc.transact(() => {
      text.delete(splitAt, text.length - splitAt);
      const next = new Y.XmlElement("paragraph");
      next.setAttribute("pid", pid);
      next.setAttribute("status", "open");
      next.setAttribute("level", 1 as unknown as string);
      blocks.insert(index + 1, [next]);
      const moved = new Y.XmlText();
      next.insert(0, [moved]);
      moved.applyDelta(tail);
    });
    return { text, tail };
  }

  const othersBracketed = (b: ReturnType<typeof readBlocks>[number]) =>
    b.status === "open" && b.runs.some((r) => r.text.length > 6 && r.brackets.some((x) => x.userId !== users.civil!.id));

  it("refuses a delegate's Enter inside another delegation's bracket: its words would move, leaving no trace", async () => {
    const delegate = await connect("civil");
    const witness = await connect("arcadia");
    const index = findParagraph(delegate.doc, othersBracketed);
    const before = readBlocks(delegate.doc)[index]!;
    const closed = closeCode(delegate);
    splitInsideOthersBracket(delegate, index, "p-enter-in-bracket");
    expect(await closed).toBe(CloseCode.Forbidden);
    const unchanged = (blocks: ReturnType<typeof readBlocks>) => {
      expect(blocks.find((b) => b.pid === "p-enter-in-bracket")).toBeUndefined();
      expect(blocks.find((b) => b.pid === before.pid)!.runs).toEqual(before.runs);
    };
    await witnessAfterRefusal(witness, unchanged);
    expect(auditActions()).toContain("update.refused");
    unchanged(await storedBlocks());
  });

  it("lets a facilitator press Enter and Backspace inside anyone's bracket: the words move with their bracket", async () => {
    const chair = await connect("chair");
    const blocks = contentOf(chair.doc);
    const index = findParagraph(chair.doc, othersBracketed);
    const { text, tail } = splitInsideOthersBracket(chair, index, "p-enter-in-bracket");
    await chair.allSaved();
    expect(chair.provider.wsconnected).toBe(true);
    // And Backspace joins them again.
    chair.doc.transact(() => {
      blocks.delete(index + 1, 1);
      let at = text.length;
      for (const op of tail) {
        text.insert(at, op.insert, op.attributes ?? {});
        at += op.insert.length;
      }
    });
    await chair.allSaved();
    expect(chair.provider.wsconnected).toBe(true);
    expect(auditActions()).not.toContain("update.refused");
  });

  it("accepts a facilitator's undo of removing brackets (the same bracket comes back), not a delegate's", async () => {
    const chair = await connect("chair");
    const index = findParagraph(chair.doc, (b) => b.status === "open" && b.runs.some((r) => r.brackets.some((x) => x.userId !== users.civil!.id)));
    const { text } = elementAt(chair.doc, index);
    const delta = text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[];
    const removed = delta.flatMap((op) => Object.entries(op.attributes ?? {})).find(([k]) => k.startsWith("bracket"))!;
    const snapshot = text.toDelta();
    unbracketAll(chair.doc, index);
    await chair.allSaved();
    // Undo: the bracket returns with its id and attribution unchanged.
    chair.doc.transact(() => {
      let offset = 0;
      for (const op of snapshot as { insert: string; attributes?: Record<string, unknown> }[]) {
        if (op.attributes?.[removed[0]]) text.format(offset, op.insert.length, { [removed[0]]: removed[1] });
        offset += op.insert.length;
      }
    });
    await chair.allSaved();
    expect(chair.provider.wsconnected).toBe(true);

    unbracketAll(chair.doc, index);
    await chair.allSaved();
    const delegate = await connect("civil");
    const closed = closeCode(delegate);
    const { text: seen } = elementAt(delegate.doc, index);
    seen.format(0, 3, { [removed[0]]: removed[1] });
    expect(await closed).toBe(CloseCode.Forbidden);
  });

  it("lets others keep editing while one socket is refused", async () => {
    const a = await connect("arcadia");
    const b = await connect("civil");
    const observer = await connect("observer");
    typeAtEnd(observer.doc, 2, " nope");
    typeAtEnd(a.doc, 2, " yes");
    await eventually(() => expect(b.text()).toContain(" yes"));
    expect(b.text()).not.toContain(" nope");
  });
});
