import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MAX_REFUSAL_BYTES, readRefusalReason, type RefusalReason } from "../../shared/collab/refusalReason.js";
import { contentOf, readBlocks } from "../../shared/document/yBlocks.js";
import { RoomProbe } from "../helpers/roomProbe.js";
import { startTestServer } from "../helpers/testServer.js";
import type { YClient } from "../helpers/yClient.js";
import { elementAt, findParagraph } from "../helpers/yDocEdits.js";
import { eventually } from "../helpers/yClient.js";

type Op = { insert: string; attributes?: Record<string, unknown> };

/** Element attributes and the text of every top-level node, exactly, as a reader would compare them. */
function fingerprint(doc: Y.Doc): string {
  const roots = [...doc.share.keys()].filter((k) => k !== "content").sort();
  return JSON.stringify({ roots, content: contentOf(doc).toJSON() });
}

describe("the server accepts only changes the allow-list describes and permits", () => {
  let probe: RoomProbe;

  beforeEach(async () => {
    probe = await RoomProbe.open(await startTestServer(), "Declaration", ["chair", "arcadia", "civil", "observer"]);
  });
  afterEach(async () => {
    probe.closeClients();
    await probe.server.close();
  });

  /** The chair agrees the first open paragraph without brackets; returns its index and pid. */
  async function agreedParagraph(): Promise<{ index: number; pid: string }> {
    const chair = await probe.connect("chair");
    const index = findParagraph(chair.doc, (b) => b.status === "open" && b.runs.every((r) => r.brackets.length === 0));
    elementAt(chair.doc, index).element.setAttribute("status", "agreed");
    await chair.allSaved();
    return { index, pid: elementAt(chair.doc, index).element.getAttribute("pid")! };
  }

  async function issueRevision(): Promise<void> {
    const res = await fetch(`${probe.server.url}/api/documents/${probe.documentId}/revisions`, {
      method: "POST", headers: { cookie: probe.cookie("chair"), "content-type": "application/json" }, body: "{}",
    });
    expect(res.status).toBe(201);
  }

  /** The document as the chair's client holds it now, for comparing after a refusal. */
  async function current(): Promise<string> {
    return fingerprint((await probe.connect("chair")).doc);
  }

  /** The record of the last refusal: its English sentence. */
  function lastRefusalSentence(): string {
    const row = probe.server.accord.db.prepare("SELECT detail FROM audit_log WHERE action = 'update.refused' ORDER BY id DESC LIMIT 1")
      .get() as { detail: string };
    return (JSON.parse(row.detail) as { reason: string }).reason;
  }

  /** Refuses `change`, leaves no trace of it, and returns the rule the close frame names (no words of any language). */
  async function expectRefusedWithoutTrace(who: string, code: number, change: (client: YClient) => void): Promise<RefusalReason> {
    const before = await current();
    const refused = await probe.refusedCode(who, change);
    expect(refused.code).toBe(code);
    const marker = / marker[a-z0-9]+/g;
    await probe.expectNoTrace((doc) => expect(fingerprint(doc).replace(marker, "")).toBe(before.replace(marker, "")));
    expect(probe.auditActions()).toContain("update.refused");
    expect(new TextEncoder().encode(refused.reason).length).toBeLessThanOrEqual(MAX_REFUSAL_BYTES);
    const rule = readRefusalReason(refused.reason);
    expect(rule, refused.reason).not.toBeNull();
    return rule!;
  }

  it("lets an observer's stock Yjs client sync: its reply to the server's sync step holds only what the server has", async () => {
    const chair = await probe.connect("chair");
    const { text } = elementAt(chair.doc, findParagraph(chair.doc, (b) => b.status === "open"));
    text.delete(0, 4);
    await chair.allSaved();
    const observer = await probe.connect("observer");
    // The observer's Y.Doc now holds a deletion; reconnecting, y-websocket sends it back as its sync step 2.
    observer.provider.disconnect();
    observer.provider.connect();
    await eventually(() => expect(observer.provider.wsconnected).toBe(true));
    text.insert(0, "Then ");
    await chair.allSaved();
    await eventually(() => expect(observer.text()).toContain("Then "));
    expect(observer.provider.wsconnected).toBe(true);
    expect(probe.auditActions()).not.toContain("update.refused");
    const sneaky = await probe.refusedCode("observer", (c) => elementAt(c.doc, 3).text.insert(0, "OBSERVED "));
    expect(sneaky.code).toBe(CloseCode.Forbidden);
    // A deletion only, of words the server still has: not held, so refused.
    const deleting = await probe.refusedCode("observer", (c) => elementAt(c.doc, 3).text.delete(0, 3));
    expect(deleting.code).toBe(CloseCode.Forbidden);
  });

  it("refuses a bare text node at the top of the document", async () => {
    await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => contentOf(c.doc).insert(0, [new Y.XmlText("loose words")]));
  });

  it("refuses other root types", async () => {
    await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => c.doc.getMap("settings").set("theme", "dark"));
    await expectRefusedWithoutTrace("chair", CloseCode.InvalidChange, (c) => c.doc.getText("notes").insert(0, "hidden"));
  });

  it("refuses an unknown node type and an unknown attribute, from a facilitator too", async () => {
    const reason = await expectRefusedWithoutTrace("chair", CloseCode.InvalidChange, (c) => {
      const table = new Y.XmlElement("table");
      table.setAttribute("pid", "pTable");
      contentOf(c.doc).insert(2, [table]);
    });
    expect(reason).toEqual({ rule: "notDescribed" });
    expect(lastRefusalSentence()).toContain("<table>");
    await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => {
      elementAt(c.doc, findParagraph(c.doc, (b) => b.status === "open")).element.setAttribute("color", "red");
    });
    await expectRefusedWithoutTrace("chair", CloseCode.InvalidChange, (c) => {
      elementAt(c.doc, findParagraph(c.doc, (b) => b.status === "open")).element.setAttribute("status", "pending");
    });
  });

  it("refuses an unknown mark, on open and on agreed text", async () => {
    const { index } = await agreedParagraph();
    await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => elementAt(c.doc, index).text.format(0, 4, { strike: {} }));
    await expectRefusedWithoutTrace("chair", CloseCode.InvalidChange, (c) => {
      elementAt(c.doc, findParagraph(c.doc, (b) => b.status === "open")).text.format(0, 4, { strike: {} });
    });
  });

  it("refuses a new paragraph carrying a pid already in the document", async () => {
    const reason = await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => {
      const index = findParagraph(c.doc, (b) => b.status === "open");
      const copy = new Y.XmlElement("paragraph");
      copy.setAttribute("pid", elementAt(c.doc, index).element.getAttribute("pid")!);
      copy.setAttribute("status", "open");
      copy.setAttribute("level", 1 as unknown as string);
      copy.insert(0, [new Y.XmlText("a copy")]);
      contentOf(c.doc).insert(index + 1, [copy]);
    });
    expect(reason).toEqual({ rule: "duplicatePid", pid: expect.stringMatching(/^p/) });
    expect(lastRefusalSentence()).toContain("two blocks");
  });

  it("refuses a delegate's change of an agreed paragraph's pid, level or frozen label", async () => {
    await issueRevision();
    const { index } = await agreedParagraph();
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => elementAt(c.doc, index).element.setAttribute("frozenLabel", "1"));
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => elementAt(c.doc, index).element.setAttribute("level", 2 as unknown as string));
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => elementAt(c.doc, index).element.setAttribute("pid", "pRenamed"));
  });

  it("refuses anyone's change of a frozen label, and a delegate's change of an open paragraph's level", async () => {
    await issueRevision();
    const open = (c: YClient) => findParagraph(c.doc, (b) => b.status === "open" && b.frozenLabel !== null);
    const reason = await expectRefusedWithoutTrace("chair", CloseCode.Forbidden, (c) => elementAt(c.doc, open(c)).element.setAttribute("frozenLabel", "99"));
    expect(reason).toEqual({ rule: "attributeChange", pid: expect.any(String), attribute: "frozenLabel" });
    expect(lastRefusalSentence()).toContain("revision");
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => elementAt(c.doc, open(c)).element.setAttribute("level", 2 as unknown as string));
  });

  it("refuses removing a paragraph of the last revision, even by a facilitator, who marks it deleted instead", async () => {
    await issueRevision();
    const revised = (c: YClient) => findParagraph(c.doc, (b) => b.status === "open" && b.frozenLabel !== null);
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => contentOf(c.doc).delete(revised(c), 1));
    await expectRefusedWithoutTrace("chair", CloseCode.Forbidden, (c) => contentOf(c.doc).delete(revised(c), 1));
    const chair = await probe.connect("chair");
    const index = revised(chair);
    const pid = elementAt(chair.doc, index).element.getAttribute("pid");
    elementAt(chair.doc, index).element.setAttribute("status", "deleted");
    await chair.allSaved();
    expect((await probe.storedBlocks()).find((b) => b.pid === pid)?.status).toBe("deleted");
  });

  it("refuses a delegate formatting agreed text", async () => {
    const { index } = await agreedParagraph();
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => elementAt(c.doc, index).text.format(0, 5, { bold: {} }));
  });

  it("refuses agreed text deleted and typed again identically, and its words keep their author", async () => {
    const { index, pid } = await agreedParagraph();
    const attribution = async () => {
      const res = await fetch(`${probe.server.url}/api/documents/${probe.documentId}/attribution`, { headers: { cookie: probe.cookie("chair") } });
      return ((await res.json()) as { pid: string; contributors: unknown[] }[]).find((p) => p.pid === pid);
    };
    const authorsBefore = await attribution();
    await expectRefusedWithoutTrace("arcadia", CloseCode.Forbidden, (c) => {
      const { text } = elementAt(c.doc, index);
      const words = text.toString().slice(0, 12);
      c.doc.transact(() => {
        text.delete(0, 12);
        text.insert(0, words);
      });
    });
    expect(await attribution()).toEqual(authorsBefore);
  });

  it("refuses words inside another delegation's bracket rearranged with the same characters", async () => {
    const client = await probe.connect("civil");
    const index = findParagraph(client.doc, (b) => b.status === "open" &&
      b.runs.some((r) => r.text.length > 6 && r.brackets.some((x) => x.userId !== probe.users.civil!.id)));
    const reason = await expectRefusedWithoutTrace("civil", CloseCode.Forbidden, (c) => {
      const { text } = elementAt(c.doc, index);
      let offset = 0;
      for (const op of text.toDelta() as Op[]) {
        const bracketKey = Object.keys(op.attributes ?? {}).find((k) => k.startsWith("bracket"));
        if (bracketKey && op.insert.length > 6) {
          const swapped = op.insert[1]! + op.insert[0]! + op.insert.slice(2);
          c.doc.transact(() => {
            text.delete(offset, op.insert.length);
            text.insert(offset, swapped, op.attributes);
          });
          return;
        }
        offset += op.insert.length;
      }
      throw new Error("no bracketed run");
    });
    expect(reason).toMatchObject({ rule: "othersBracketedWords", who: expect.any(String) });
    expect(lastRefusalSentence()).toMatch(/bracketed by/);
  });

  /** The first run of a paragraph bracketed by someone other than civil: its block, offset, words, format key and bracket. */
  function othersRun(doc: Y.Doc) {
    const index = findParagraph(doc, (b) => b.status === "open" &&
      b.runs.some((r) => r.text.length > 6 && r.brackets.some((x) => x.userId !== probe.users.civil!.id)));
    let offset = 0;
    for (const op of elementAt(doc, index).text.toDelta() as Op[]) {
      const entry = Object.entries(op.attributes ?? {}).find(([k, v]) => k.startsWith("bracket") && (v as { userId: string }).userId !== probe.users.civil!.id);
      if (entry && op.insert.length > 6) return { index, offset, words: op.insert, key: entry[0], bracket: entry[1] as Record<string, unknown> };
      offset += op.insert.length;
    }
    throw new Error("no bracketed run");
  }

  it("refuses a delegate taking another delegation's bracket off its words and putting it on a copy", async () => {
    await expectRefusedWithoutTrace("civil", CloseCode.Forbidden, (c) => {
      const run = othersRun(c.doc);
      const { text } = elementAt(c.doc, run.index);
      c.doc.transact(() => {
        text.format(run.offset, run.words.length, { [run.key]: null });
        const end = text.length;
        text.insert(end, run.words);
        text.format(end, run.words.length, { [run.key]: run.bracket });
      });
    });
  });

  it("refuses a delegate stretching another delegation's bracket over words it did not hold", async () => {
    await expectRefusedWithoutTrace("civil", CloseCode.Forbidden, (c) => {
      const run = othersRun(c.doc);
      const { text } = elementAt(c.doc, run.index);
      // The end of a bracket is a format item with the value null: deleting it stretches the bracket to the end.
      let end: Y.Item | null = null;
      for (let item = text._start; item; item = item.right) {
        if (!item.deleted && item.content instanceof Y.ContentFormat && item.content.key === run.key && item.content.value === null) end = item;
      }
      if (!end) throw new Error("the bracket ends with its text");
      c.doc.transact((tr) => end!.delete(tr));
    });
  });

  it("refuses a second text beside a block's text, and two texts made neighbours", async () => {
    await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => {
      const { element } = elementAt(c.doc, findParagraph(c.doc, (b) => b.status === "open"));
      element.insert(element.length, [new Y.XmlText(" planted words")]);
    });
    const chair = await probe.connect("chair");
    const index = findParagraph(chair.doc, (b) => b.status === "open" && b.runs.every((r) => r.brackets.length === 0));
    const { element } = elementAt(chair.doc, index);
    element.insert(element.length, [new Y.XmlElement("hardBreak"), new Y.XmlText("second line")]);
    await chair.allSaved();
    await expectRefusedWithoutTrace("arcadia", CloseCode.InvalidChange, (c) => {
      const block = elementAt(c.doc, index).element;
      block.delete(block.toArray().findIndex((child) => child instanceof Y.XmlElement), 1);
    });
  });

  it("refuses moving a paragraph of the last revision elsewhere under its own pid and label", async () => {
    await issueRevision();
    const reason = await expectRefusedWithoutTrace("civil", CloseCode.Forbidden, (c) => {
      const fragment = contentOf(c.doc);
      const index = findParagraph(c.doc, (b) => b.status === "open" && b.frozenLabel !== null && b.runs.every((r) => r.brackets.length === 0));
      const { element, text } = elementAt(c.doc, index);
      const copy = new Y.XmlElement("paragraph");
      for (const [key, value] of Object.entries(element.getAttributes())) copy.setAttribute(key, value as string);
      copy.insert(0, [new Y.XmlText(text.toString())]);
      c.doc.transact(() => {
        fragment.insert(fragment.length, [copy]);
        fragment.delete(index, 1);
      });
    });
    expect(reason).toEqual({ rule: "removeRevised", pid: expect.any(String) });
    expect(lastRefusalSentence()).toContain("last revision");
  });

  it("refuses a facilitator turning a paragraph of the last revision into a heading, which would drop its label", async () => {
    await issueRevision();
    await expectRefusedWithoutTrace("chair", CloseCode.Forbidden, (c) => {
      const fragment = contentOf(c.doc);
      const index = findParagraph(c.doc, (b) => b.status === "open" && b.frozenLabel !== null);
      const { element, text } = elementAt(c.doc, index);
      const heading = new Y.XmlElement("sectionHeading");
      heading.setAttribute("pid", element.getAttribute("pid")!);
      heading.insert(0, [new Y.XmlText(text.toString())]);
      c.doc.transact(() => {
        fragment.delete(index, 1);
        fragment.insert(index, [heading]);
      });
    });
  });

  it("still lets a delegate add words inside another delegation's bracket, and take their own words back out of it", async () => {
    const client = await probe.connect("civil");
    const index = findParagraph(client.doc, (b) => b.status === "open" &&
      b.runs.some((r) => r.text.length > 6 && r.brackets.some((x) => x.userId !== probe.users.civil!.id)));
    const { text } = elementAt(client.doc, index);
    let offset = 0;
    for (const op of text.toDelta() as Op[]) {
      if (Object.keys(op.attributes ?? {}).some((k) => k.startsWith("bracket")) && op.insert.length > 6) break;
      offset += op.insert.length;
    }
    const format = (text.toDelta() as Op[]).reduce<Op | null>((found, op, i, all) => found ?? (all.slice(0, i).reduce((n, o) => n + o.insert.length, 0) === offset ? op : null), null)!;
    const textOf = async () => readBlocks((await probe.storedDoc()))[index]!.runs.map((r) => r.text).join("");
    const original = readBlocks(client.doc)[index]!.runs.map((r) => r.text).join("");
    text.insert(offset + 3, "and ", format.attributes);
    await client.allSaved();
    expect(client.provider.wsconnected).toBe(true);
    const withWords = await textOf();
    expect(withWords).toBe(original.slice(0, offset + 3) + "and " + original.slice(offset + 3));

    // Later, from another window (another Yjs client of the same user): their own words come out again, the rest stays.
    const again = await probe.connect("civil");
    const inAgain = elementAt(again.doc, index).text;
    inAgain.delete(offset + 3, 4);
    await again.allSaved();
    expect(again.provider.wsconnected).toBe(true);
    expect(await textOf()).toBe(original);
    // One character more (the bracket's own, written by another delegation) is refused.
    const refused = await probe.refusedCode("civil", (c) => elementAt(c.doc, index).text.delete(offset + 2, 2));
    expect(refused.code).toBe(CloseCode.Forbidden);
    expect(await textOf()).toBe(original);
  });
});
