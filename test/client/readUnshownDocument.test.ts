import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readUnshownDocument } from "../../client/editor/readUnshownDocument.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { blockElement, firstText, insertBareText, insertUnknownBlock, markWord, setAttribute } from "../helpers/unshownContent.js";
import { bracket } from "./docBuilder.js";

function declaration(): Y.Doc {
  const doc = new Y.Doc();
  contentOf(doc).insert(0, [
    blockElement("title", { pid: "pTitle" }, "Draft declaration"),
    blockElement("paragraph", { pid: "pA", status: "open", level: 1 }, "We reaffirm the vision."),
    blockElement("paragraph", { pid: "pB", status: "agreed", level: 1 }, "We recognize the progress made."),
    blockElement("paragraph", { pid: "pC", status: "open", level: 2 }, "in connectivity;"),
  ]);
  return doc;
}

describe("reading a document the editor cannot show", () => {
  it("keeps every entry in order, with paragraph labels, and counts the places it cannot show", () => {
    const doc = declaration();
    insertBareText(doc, 1, "Loose words");
    insertUnknownBlock(doc, 3, "table", "Cell one");
    setAttribute(doc, 2, "colour", "red");
    markWord(doc, 4, "progress", "strike");

    const shown = readUnshownDocument(doc, "declaration", "en");
    expect(shown.places).toBe(4);
    expect(shown.blocks.map((b) => [b.node, b.kind, b.label, b.unshowable])).toEqual([
      ["title", "title", null, false],
      ["text", null, null, true],
      ["paragraph", "paragraph", "1.", true],
      ["table", null, null, true],
      ["paragraph", "paragraph", "2.", true],
      ["paragraph", "paragraph", "(a)", false],
    ]);
    expect(shown.blocks[1]!.notes.map((n) => n.kind)).toEqual(["notAnElement"]);
    expect(shown.blocks[1]!.inline).toEqual([{ kind: "text", text: "Loose words", unreadMarks: [] }]);
    expect(shown.blocks[2]!.notes).toMatchObject([{ kind: "unknownAttribute", attribute: "colour" }]);
    expect(shown.blocks[2]!.attributeValues).toEqual({ colour: "red" });
    expect(shown.blocks[3]!.inline).toEqual([{ kind: "text", text: "Cell one", unreadMarks: [] }]);
    expect(shown.blocks[4]!.notes).toEqual([]);
    expect(shown.blocks[4]!.status).toBe("agreed");
    expect(shown.blocks[4]!.inline).toEqual([
      { kind: "text", text: "We recognize the ", unreadMarks: [] },
      { kind: "text", text: "progress", unreadMarks: [{ key: "strike", kind: "unknownMark" }] },
      { kind: "text", text: " made.", unreadMarks: [] },
    ]);
  });

  it("draws bracket glyphs around bracketed words, and keeps an unknown inline node inside its bracket", () => {
    const doc = declaration();
    const element = contentOf(doc).get(1) as Y.XmlElement;
    const text = firstText(doc, 1);
    const attrs = { "bracket--aaaaaaaa": bracket("b1") };
    element.insert(1, [blockElement("footnote", {}, "note 1")]);
    const after = new Y.XmlText();
    after.insert(0, " and more.");
    element.insert(2, [after]);
    text.format(3, text.length - 3, attrs);
    after.format(0, 4, attrs);

    const block = readUnshownDocument(doc, "declaration", "en").blocks[1]!;
    expect(block.inline).toEqual([
      { kind: "text", text: "We ", unreadMarks: [] },
      { kind: "glyph", text: "[" },
      { kind: "text", text: "reaffirm the vision.", unreadMarks: [] },
      { kind: "unknown", what: "footnote", text: "note 1" },
      { kind: "text", text: " and", unreadMarks: [] },
      { kind: "glyph", text: "]" },
      { kind: "text", text: " more.", unreadMarks: [] },
    ]);
  });

  it("numbers paragraphs by position, so a repeated pid does not take another paragraph's label", () => {
    const doc = declaration();
    setAttribute(doc, 2, "pid", "pA");
    expect(readUnshownDocument(doc, "declaration", "en").blocks.map((b) => b.label)).toEqual([null, "1.", "2.", "(a)"]);
  });

  it("shows a paragraph whose level is a shared type, with its text, rather than failing", () => {
    const doc = declaration();
    (contentOf(doc).get(1) as Y.XmlElement).setAttribute("level", new Y.Map() as unknown as string);
    const shown = readUnshownDocument(doc, "declaration", "en");
    expect(shown.places).toBe(1);
    expect(shown.blocks[1]).toMatchObject({ node: "paragraph", unshowable: true });
    expect(shown.blocks[1]!.inline).toEqual([{ kind: "text", text: "We reaffirm the vision.", unreadMarks: [] }]);
  });
});
