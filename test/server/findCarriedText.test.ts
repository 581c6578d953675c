import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { captureMovedText, carryMovedText } from "../../server/collab/findCarriedText.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";

const DRAFT = 1;
const ALICE = 2;
const MALLORY = 3;
const owners: Record<number, string> = { [ALICE]: "alice", [MALLORY]: "mallory" };

/** A document with one paragraph "Draft words" + Alice's " and hers", as the server holds it. */
function room() {
  const doc = new Y.Doc();
  doc.clientID = DRAFT;
  const paragraph = new Y.XmlElement("paragraph");
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.insert(0, "Draft words");
  const alice = new Y.Doc();
  alice.clientID = ALICE;
  Y.applyUpdate(alice, Y.encodeStateAsUpdate(doc));
  (((alice.getXmlFragment(CONTENT_FIELD).get(0) as Y.XmlElement).get(0)) as Y.XmlText).insert(11, " and hers");
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(alice));
  return doc;
}

/** Mallory's replica, an edit on it, and the update that edit makes. */
function edit(doc: Y.Doc, change: (fragment: Y.XmlFragment) => void): Uint8Array {
  const mallory = new Y.Doc();
  mallory.clientID = MALLORY;
  Y.applyUpdate(mallory, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(mallory);
  change(mallory.getXmlFragment(CONTENT_FIELD));
  return Y.encodeStateAsUpdate(mallory, before);
}

function carried(doc: Y.Doc, update: Uint8Array) {
  const authorOf = (client: number) => owners[client] ?? null;
  const capture = captureMovedText(doc, Y.decodeUpdate(update), authorOf);
  Y.applyUpdate(doc, update);
  return capture ? carryMovedText(doc, capture, (client) => owners[client] ?? null) : null;
}

const textOf = (fragment: Y.XmlFragment, index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe("words moved by splitting and joining paragraphs", () => {
  it("keep their authors when a paragraph is split", () => {
    const doc = room();
    const update = edit(doc, (fragment) => {
      textOf(fragment, 0).delete(5, 15);
      const next = new Y.XmlElement("paragraph");
      fragment.insert(1, [next]);
      const moved = new Y.XmlText();
      next.insert(0, [moved]);
      moved.insert(0, " words and hers");
    });
    const ranges = carried(doc, update)!;
    expect(ranges.map((r) => [r.client, r.length, r.author])).toEqual([[MALLORY, 6, null], [MALLORY, 9, "alice"]]);
  });

  it("are not looked for in an edit that adds or removes no paragraph (replacing a selection is writing)", () => {
    const doc = room();
    const update = edit(doc, (fragment) => {
      textOf(fragment, 0).delete(0, 5);
      textOf(fragment, 0).insert(0, "Draft");
    });
    expect(carried(doc, update)).toBeNull();
  });

  it("carry nothing for new words that do not repeat, in full, words the update deleted", () => {
    const doc = room();
    const update = edit(doc, (fragment) => {
      textOf(fragment, 0).delete(5, 15);
      const next = new Y.XmlElement("paragraph");
      fragment.insert(1, [next]);
      const moved = new Y.XmlText();
      next.insert(0, [moved]);
      moved.insert(0, " words and mine");
    });
    expect(carried(doc, update)).toEqual([]);
  });
});
