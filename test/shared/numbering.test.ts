import { describe, expect, it } from "vitest";
import {
  insertionSuffix, letters, numberParagraphs, numberRun, roman, withoutKeptLabels, type NumberingBlock,
} from "../../shared/paragraphs/numbering.js";

let n = 0;
const p = (level = 1, frozenLabel: string | null = null): NumberingBlock => ({
  pid: `p${++n}`, kind: "paragraph", level, frozenLabel,
});
const verb = (part: "preambular" | "operative"): NumberingBlock => ({ pid: `v${++n}`, kind: "verbPhrase", part });
const heading = (): NumberingBlock => ({ pid: `h${++n}`, kind: "sectionHeading" });
const displays = (blocks: NumberingBlock[], labels: ReturnType<typeof numberParagraphs>) =>
  blocks.filter((b) => b.kind === "paragraph").map((b) => labels.get(b.pid)!.display);

describe("declaration style", () => {
  it("numbers paragraphs continuously across section headings", () => {
    const blocks = [{ pid: "t", kind: "title" as const }, heading(), p(), p(), heading(), p(), p(), p()];
    const labels = numberParagraphs(blocks, "declaration", "en");
    expect(displays(blocks, labels)).toEqual(["1.", "2.", "3.", "4.", "5."]);
    expect(labels.get(blocks[4 + 1]!.pid)!.reference).toBe("para 3");
  });

  it("letters sub-paragraphs under their paragraph, restarting each time", () => {
    const blocks = [p(), p(2), p(2), p(), p(2)];
    expect(displays(blocks, numberParagraphs(blocks, "declaration", "en"))).toEqual(["1.", "(a)", "(b)", "2.", "(a)"]);
  });
});

describe("resolution style", () => {
  const resolution = () => [
    { pid: "t", kind: "title" as const },
    { pid: "o", kind: "openingLine" as const },
    verb("preambular"), p(), p(), p(2), p(2), p(),
    verb("preambular"), p(), p(),
    verb("operative"), p(), p(2), p(2), p(),
    verb("operative"), p(), p(),
  ];

  it("letters preambular and numbers operative paragraphs, restarting in every block (English)", () => {
    const blocks = resolution();
    const labels = numberParagraphs(blocks, "resolution", "en");
    expect(displays(blocks, labels)).toEqual([
      "(a)", "(b)", "(i)", "(ii)", "(c)",
      "(a)", "(b)",
      "1", "(a)", "(b)", "2",
      "1", "2",
    ]);
    const op2 = blocks.filter((b) => b.kind === "paragraph")[10]!;
    expect(labels.get(op2.pid)!.reference).toBe("OP2");
    const sub = blocks.filter((b) => b.kind === "paragraph")[8]!;
    expect(labels.get(sub.pid)!.reference).toBe("OP1 (a)");
  });

  it("writes a) and i) in Spanish and French", () => {
    const blocks = resolution();
    expect(displays(blocks, numberParagraphs(blocks, "resolution", "es")).slice(0, 5)).toEqual(["a)", "b)", "i)", "ii)", "c)"]);
    expect(displays(blocks, numberParagraphs(blocks, "resolution", "fr")).slice(7, 10)).toEqual(["1", "a)", "b)"]);
  });
});

describe("negotiation numbering after a revision", () => {
  it("labels inserted paragraphs bis, ter, quater ... after the frozen one before them", () => {
    expect(numberRun(["1", "2", null, null, null, "3"], "number")).toEqual(["1", "2", "2 bis", "2 ter", "2 quater", "3"]);
  });

  it("keeps the frozen labels of the rest, so OP6 stays OP6", () => {
    const blocks = [verb("operative"), p(1, "4"), p(1, "5"), p(1, null), p(1, "6")];
    const labels = numberParagraphs(blocks, "resolution", "en");
    expect(displays(blocks, labels)).toEqual(["4", "5", "5 bis", "6"]);
    expect(labels.get(blocks[3]!.pid)!.reference).toBe("OP5 bis");
  });

  it("continues the sequence after a bis: 5 bis, 5 ter, 5 quater, 5 quinquies", () => {
    expect(numberRun(["5", null, null, null, null], "number")).toEqual(["5", "5 bis", "5 ter", "5 quater", "5 quinquies"]);
  });

  it("hangs paragraphs inserted before the first frozen one off 0", () => {
    expect(numberRun([null, "a", "b"], "letter")).toEqual(["0 bis", "a", "b"]);
  });

  it("numbers sequentially again once a revision renumbers (no frozen labels left)", () => {
    expect(numberRun([null, null, null], "letter")).toEqual(["a", "b", "c"]);
  });

  it("lets inserted sub-paragraphs take bis too", () => {
    const blocks = [p(1, "1"), p(2, "a"), p(2, null), p(2, "b")];
    expect(displays(blocks, numberParagraphs(blocks, "declaration", "en"))).toEqual(["1.", "(a)", "(a bis)", "(b)"]);
  });
});

describe("label sequences", () => {
  it("spells the Latin suffixes in order", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(insertionSuffix)).toEqual(["bis", "ter", "quater", "quinquies", "sexies", "septies", "undecies"]);
  });
  it("letters past z and writes roman numerals", () => {
    expect([1, 26, 27, 28].map(letters)).toEqual(["a", "z", "aa", "ab"]);
    expect([1, 4, 9, 14, 40].map(roman)).toEqual(["i", "iv", "ix", "xiv", "xl"]);
  });
});

describe("labels kept from an imported source", () => {
  const imported = (label: string | null, level = 1, frozenLabel: string | null = null): NumberingBlock => ({
    pid: `i${++n}`, kind: "paragraph", level, frozenLabel, importedLabel: label,
  });

  it("keeps each label's letters or number as the source wrote them, dressed as the document's language writes its run", () => {
    const blocks = [verb("preambular"), imported("a"), imported("g"), imported("h"), imported("2.10.1", 2), imported("–", 2)];
    expect(displays(blocks, numberParagraphs(blocks, "resolution", "es"))).toEqual(["a)", "g)", "h)", "2.10.1", "–"]);
    expect(displays(blocks, numberParagraphs(blocks, "resolution", "en"))).toEqual(["(a)", "(g)", "(h)", "2.10.1", "–"]);
  });

  it("continues an imported bis with ter, and dresses an addition in a lettered run as a letter", () => {
    const numbered = [imported("5 bis"), imported(null), imported("6")];
    expect(displays(numbered, numberParagraphs(numbered, "declaration", "en"))).toEqual(["5 bis.", "5 ter.", "6."]);
    const lettered = [verb("preambular"), imported(null), imported("a")];
    expect(displays(lettered, numberParagraphs(lettered, "resolution", "en"))).toEqual(["(0 bis)", "(a)"]);
  });

  it("names a paragraph added among imported ones bis, ter, as after a revision", () => {
    const blocks = [imported("4"), imported(null), imported(null), imported("5")];
    expect(displays(blocks, numberParagraphs(blocks, "declaration", "en"))).toEqual(["4.", "4 bis.", "4 ter.", "5."]);
  });

  it("lets a revision's frozen label win over the imported one, and withoutKeptLabels number in sequence", () => {
    const blocks = [imported("9", 1, "4"), imported("12", 1, null)];
    expect(displays(blocks, numberParagraphs(blocks, "declaration", "en"))).toEqual(["4.", "12."]);
    expect(displays(blocks, numberParagraphs(withoutKeptLabels(blocks), "declaration", "en"))).toEqual(["1.", "2."]);
  });
});
