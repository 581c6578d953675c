import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { ProposalRow } from "../../schemas/proposals.js";
import { bracketKey } from "../../shared/brackets/bracketKey.js";
import { listBrackets } from "../../shared/brackets/tokens.js";
import { contentOf, plainText, readBlocks } from "../../shared/document/yBlocks.js";
import { ProposalNotApplicable, writeProposal } from "../../server/proposals/writeProposal.js";

/**
 * Writing a proposal into paragraphs that already hold alternatives, sub-
 * paragraphs, nothing at all, or Chinese: each place lands where the MOD
 * says, or the proposal is refused and the paragraph left as it was.
 */
const proposer = { id: "u-arc", displayName: "Elena Marek", delegation: { name: "Republic of Arcadia", stakeholderGroup: "governments" as const } };
const borealia: BracketAttrs = { id: "", alt: "aSet", userId: "u-bor", name: "Tomas", delegation: "Kingdom of Borealia", group: "governments", at: "2026-11-01" };

interface Block {
  pid: string;
  text?: string;
  level?: number;
  /** [from, length, bracket id] of Borealia's options of the set `aSet`. */
  options?: [number, number, string][];
}

function docOf(...blocks: Block[]): Y.Doc {
  const doc = new Y.Doc();
  for (const block of blocks) {
    const element = new Y.XmlElement("paragraph");
    contentOf(doc).push([element]);
    element.setAttribute("pid", block.pid);
    element.setAttribute("status", "open");
    element.setAttribute("level", (block.level ?? 1) as unknown as string);
    if (block.text === undefined) continue;
    const text = new Y.XmlText();
    element.insert(0, [text]);
    text.insert(0, block.text);
    for (const [from, length, id] of block.options ?? []) {
      const attrs = { ...borealia, id };
      text.format(from, length, { [bracketKey(attrs)]: attrs });
    }
  }
  return doc;
}

function row(kind: ProposalRow["kind"], pid: string, base: string, text: string | null, label = "ARC/1"): ProposalRow {
  return {
    id: label, document_id: "d", label, kind, pid, base_text: base, text, reasons: "", status: "submitted", author_id: proposer.id,
    delegation_id: "dArc", created_at: "", updated_at: "", submitted_at: "", applied_pid: null, applied_as: null, applied_by: null, applied_at: null,
  };
}

const write = (doc: Y.Doc, r: ProposalRow, as: "bracketed" | "agreed" = "bracketed", language = "en", addedAfter = new Set<string>()) =>
  writeProposal(doc, { row: r, as, proposer, language, now: "2026-11-30T10:00:00Z", addedAfter });
const block = (doc: Y.Doc, pid: string) => readBlocks(doc).find((b) => b.pid === pid)!;
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof ProposalNotApplicable ? err.code : String(err);
  }
  return null;
};

describe("writing a proposal among alternatives, sub-paragraphs and empty paragraphs", () => {
  const SET = "We shall ensure full access must give to all.";
  const withSet = () => docOf({ pid: "p1", text: SET, options: [[3, 24, "b1"], [28, 9, "b2"]] });

  it("makes several changes inside one option one new option, as the MOD would have it", () => {
    const doc = withSet();
    expect(listBrackets(block(doc, "p1").runs).map((b) => b.text)).toEqual(["shall ensure full access", "must give"]);
    write(doc, row("MOD", "p1", SET, "We should ensure complete access must give to all."));
    const options = listBrackets(block(doc, "p1").runs);
    expect(options.map((b) => [b.altIndex, b.text, b.bracket.delegation])).toEqual([
      [1, "shall ensure full access", "Kingdom of Borealia"],
      [2, "must give", "Kingdom of Borealia"],
      [3, "should ensure complete access", "Republic of Arcadia"],
    ]);
  });

  it("refuses a strike that crosses the end of an option, leaving the paragraph as it was", () => {
    const doc = withSet();
    expect(refusal(() => write(doc, row("MOD", "p1", SET, "We should ensure full access must all.")))).toBe("proposal_overlaps");
    expect(plainText(block(doc, "p1"))).toBe(SET);
  });

  it("puts an ADD after its paragraph's sub-paragraphs and after earlier ADDs on it, in the order applied", () => {
    const doc = docOf({ pid: "p1", text: "Para 1." }, { pid: "p1a", text: "Sub (a).", level: 2 }, { pid: "p1b", text: "Sub (b).", level: 2 }, { pid: "p2", text: "Para 2." });
    const first = write(doc, row("ADD", "p1", "", "First ADD."));
    const second = write(doc, row("ADD", "p1", "", "Second ADD.", "ARC/2"), "bracketed", "en", new Set([first]));
    expect(readBlocks(doc).map((b) => plainText(b))).toEqual(["Para 1.", "Sub (a).", "Sub (b).", "First ADD.", "Second ADD.", "Para 2."]);
    expect(readBlocks(doc).map((b) => b.pid).slice(3, 5)).toEqual([first, second]);
    // After a sub-paragraph, the new one is a sub-paragraph right after it.
    const sub = write(doc, row("ADD", "p1a", "", "Sub (a) bis.", "ARC/3"));
    expect(readBlocks(doc).map((b) => [plainText(b), b.level])[2]).toEqual(["Sub (a) bis.", 2]);
    expect(block(doc, sub).level).toBe(2);
  });

  it("writes a MOD into an empty paragraph as the editor leaves it, and refuses one made empty but since written", () => {
    const doc = docOf({ pid: "p1" });
    write(doc, row("MOD", "p1", "", "New words."));
    expect(listBrackets(block(doc, "p1").runs).map((b) => b.text)).toEqual(["New words."]);
    const typed = docOf({ pid: "p1", text: "Typed meanwhile." });
    expect(refusal(() => write(typed, row("MOD", "p1", "", "New words.")))).toBe("proposal_stale");
    expect(plainText(block(typed, "p1"))).toBe("Typed meanwhile.");
  });

  it("sets Chinese alternatives side by side without a space, and refuses a MOD of spaces only in brackets", () => {
    const base = "各国应确保所有人都能访问。";
    const doc = docOf({ pid: "p1", text: base });
    write(doc, row("MOD", "p1", base, "各国应促进所有人都能访问。"), "bracketed", "zh");
    expect(plainText(block(doc, "p1"))).toBe("各国应确保促进所有人都能访问。");
    expect(listBrackets(block(doc, "p1").runs).map((b) => b.text)).toEqual(["确保", "促进"]);

    const spaced = docOf({ pid: "p1", text: "a  b" });
    expect(refusal(() => write(spaced, row("MOD", "p1", "a  b", "a b")))).toBe("nothing_to_apply");
    write(spaced, row("MOD", "p1", "a  b", "a b"), "agreed");
    expect(plainText(block(spaced, "p1"))).toBe("a b");
  });
});
