import mammoth from "mammoth";
import * as Y from "yjs";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DocumentLanguage } from "../../schemas/domain.js";
import { outlineToYUpdate } from "../../server/documents/outlineToYDoc.js";
import { renderDocx } from "../../server/export/docx.js";
import { agreedText, headerOf, negotiationText, type ExportSource } from "../../server/export/exportModel.js";
import { EXPORT_WORDS } from "../../server/export/exportWords.js";
import { renderHtml } from "../../server/export/html.js";
import { parsePlainTextDocument } from "../../shared/import/plainText.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/languages/${name}`, import.meta.url), "utf8");

/** The Arabic fixture imported as a document, as the import route would store it. */
function arabicSource(): ExportSource {
  const result = parsePlainTextDocument(fixture("resolution.ar.txt"));
  if (!result.ok) throw new Error(result.error);
  const doc = new Y.Doc();
  const importer = { userId: "u1", name: "Secretariat", delegation: null, group: null };
  Y.applyUpdate(doc, outlineToYUpdate(result.outline.blocks, () => ({ placer: importer, at: "2025-12-16T09:00:00.000Z" })));
  return {
    doc, title: "القرار 999", style: "resolution", language: "ar",
    details: { symbol: "PP-22/999", date: "2025-12-16", place: "جنيف" },
  };
}

describe("exports of an Arabic document", () => {
  it("writes the negotiation text's fixed words in Arabic and marks its paragraphs right to left (web page)", () => {
    const html = renderHtml(negotiationText(arabicSource(), [], { compilation: false }));
    expect(html).toContain('<html lang="ar">');
    expect(html).toContain("جنيف، 16 ديسمبر 2025");
    expect(html).toMatch(/<div class="para[^"]*"[^>]* dir="rtl"><span class="para__label">\(أ\)<\/span>/);
    expect(html).toMatch(/dir="rtl"><span class="para__label">’1‘<\/span>/);
    expect(html).not.toContain("Proposed by");
  });

  it("marks open paragraphs in Arabic in the agreed text, in a right-to-left Word paragraph", async () => {
    const source = arabicSource();
    const docx = Buffer.from(await renderDocx(agreedText(source, { markOpen: true })));
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(text).toContain("[لم يتفق عليه بعد]");
    expect(text).not.toContain("not yet agreed");
    const xml = await import("jszip").then(async ({ default: JSZip }) => (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string"));
    // The paragraph (w:bidi) and its runs (w:rtl) read right to left.
    const labelled = xml.split("<w:p>").find((p) => p.includes("(أ)"))!;
    expect(labelled).toContain("<w:bidi/>");
    expect(labelled).toContain("<w:rtl/>");
  });
});

describe("every language has its export words", () => {
  it("has a table for each of the six languages with every word filled in", () => {
    const keys = (words: object): string[] => Object.entries(words).flatMap(([k, v]) =>
      typeof v === "object" && v !== null ? keys(v).map((sub) => `${k}.${sub}`) : [k]);
    const english = keys(EXPORT_WORDS.en).sort();
    for (const language of DocumentLanguage.options) {
      expect(keys(EXPORT_WORDS[language]).sort(), language).toEqual(english);
      for (const [key, value] of Object.entries(EXPORT_WORDS[language])) {
        if (typeof value === "string") expect(value.trim(), `${language} ${key}`).not.toBe("");
      }
      const summary = EXPORT_WORDS[language].compare.summary({ changed: 1, added: 2, deleted: 3, moved: 4, agreed: 5 });
      for (const n of ["1", "2", "3", "4", "5"]) expect(summary, language).toContain(n);
    }
  });

  it("writes the date in each language", () => {
    const date = (language: DocumentLanguage) => headerOf({ language, details: { symbol: "", date: "2025-12-16", place: "" } }).dateline;
    expect(DocumentLanguage.options.map(date)).toEqual(["16 ديسمبر 2025", "2025年12月16日", "16 December 2025", "16 décembre 2025", "16 декабря 2025 г.", "16 de diciembre de 2025"]);
  });
});
