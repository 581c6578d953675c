import { describe, expect, it } from "vitest";
import { readSourceLines } from "../../shared/import/sourceLines.js";

/** The cleaned lines of a text and the notes about them. */
function read(text: string): { lines: string[]; warnings: string[] } {
  const result = readSourceLines(text);
  if (!result.ok) throw new Error(result.error);
  return { lines: result.lines.map((l) => l.text), warnings: result.warnings };
}

describe("footnotes in plain text", () => {
  it("makes a referred note plain text where it stands, its reference a superscript, and says so", () => {
    const { lines, warnings } = read("d)\tcountries[footnoteRef:1]1; [1: 1 \tThis term includes the least developed countries.] \nnext");
    expect(lines).toEqual(["d)\tcountries¹; (¹ This term includes the least developed countries.)", "next"]);
    expect(warnings).toEqual(['line 1: footnote 1 kept as plain text after its reference, in parentheses ("¹ …"); the editor has no footnotes.']);
  });

  it("leaves brackets that only start with a number alone: a time, a negotiation bracket, a note never referred to", () => {
    const text = "Meet at [10:00] sharp.\n[3: alternative wording / other wording] stays.\nSee[footnoteRef:2] here.";
    const { lines, warnings } = read(text);
    expect(lines).toEqual(["Meet at [10:00] sharp.", "[3: alternative wording / other wording] stays.", "See² here."]);
    expect(warnings).toEqual(['line 3: footnote 2 is referred to (kept as "²") but its text is not in the file.']);
  });

  it("reads a note's own brackets to its real end, and writes them as parentheses", () => {
    const { lines, warnings } = read("A text[footnoteRef:1] [1: The Tunis Agenda [sic] says so.] and more [agreed words].");
    expect(lines).toEqual(["A text¹ (¹ The Tunis Agenda (sic) says so.) and more [agreed words]."]);
    expect(warnings[0]).toContain("its own square brackets written as parentheses");
  });

  it("joins a note running over several lines, and keeps lines apart when it never closes", () => {
    const closed = read("Text[footnoteRef:1] [1: first part\nsecond part.]\nNext line.");
    expect(closed.lines).toEqual(["Text¹ (¹ first part second part.)", "Next line."]);
    const lines = ["Text[footnoteRef:1] [1: a note that never closes", ...Array.from({ length: 25 }, (_, i) => `line ${i + 2}`)];
    const open = read(lines.join("\n"));
    expect(open.lines).toHaveLength(26);
    expect(open.lines[0]).toBe("Text¹ [1: a note that never closes");
    expect(open.warnings).toContain("line 1: a footnote's text opens here but does not close within 20 lines; kept as written.");
  });
});
