import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { ProposalRow } from "../../schemas/proposals.js";
import { bracketKey } from "../../shared/brackets/bracketKey.js";
import { isBracketAttribute } from "../../shared/brackets/fromDelta.js";
import { listBrackets } from "../../shared/brackets/tokens.js";
import { contentOf, plainText, readBlocks } from "../../shared/document/yBlocks.js";
import { writeProposal } from "../../server/proposals/writeProposal.js";
import { bindEditor } from "./boundEditor.js";
import { people } from "./docBuilder.js";

/**
 * A proposal written into the draft by the server must be the same data the
 * editor writes: the bracket's Yjs key is y-tiptap's own hash of the mark
 * (compared with what the real binding writes, not with our function), the
 * editor reads the brackets back and edits around them without rewriting
 * them, and a MOD applied as agreed yields exactly the proposed words.
 */
const arcadia = { id: people.arcadia.id, displayName: people.arcadia.displayName, delegation: people.arcadia.delegation };

/** A document of one open paragraph holding `text`. */
function paragraphDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  const element = new Y.XmlElement("paragraph");
  element.setAttribute("pid", "pOne");
  element.setAttribute("status", "open");
  contentOf(doc).insert(0, [element]);
  const content = new Y.XmlText();
  element.insert(0, [content]);
  content.insert(0, text);
  return doc;
}

function proposal(kind: ProposalRow["kind"], base: string, text: string | null): ProposalRow {
  return {
    id: "r1", document_id: "d1", label: "ARC/1", kind, pid: "pOne", base_text: base, text, reasons: "", status: "submitted",
    author_id: arcadia.id, delegation_id: "dArc", created_at: "", updated_at: "", submitted_at: "",
    applied_pid: null, applied_as: null, applied_by: null, applied_at: null,
  };
}

const keysOf = (doc: Y.Doc) => {
  const text = (contentOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return (text.toDelta() as { attributes?: Record<string, unknown> }[]).flatMap((op) => Object.keys(op.attributes ?? {}).filter(isBracketAttribute));
};

describe("a proposal written into the draft, as the editor sees it", () => {
  it("names a bracket's Yjs attribute exactly as the editor's binding does", () => {
    const doc = paragraphDoc("Welcome the outcome");
    const editor = bindEditor(doc);
    const attrs: BracketAttrs = { id: "bKey", alt: "aSet", userId: "u1", name: "Ana", delegation: "Republic of Arcadia", group: "governments", at: "2026-11-30T09:00:00.000Z" };
    editor.dispatch(editor.state.tr.addMark(1, 8, editor.state.schema.marks.bracket!.create(attrs)));
    expect(keysOf(doc)).toEqual([bracketKey(attrs)]);
    editor.destroy();
  });

  it("shows competing MODs as one set of alternatives that the editor keeps as written when someone types", () => {
    const doc = paragraphDoc("Member States shall ensure access for all.");
    const editor = bindEditor(doc);
    const base = "Member States shall ensure access for all.";
    const now = "2026-11-30T09:00:00.000Z";
    writeProposal(doc, { row: proposal("MOD", base, "Member States should promote access for all."), as: "bracketed", proposer: arcadia, language: "en", now });
    writeProposal(doc, { row: { ...proposal("MOD", base, "Member States must guarantee access for all."), label: "BOR/1" }, as: "bracketed", proposer: arcadia, language: "en", now });
    const marks = new Set<string>();
    editor.state.doc.descendants((node) => {
      for (const mark of node.marks) if (mark.type.name === "bracket") marks.add(`${mark.attrs.alt as string}:${node.text}`);
    });
    expect([...marks].map((m) => m.split(":")[1])).toEqual(["shall ensure", "should promote", "must guarantee"]);
    expect(new Set([...marks].map((m) => m.split(":")[0])).size).toBe(1);

    const keys = keysOf(doc);
    // Typing at the end of the paragraph leaves the brackets' attributes as the server wrote them.
    const end = editor.state.doc.firstChild!.nodeSize - 1;
    editor.dispatch(editor.state.tr.insertText(" Now.", end));
    expect(keysOf(doc)).toEqual(keys);
    expect(plainText(readBlocks(doc)[0]!)).toBe("Member States shall ensure should promote must guarantee access for all. Now.");
    expect(listBrackets(readBlocks(doc)[0]!.runs).map((b) => b.altIndex)).toEqual([1, 2, 3]);
    editor.destroy();
  });

  it("applies any MOD as agreed to exactly the proposed words, and in brackets keeps every word of both", () => {
    const word = fc.constantFrom("the", "States", "shall", "ensure", "access", "for", "all", "digital", "rights", "human", "online", ",");
    const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(" "));
    fc.assert(fc.property(sentence, sentence, (base, proposed) => {
      fc.pre(base !== proposed);
      const agreed = paragraphDoc(base);
      writeProposal(agreed, { row: proposal("MOD", base, proposed), as: "agreed", proposer: arcadia, language: "en", now: "t" });
      expect(plainText(readBlocks(agreed)[0]!)).toBe(proposed);

      const bracketed = paragraphDoc(base);
      writeProposal(bracketed, { row: proposal("MOD", base, proposed), as: "bracketed", proposer: arcadia, language: "en", now: "t" });
      const block = readBlocks(bracketed)[0]!;
      const text = plainText(block);
      // Nothing of the base is lost, and every bracket is the proposer's.
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      const left = [...words(text)];
      for (const w of words(base)) {
        const i = left.indexOf(w);
        expect(i).toBeGreaterThanOrEqual(0);
        left.splice(i, 1);
      }
      for (const b of listBrackets(block.runs)) expect(b.bracket.userId).toBe(arcadia.id);
    }), { numRuns: 300 });
  });
});
