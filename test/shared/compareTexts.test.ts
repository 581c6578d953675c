import { describe, expect, it } from "vitest";
import type { ParagraphStatus } from "../../schemas/domain.js";
import { changesBy, compareTexts, compareWords, type Attributed, type CompareBlock, type Person, type Piece } from "../../shared/compare/compareTexts.js";

const arcadia: Person = { name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" };
const borealia: Person = { name: "Tomas Halvorsen", delegation: "Borealia", group: "governments" };
const civil: Person = { name: "Amara Diallo", delegation: "Civil Society Caucus", group: "civil_society" };

/** A block whose text is given in runs, each with who wrote (or deleted) it. */
function block(pid: string, runs: [string, Person | null][], options: { label?: string; status?: ParagraphStatus } = {}): CompareBlock {
  const by: Attributed[] = runs.map(([text, who]) => ({ length: text.length, by: who }));
  return { pid, kind: "paragraph", label: options.label ?? "", status: options.status ?? "open", text: runs.map(([t]) => t).join(""), by };
}
const plain = (pid: string, text: string, options: { label?: string; status?: ParagraphStatus } = {}) => block(pid, [[text, null]], options);

/** The earlier and later text a block's pieces spell. */
function spelled(pieces: Piece[]): { from: string; to: string } {
  return {
    from: pieces.filter((p) => p.op !== "inserted").map((p) => p.text).join(""),
    to: pieces.filter((p) => p.op !== "deleted").map((p) => p.text).join(""),
  };
}
const changed = (pieces: Piece[], op: "inserted" | "deleted") =>
  pieces.filter((p) => p.op === op).map((p) => [p.text.trim(), p.by?.delegation ?? null]);

describe("comparing the words of a paragraph", () => {
  it("underlines inserted words and strikes deleted ones, each naming who wrote or deleted it", () => {
    // Earlier text: who deleted each part since ("shall" by Borealia). Later text: who wrote each part.
    const from = block("p1", [["We ", null], ["shall", borealia], [" ensure access.", null]]);
    const to = block("p1", [["We ", null], ["should", borealia], [" ensure ", null], ["universal ", arcadia], ["access.", null]]);
    const pieces = compareWords(from, to, "en");
    expect(spelled(pieces)).toEqual({ from: from.text, to: to.text });
    expect(changed(pieces, "deleted")).toEqual([["shall", "Borealia"]]);
    expect(changed(pieces, "inserted")).toEqual([["should", "Borealia"], ["universal", "Republic of Arcadia"]]);
  });

  it("splits one insertion between the people who wrote its words", () => {
    const from = plain("p1", "Access for all.");
    const to = block("p1", [["Access ", null], ["affordable ", arcadia], ["and meaningful ", civil], ["for all.", null]]);
    const pieces = compareWords(from, to, "en");
    expect(spelled(pieces)).toEqual({ from: from.text, to: to.text });
    expect(changed(pieces, "inserted")).toEqual([["affordable", "Republic of Arcadia"], ["and meaningful", "Civil Society Caucus"]]);
  });

  it("compares Chinese by word, not by character", () => {
    const from = plain("p1", "我们承诺确保普遍接入。");
    const to = block("p1", [["我们承诺确保普遍", null], ["和可负担的", civil], ["接入。", null]]);
    const pieces = compareWords(from, to, "zh");
    expect(spelled(pieces)).toEqual({ from: from.text, to: to.text });
    const inserted = pieces.filter((p) => p.op === "inserted");
    expect(inserted.map((p) => p.text).join("")).toBe("和可负担的");
    expect(inserted.every((p) => p.by === civil)).toBe(true);
    // Whole words, not one piece per character.
    expect(pieces.length).toBeLessThan(from.text.length);
  });

  it("compares Arabic by word", () => {
    const from = plain("p1", "نؤكد التزامنا بمجتمع المعلومات.");
    const to = block("p1", [["نؤكد ", null], ["من جديد ", arcadia], ["التزامنا بمجتمع المعلومات.", null]]);
    const pieces = compareWords(from, to, "ar");
    expect(spelled(pieces)).toEqual({ from: from.text, to: to.text });
    expect(changed(pieces, "inserted")).toEqual([["من جديد", "Republic of Arcadia"]]);
    expect(pieces.filter((p) => p.op === "deleted")).toEqual([]);
  });
});

describe("comparing two texts paragraph by paragraph", () => {
  it("finds added, deleted, moved, changed and renumbered paragraphs, in the later order with deletions where they stood", () => {
    const from = [
      plain("pA", "Alpha text.", { label: "1." }),
      plain("pB", "Bravo text.", { label: "2." }),
      plain("pC", "Charlie text.", { label: "3." }),
      block("pD", [["Delta text.", borealia]], { label: "4." }),
      plain("pE", "Echo text.", { label: "5." }),
    ];
    const to = [
      plain("pB", "Bravo text.", { label: "1." }),
      plain("pC", "Charlie text.", { label: "2." }),
      plain("pA", "Alpha text.", { label: "3." }),
      block("pN", [["New text.", civil]], { label: "3 bis." }),
      block("pE", [["Echo ", null], ["new ", arcadia], ["text.", null]], { label: "4.", status: "agreed" }),
    ];
    const { blocks, summary } = compareTexts(from, to, "en");
    // Delta stood after Charlie in the earlier text: it is shown there.
    expect(blocks.map((b) => [b.pid, b.change, b.moved])).toEqual([
      ["pB", "same", false],
      ["pC", "same", false],
      ["pD", "deleted", false],
      ["pA", "same", true],
      ["pN", "added", false],
      ["pE", "changed", false],
    ]);
    const of = (pid: string) => blocks.find((b) => b.pid === pid)!;
    expect([of("pB").from!.label, of("pB").to!.label]).toEqual(["2.", "1."]);
    expect(of("pN").pieces).toEqual([{ op: "inserted", text: "New text.", by: civil }]);
    expect(of("pD").pieces).toEqual([{ op: "deleted", text: "Delta text.", by: borealia }]);
    expect(changed(of("pE").pieces, "inserted")).toEqual([["new", "Republic of Arcadia"]]);
    expect(summary).toEqual({ changed: 1, added: 1, deleted: 1, moved: 1, agreed: 1 });
  });

  it("shows only what one delegation or stakeholder group changed, counted again", () => {
    const from = [plain("p1", "One."), plain("p2", "Two."), plain("p3", "Three.")];
    const to = [
      block("p1", [["One ", null], ["indeed", arcadia], [".", null]]),
      block("p2", [["Two ", null], ["surely", civil], [".", null]]),
      plain("p3", "Three."),
    ];
    const all = compareTexts(from, to, "en");
    expect(all.summary.changed).toBe(2);
    const byArcadia = changesBy(all, (p) => p.delegation === "Republic of Arcadia");
    expect(byArcadia.blocks.map((b) => b.pid)).toEqual(["p1"]);
    expect(byArcadia.summary.changed).toBe(1);
    expect(changesBy(all, (p) => p.group === "civil_society").blocks.map((b) => b.pid)).toEqual(["p2"]);
  });
});

describe("spaces at the edge of a change", () => {
  it("go with the person beside them when nobody is recorded for them", () => {
    // Borealia deleted "word " (the word and the space after it); the comparison may count the space before it instead.
    const from = block("p1", [["one two three ", null], ["word ", borealia], ["five.", null]]);
    const to = plain("p1", "one two three five.");
    const pieces = compareWords(from, to, "en");
    expect(spelled(pieces)).toEqual({ from: from.text, to: to.text });
    expect(pieces.filter((p) => p.op === "deleted").every((p) => p.by === borealia)).toBe(true);
  });
});

describe("splits and joins, read from carried words", () => {
  const carried = (pid: string, text: string, by: Person | null): CompareBlock =>
    ({ pid, kind: "paragraph", label: "", status: "open", text, by: [{ length: text.length, by, carried: true }] });

  it("names a new paragraph split off another, and marks the words as moved, not struck and written", () => {
    // Arcadia split paragraph A after "beta": the rest was struck from A (by Arcadia) and carried into B (its author kept: the draft's).
    const from = [block("pA", [["Alpha beta", null], [" gamma delta epsilon zeta.", arcadia]], { label: "1." })];
    const to = [plain("pA", "Alpha beta", { label: "1." }), carried("pB", "gamma delta epsilon zeta.", null)];
    const { blocks, summary } = compareTexts(from, to, "en");
    const split = blocks.find((b) => b.pid === "pB")!;
    expect(split.change).toBe("added");
    expect(split.origin).toEqual({ kind: "split", pid: "pA", label: "1." });
    expect(split.pieces.every((p) => p.moved)).toBe(true);
    const source = blocks.find((b) => b.pid === "pA")!;
    expect(source.pieces.filter((p) => p.op === "deleted").every((p) => p.moved)).toBe(true);
    expect(summary.added).toBe(1);
  });

  it("names a deleted paragraph merged into another", () => {
    const from = [plain("pA", "One thing."), block("pB", [["Two more things to say.", civil]])];
    const to = [block("pA", [["One thing.", null], [" Two more things to say.", null]])];
    to[0]!.by[1]!.carried = true;
    const { blocks } = compareTexts(from, to, "en");
    const merged = blocks.find((b) => b.pid === "pB")!;
    expect(merged.change).toBe("deleted");
    expect(merged.origin).toEqual({ kind: "merged", pid: "pA", label: "" });
    expect(merged.pieces.every((p) => p.moved)).toBe(true);
    expect(blocks.find((b) => b.pid === "pA")!.pieces.filter((p) => p.op === "inserted").every((p) => p.moved)).toBe(true);
  });

  it("does not take a new paragraph of typed words for a split", () => {
    const from = [block("pA", [["Alpha beta", null], [" gamma delta.", arcadia]])];
    const to = [plain("pA", "Alpha beta"), block("pB", [["gamma delta.", civil]])];
    const { blocks } = compareTexts(from, to, "en");
    expect(blocks.find((b) => b.pid === "pB")!.origin).toBeUndefined();
  });
});

describe("spacing", () => {
  it("keeps every piece in its place when spacing changed too, so each deletion names its deleter", () => {
    const from = block("p1", [["Member  States  shall  ", null], ["urgently", borealia], ["  act.", null]]);
    const to = plain("p1", "Member States shall act.");
    const pieces = compareWords(from, to, "en");
    expect(spelled(pieces)).toEqual({ from: from.text, to: to.text });
    expect(pieces.filter((p) => p.op === "deleted" && p.text.includes("urgently")).map((p) => [p.text.trim(), p.by])).toEqual([["urgently", borealia]]);
  });

  it("shows a line break added between two words as a change", () => {
    const pieces = compareWords(plain("p1", "one two"), block("p1", [["one", null], ["\n", arcadia], ["two", null]]), "en");
    expect(pieces.some((p) => p.op !== "same")).toBe(true);
    expect(spelled(pieces)).toEqual({ from: "one two", to: "one\ntwo" });
  });
});

describe("a deletion beside a split", () => {
  it("stays a deletion, named, even when its word is part of a carried word", () => {
    // Borealia struck "not" early in A; later Arcadia split A before "developing ...": only that run moved.
    const from = [block("pA", [["States should ", null], ["not", borealia], [" wait; ", null], ["developing countries cannot wait.", arcadia]])];
    const to = [plain("pA", "States should  wait; "), { pid: "pB", kind: "paragraph" as const, label: "", status: "open" as const,
      text: "developing countries cannot wait.", by: [{ length: 33, by: null, carried: true }] }];
    const { blocks } = compareTexts(from, to, "en");
    expect(blocks.find((b) => b.pid === "pB")!.origin).toMatchObject({ kind: "split", pid: "pA" });
    const deletions = blocks.find((b) => b.pid === "pA")!.pieces.filter((p) => p.op === "deleted");
    expect(deletions.filter((p) => p.text.includes("not") && !p.text.includes("cannot")).map((p) => [p.moved ?? false, p.by])).toEqual([[false, borealia]]);
    expect(deletions.filter((p) => p.text.includes("cannot")).every((p) => p.moved)).toBe(true);
  });
});
