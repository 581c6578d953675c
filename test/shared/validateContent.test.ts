import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { editorCanShow, validateContent } from "../../shared/document/validateContent.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { blockElement, firstText, markWord } from "../helpers/unshownContent.js";

function paragraphs(...texts: string[]): Y.Doc {
  const doc = new Y.Doc();
  contentOf(doc).insert(0, texts.map((text, i) => blockElement("paragraph", { pid: `p${i}`, status: "open", level: 1 }, text)));
  return doc;
}

describe("validateContent on marks", () => {
  it("reports an unknown mark once, where it starts, though Yjs also stores where it ends", () => {
    const doc = paragraphs("Delegations agreed on the text.");
    markWord(doc, 0, "agreed", "strike");
    expect(validateContent(doc)).toEqual([{ block: 0, pid: "p0", kind: "unknownMark", key: "strike" }]);
  });

  it("still reports a known mark with a value it cannot read, and it is one the editor cannot show", () => {
    const doc = paragraphs("Delegations agreed on the text.");
    firstText(doc, 0).format(0, 11, { bold: { weight: 900 } });
    const problems = validateContent(doc);
    expect(problems).toEqual([{ block: 0, pid: "p0", kind: "invalidMark", key: "bold" }]);
    expect(editorCanShow(problems[0]!)).toBe(false);
  });
});

describe("validateContent on attributes", () => {
  it("shows a bad value as it is, but not a shared type or bytes in place of a value", () => {
    const doc = paragraphs("One.", "Two.", "Three.");
    const [one, two, three] = contentOf(doc).toArray() as Y.XmlElement[];
    one!.setAttribute("status", "pending");
    two!.setAttribute("level", new Y.Map() as unknown as string);
    three!.setAttribute("pid", Uint8Array.of(1, 2) as unknown as string);
    const problems = validateContent(doc);
    expect(problems.map((p) => [p.block, p.kind, editorCanShow(p)])).toEqual([
      [0, "invalidAttribute", true],
      [1, "unknownContent", false],
      [2, "unknownContent", false],
    ]);
  });
});
