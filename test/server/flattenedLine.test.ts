import { describe, expect, it } from "vitest";
import { deletionStart, readFlattenedLine } from "../../server/proposals/flattenedLine.js";
import { markedRuns } from "../../server/proposals/readProposalWord.js";

/** The proposed text and the deletions of a flattened line read against its base. */
function read(base: string, line: string, language: string) {
  const reading = readFlattenedLine(base, line, language);
  if (!reading.ok) throw new Error(reading.reason);
  return { text: reading.text, deleted: reading.deletions.map((d) => [d.deleted, d.rule]) };
}

describe("flattened tracked changes read back against the base paragraph", () => {
  it("takes a place and year glued before another as the one replaced (English, French, Spanish)", () => {
    expect(read("as adopted at the Conference (Busan, 2014).", "as adopted at the Conference (Busan, 2014Bucharest, 2022).", "en"))
      .toEqual({ text: "as adopted at the Conference (Bucharest, 2022).", deleted: [["Busan, 2014", "shape"]] });
    expect(read("la Conférence (Rev. Sharm el-Sheikh, 2019) a décidé", "la Conférence (Rev. Sharm el-Sheikh, 2019Dubaï, 2023) a décidé", "fr"))
      .toEqual({ text: "la Conférence (Rev. Dubaï, 2023) a décidé", deleted: [["Sharm el-Sheikh, 2019", "shape"]] });
    expect(read("en su reunión de 2019, sobre", "en su reunión de 20192024, sobre", "es"))
      .toEqual({ text: "en su reunión de 2024, sobre", deleted: [["2019", "shape"]] });
    expect(read("for the period 2020-2023;", "for the period 2020-20232024-2027;", "en"))
      .toEqual({ text: "for the period 2024-2027;", deleted: [["2020-2023", "shape"]] });
  });

  it("takes words the insertion repeats or rewrites as the ones struck", () => {
    expect(read("invites the Council to act", "invites the Councilthe Council of the Union to act", "en"))
      .toEqual({ text: "invites the Council of the Union to act", deleted: [["the Council", "repetition"]] });
    expect(read("que le Secrétaire général présente un rapport", "que le Secrétaire généralla Secrétaire générale présente un rapport", "fr"))
      .toEqual({ text: "que la Secrétaire générale présente un rapport", deleted: [["le Secrétaire général", "rewrite"]] });
  });

  it("replaces one sentence mark glued to another, and leaves punctuation after a word alone", () => {
    expect(read("the Internet;", "the Internet;,", "en")).toEqual({ text: "the Internet,", deleted: [[";", "shape"]] });
    expect(read("the Internet", "the Internet, and beyond", "en")).toEqual({ text: "the Internet, and beyond", deleted: [] });
  });

  it("guesses only the glued word when the insertion is words alone, and says it guessed", () => {
    expect(read("recalling the Tunis Agenda", "recalling the Tunis Agendathe Geneva Plan", "en"))
      .toEqual({ text: "recalling the Tunis the Geneva Plan", deleted: [["Agenda", "guess"]] });
    expect(read("considérant", "considérantrappelant", "fr")).toEqual({ text: "rappelant", deleted: [["considérant", "guess"]] });
  });

  it("keeps an insertion set off by spaces as an insertion, and a space struck and written again as no change", () => {
    expect(read("the digital divide", "the persistent digital divide", "en")).toEqual({ text: "the persistent digital divide", deleted: [] });
    const nbsp = read("por primera vez\u00A0en su reunión", "por primera vez\u00A0envez en su reunión", "es");
    expect(nbsp).toEqual({ text: "por primera vez\u00A0en su reunión", deleted: [] });
  });

  it("says which words of the paragraph a line lacks", () => {
    expect(readFlattenedLine("que el Secretario General informe", "que la Secretaria General informe", "es"))
      .toEqual({ ok: false, reason: 'the paragraph\'s words "el", "secretario" are not in the line' });
    expect(readFlattenedLine("one two", "two one", "en")).toMatchObject({ ok: false });
  });

  it("shows the change as runs of the base paragraph's words", () => {
    const reading = readFlattenedLine("(Rev. Geneva, 2022)", "(Rev. Geneva, 2022New Delhi, 2024)", "en");
    expect(reading.ok && reading.runs).toEqual([
      { kind: "equal", text: "(Rev. " }, { kind: "delete", text: "Geneva" }, { kind: "insert", text: "New Delhi" },
      { kind: "equal", text: ", " }, { kind: "delete", text: "2022" }, { kind: "insert", text: "2024" }, { kind: "equal", text: ")" },
    ]);
  });

  it("finds where a deletion starts by the insertion's shape", () => {
    expect(deletionStart("(Rev. Ginebra, 2022", "Nueva Delhi, 2024", "es")).toEqual({ start: 6, rule: "shape" });
    // A long run of words before a short name: only as many words as the name, a guess.
    expect(deletionStart("held in the beautiful old city of Geneva, 2022", "Busan, 2014", "en").rule).toBe("guess");
  });
});

describe("Word runs from mammoth's marks", () => {
  it("reads underlined and struck runs, struck winning, and carries a mark over a line break", () => {
    expect(markedRuns("la \uE002notable\uE003\uE000considerable\uE001 incidencia")).toEqual([
      { kind: "equal", text: "la " }, { kind: "delete", text: "notable" }, { kind: "insert", text: "considerable" }, { kind: "equal", text: " incidencia" },
    ]);
    expect(markedRuns("\uE000\uE002both\uE003\uE001")).toEqual([{ kind: "delete", text: "both" }]);
    const state = { inserting: 0, deleting: 0 };
    expect(markedRuns("kept \uE000new", state)).toEqual([{ kind: "equal", text: "kept " }, { kind: "insert", text: "new" }]);
    expect(markedRuns("still new\uE001 kept", state)).toEqual([{ kind: "insert", text: "still new" }, { kind: "equal", text: " kept" }]);
  });
});
