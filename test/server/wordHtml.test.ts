import { describe, expect, it } from "vitest";
import { wordHtmlToText } from "../../server/commands/wordHtml.js";

/**
 * Mammoth's HTML of a Word file read for its text: one line per paragraph,
 * list item and table row; footnotes written as Word's plain text writes
 * them; nothing the file says is dropped without a note.
 */
const lines = (html: string) => wordHtmlToText(html).text.split("\n");

describe("reading a Word file's HTML for its lines", () => {
  it("reads paragraphs, headings, line breaks and bullets, keeping a paragraph that is only a dash", () => {
    expect(lines("<h1>Title</h1><p>a)\tFirst<br />second line</p><p>–</p><ul><li>one</li><li>two</li></ul>"))
      .toEqual(["Title", "a)\tFirst", "second line", "–", "–\tone", "–\ttwo"]);
  });

  it("writes a footnote after the line that refers to it, once, wherever the reference stands", () => {
    const html = '<p>Countries<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup> agree.</p>' +
      '<table><tr><td><p>2.</p></td><td><p>Again<sup><a href="#footnote-1" id="footnote-ref-1b">[1]</a></sup> and<sup><a href="#footnote-2" id="footnote-ref-2">[2]</a></sup></p></td></tr></table>' +
      '<ol><li id="footnote-1"><p>Least developed countries. <a href="#footnote-ref-1">↑</a></p></li>' +
      '<li id="footnote-2"><p>A note with a list:</p><ol><li>first</li><li>second</li></ol><p>and an end. <a href="#footnote-ref-2">↑</a></p></li></ol>';
    expect(lines(html)).toEqual([
      "Countries[footnoteRef:1] agree. [1: Least developed countries.]",
      "2.\tAgain[footnoteRef:1] and[footnoteRef:2] [2: A note with a list: first second and an end.]",
    ]);
  });

  it("reads a table inside a cell as part of that cell, and says so", () => {
    const { text, warnings } = wordHtmlToText("<table><tr><td><p>Outer before</p><table><tr><td>inner</td><td>cell</td></tr></table><p>outer after</p></td><td>Right</td></tr></table>");
    expect(text).toBe("Outer before inner cell outer after\tRight");
    expect(warnings).toContain("1 table(s) inside table cells: each is read as part of the cell that holds it.");
  });

  it("notes numbered list items, nested lists and images", () => {
    const { text, warnings } = wordHtmlToText('<ol><li>one<ol><li>inner</li></ol></li><li>two</li></ol><p><img src="data:image/png;base64,AAAA" />Caption</p>');
    expect(text.split("\n")).toEqual(["\tone", "\tinner", "\ttwo", "Caption"]);
    expect(warnings.join("\n")).toMatch(/3 item\(s\) of numbered Word lists/);
    expect(warnings.join("\n")).toMatch(/1 item\(s\) of lists inside lists/);
    expect(warnings.join("\n")).toMatch(/1 image\(s\) in the Word file are not imported/);
  });
});
