import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DocumentLanguage } from "../../schemas/domain.js";
import type { DocumentOutline } from "../../schemas/outline.js";
import { readLabel } from "../../shared/import/labels.js";
import { detectLanguage } from "../../shared/import/language.js";
import { parsePlainTextDocument } from "../../shared/import/plainText.js";
import { matchVerbPhrase } from "../../shared/import/verbPhrases.js";
import { LANGUAGE_CONVENTIONS } from "../../shared/languages/index.js";
import { numberParagraphs, type NumberingBlock } from "../../shared/paragraphs/numbering.js";

let n = 0;
const p = (level = 1, frozenLabel: string | null = null): NumberingBlock => ({ pid: `p${++n}`, kind: "paragraph", level, frozenLabel });
const verb = (part: "preambular" | "operative"): NumberingBlock => ({ pid: `v${++n}`, kind: "verbPhrase", part });
const heading = (): NumberingBlock => ({ pid: `h${++n}`, kind: "sectionHeading" });
const paragraphsOf = (blocks: NumberingBlock[]) => blocks.filter((b) => b.kind === "paragraph");

/** Each paragraph's display and reference, in order. */
function labelled(blocks: NumberingBlock[], style: "declaration" | "resolution", language: DocumentLanguage): [string, string][] {
  const labels = numberParagraphs(blocks, style, language);
  return paragraphsOf(blocks).map((b) => [labels.get(b.pid)!.display, labels.get(b.pid)!.reference]);
}

// A declaration: two paragraphs, the second with two sub-paragraphs, then a third under a new heading.
const declaration = () => [heading(), p(), p(), p(2), p(2), heading(), p()];
// A resolution: a preambular block (a, b with sub-items i, ii), an operative block (1 with a, b; 2).
const resolution = () => [verb("preambular"), p(), p(), p(2), p(2), verb("operative"), p(), p(2), p(2), p()];
// After a revision froze 1, 2, 3 of an operative block: one paragraph added after 2, two after 3.
const revised = () => [verb("operative"), p(1, "1"), p(1, "2"), p(), p(1, "3"), p(), p()];

/** What each language shows: declaration, resolution, and after a revision (displays, then references). */
const EXPECTED: Record<DocumentLanguage, { declaration: [string, string][]; resolution: [string, string][]; revised: [string, string][] }> = {
  en: {
    declaration: [["1.", "para 1"], ["2.", "para 2"], ["(a)", "para 2 (a)"], ["(b)", "para 2 (b)"], ["3.", "para 3"]],
    resolution: [["(a)", "PP (a)"], ["(b)", "PP (b)"], ["(i)", "PP (b) (i)"], ["(ii)", "PP (b) (ii)"], ["1", "OP1"], ["(a)", "OP1 (a)"], ["(b)", "OP1 (b)"], ["2", "OP2"]],
    revised: [["1", "OP1"], ["2", "OP2"], ["2 bis", "OP2 bis"], ["3", "OP3"], ["3 bis", "OP3 bis"], ["3 ter", "OP3 ter"]],
  },
  es: {
    declaration: [["1.", "párr. 1"], ["2.", "párr. 2"], ["a)", "párr. 2 a)"], ["b)", "párr. 2 b)"], ["3.", "párr. 3"]],
    resolution: [["a)", "PP a)"], ["b)", "PP b)"], ["i)", "PP b) i)"], ["ii)", "PP b) ii)"], ["1", "OP1"], ["a)", "OP1 a)"], ["b)", "OP1 b)"], ["2", "OP2"]],
    revised: [["1", "OP1"], ["2", "OP2"], ["2 bis", "OP2 bis"], ["3", "OP3"], ["3 bis", "OP3 bis"], ["3 ter", "OP3 ter"]],
  },
  fr: {
    declaration: [["1.", "par. 1"], ["2.", "par. 2"], ["a)", "par. 2 a)"], ["b)", "par. 2 b)"], ["3.", "par. 3"]],
    resolution: [["a)", "PP a)"], ["b)", "PP b)"], ["i)", "PP b) i)"], ["ii)", "PP b) ii)"], ["1", "OP1"], ["a)", "OP1 a)"], ["b)", "OP1 b)"], ["2", "OP2"]],
    revised: [["1", "OP1"], ["2", "OP2"], ["2 bis", "OP2 bis"], ["3", "OP3"], ["3 bis", "OP3 bis"], ["3 ter", "OP3 ter"]],
  },
  ru: {
    declaration: [["1.", "п. 1"], ["2.", "п. 2"], ["a)", "п. 2 a)"], ["b)", "п. 2 b)"], ["3.", "п. 3"]],
    resolution: [
      ["a)", "п. a) преамбулы"], ["b)", "п. b) преамбулы"], ["i)", "п. b) i) преамбулы"], ["ii)", "п. b) ii) преамбулы"],
      ["1", "п. 1 постановляющей части"], ["a)", "п. 1 a) постановляющей части"], ["b)", "п. 1 b) постановляющей части"], ["2", "п. 2 постановляющей части"],
    ],
    revised: [
      ["1", "п. 1 постановляющей части"], ["2", "п. 2 постановляющей части"], ["2 bis", "п. 2 bis постановляющей части"],
      ["3", "п. 3 постановляющей части"], ["3 bis", "п. 3 bis постановляющей части"], ["3 ter", "п. 3 ter постановляющей части"],
    ],
  },
  ar: {
    declaration: [["1 -", "الفقرة 1"], ["2 -", "الفقرة 2"], ["(أ)", "الفقرة 2 (أ)"], ["(ب)", "الفقرة 2 (ب)"], ["3 -", "الفقرة 3"]],
    resolution: [
      ["(أ)", "الفقرة (أ) من الديباجة"], ["(ب)", "الفقرة (ب) من الديباجة"], ["’1‘", "الفقرة (ب) ’1‘ من الديباجة"], ["’2‘", "الفقرة (ب) ’2‘ من الديباجة"],
      ["1", "الفقرة 1 من المنطوق"], ["(أ)", "الفقرة 1 (أ) من المنطوق"], ["(ب)", "الفقرة 1 (ب) من المنطوق"], ["2", "الفقرة 2 من المنطوق"],
    ],
    revised: [
      ["1", "الفقرة 1 من المنطوق"], ["2", "الفقرة 2 من المنطوق"], ["2 مكرراً", "الفقرة 2 مكرراً من المنطوق"],
      ["3", "الفقرة 3 من المنطوق"], ["3 مكرراً", "الفقرة 3 مكرراً من المنطوق"], ["3 مكرراً ثانياً", "الفقرة 3 مكرراً ثانياً من المنطوق"],
    ],
  },
  zh: {
    declaration: [["1.", "第1段"], ["2.", "第2段"], ["(a)", "第2(a)段"], ["(b)", "第2(b)段"], ["3.", "第3段"]],
    resolution: [
      ["(a)", "序言部分第(a)段"], ["(b)", "序言部分第(b)段"], ["㈠", "序言部分第(b)㈠段"], ["㈡", "序言部分第(b)㈡段"],
      ["1", "执行部分第1段"], ["(a)", "执行部分第1(a)段"], ["(b)", "执行部分第1(b)段"], ["2", "执行部分第2段"],
    ],
    revised: [
      ["1", "执行部分第1段"], ["2", "执行部分第2段"], ["2之二", "执行部分第2段之二"],
      ["3", "执行部分第3段"], ["3之二", "执行部分第3段之二"], ["3之三", "执行部分第3段之三"],
    ],
  },
};

describe("numbering in each of the six languages", () => {
  for (const language of DocumentLanguage.options) {
    it(`${language}: declaration style, continuous numbers and sub-paragraphs`, () => {
      expect(labelled(declaration(), "declaration", language)).toEqual(EXPECTED[language].declaration);
    });
    it(`${language}: resolution style, lettered preambular and numbered operative paragraphs with their sub-items`, () => {
      expect(labelled(resolution(), "resolution", language)).toEqual(EXPECTED[language].resolution);
    });
    it(`${language}: paragraphs added after a revision take the language's bis, ter`, () => {
      expect(labelled(revised(), "resolution", language)).toEqual(EXPECTED[language].revised);
    });
  }

  it("stores one canonical core whatever the language, so a frozen label means the same paragraph in each", () => {
    const blocks = revised();
    const cores = (language: DocumentLanguage) => {
      const labels = numberParagraphs(blocks, "resolution", language);
      return paragraphsOf(blocks).map((b) => labels.get(b.pid)!.core);
    };
    for (const language of DocumentLanguage.options) expect(cores(language)).toEqual(["1", "2", "2 bis", "3", "3 bis", "3 ter"]);
  });

  it("letters Arabic items in the abjad order: (أ) (ب) (ج) (د) (هـ) (و) (ز)", () => {
    const blocks = [verb("preambular"), ...Array.from({ length: 7 }, () => p())];
    expect(labelled(blocks, "resolution", "ar").map(([d]) => d)).toEqual(["(أ)", "(ب)", "(ج)", "(د)", "(هـ)", "(و)", "(ز)"]);
  });

  it("writes Chinese sub-items past ten as a numeral in parentheses", () => {
    const blocks = [verb("preambular"), p(), ...Array.from({ length: 11 }, () => p(2))];
    expect(labelled(blocks, "resolution", "zh").map(([d]) => d).slice(9)).toEqual(["㈨", "㈩", "(十一)"]);
  });
});

describe("every language has every table", () => {
  it("has conventions for each of the six languages, each with letters, suffixes, forms and verb phrases", () => {
    expect(Object.keys(LANGUAGE_CONVENTIONS).sort()).toEqual([...DocumentLanguage.options].sort());
    for (const language of DocumentLanguage.options) {
      const c = LANGUAGE_CONVENTIONS[language];
      expect(c.language).toBe(language);
      expect(c.letters.length, language).toBeGreaterThanOrEqual(26);
      expect(c.suffixes.length, language).toBeGreaterThanOrEqual(10);
      expect(new Set(c.suffixes).size, language).toBe(c.suffixes.length);
      expect(c.phrases.preambular.length, language).toBeGreaterThanOrEqual(10);
      expect(c.phrases.operative.length, language).toBeGreaterThanOrEqual(10);
      for (const style of ["declaration", "resolution"] as const) {
        expect(Object.keys(c.forms[style]).sort(), `${language} ${style}`).toEqual(["letter", "number", "roman"]);
      }
      expect(c.reference("operative", "5", null), language).toMatch(/5/);
    }
  });
});

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/languages/${name}`, import.meta.url), "utf8");

function importOf(text: string): DocumentOutline {
  const result = parsePlainTextDocument(text);
  if (!result.ok) throw new Error(`import refused: ${result.error}`);
  return result.outline;
}

/** Each block as the import made it: a paragraph as its label as the document shows it, a TAB and its text; other blocks by type. */
function shown(outline: DocumentOutline): string[] {
  const blocks: NumberingBlock[] = outline.blocks.map((b, i) => ({
    pid: String(i),
    kind: b.type,
    ...(b.type === "paragraph" ? { level: b.level ?? 1, importedLabel: b.importedLabel ?? null } : {}),
    ...(b.type === "verbPhrase" ? { part: b.part } : {}),
  }));
  const labels = numberParagraphs(blocks, outline.style, outline.language);
  return outline.blocks.map((b, i) =>
    b.type === "paragraph" ? `${labels.get(String(i))!.display}\t${b.text}` : b.type === "verbPhrase" ? `${b.part}: ${b.text}` : `${b.type}: ${b.text}`);
}

/** What the import must give for a fixture: each line by its role ("p" for a paragraph, shown exactly as the source wrote it). */
function expectedOf(text: string, roles: string[]): string[] {
  const lines = text.trim().split("\n");
  expect(lines).toHaveLength(roles.length);
  return lines.map((line, i) => (roles[i] === "p" ? line : `${roles[i]}: ${line}`));
}

const HEAD = ["title", "title", "openingLine"];

describe("importing plain-text resolutions in Arabic, Chinese and Russian", () => {
  it("reads an Arabic ITU resolution: language ar, its verb phrases, (أ) (ب) (ج) and ’1‘ kept as labels", () => {
    const outline = importOf(fixture("resolution.ar.txt"));
    expect(outline.language).toBe("ar");
    expect(outline.style).toBe("resolution");
    expect(shown(outline)).toEqual(expectedOf(fixture("resolution.ar.txt"), [
      ...HEAD, "preambular", "p", "p", "p", "preambular", "p", "p", "p", "p", "operative", "p", "p", "operative", "p", "operative", "p",
    ]));
    const subItem = outline.blocks.find((b) => b.type === "paragraph" && b.text.startsWith("بناء البنية"));
    expect(subItem).toMatchObject({ level: 2, importedLabel: "i" });
  });

  it("reads a Chinese ITU resolution: language zh, 忆及 / 考虑到 / 做出决议 / 责成秘书长, lettered and numbered paragraphs", () => {
    const outline = importOf(fixture("resolution.zh.txt"));
    expect(outline.language).toBe("zh");
    expect(shown(outline)).toEqual(expectedOf(fixture("resolution.zh.txt"), [
      ...HEAD, "preambular", "p", "p", "preambular", "p", "p", "operative", "p", "p", "operative", "p",
    ]));
  });

  it("reads a Russian ITU resolution: language ru, напоминая / учитывая / решает / поручает, a) b) and 1 2", () => {
    const outline = importOf(fixture("resolution.ru.txt"));
    expect(outline.language).toBe("ru");
    expect(shown(outline)).toEqual(expectedOf(fixture("resolution.ru.txt"), [
      ...HEAD, "preambular", "p", "p", "preambular", "p", "p", "operative", "p", "p", "operative", "p",
    ]));
  });

  it("reads labels in the languages' own letters and numerals", () => {
    const values = (label: string) => readLabel(label).map((r) => `${r.scheme} ${r.value}`);
    expect(values("(أ)")).toEqual(["letter 1"]);
    expect(values("(هـ)")).toEqual(["letter 5"]);
    expect(values("(ه)")).toEqual(["letter 5"]);
    expect(values("’3‘")).toEqual(["roman 3"]);
    expect(values("١٢")).toContain("number 12");
    expect(values("3 -")).toEqual(["number 3"]);
    expect(values("㈢")).toEqual(["roman 3"]);
    expect(values("(四)")).toEqual(["roman 4"]);
    expect(values("б)")).toEqual(["letter 2"]);
    // A Cyrillic с typed for the Latin c: the third letter either way the run reads it.
    expect(values("с)")).toEqual(expect.arrayContaining(["letter 17", "letter 3"]));
  });

  it("keeps a suffixed label in any language's words as one canonical core", () => {
    const text = ["RESOLUTION 1", "The Conference,", "resolves", "1\tone;", "2 مكرراً\ttwo;", "3\tthree."].join("\n");
    const labels = importOf(text).blocks.flatMap((b) => (b.type === "paragraph" ? [b.importedLabel] : []));
    expect(labels).toEqual(["1", "2 bis", "3"]);
  });
});

describe("language detection by script, then phrases and words", () => {
  it("tells Arabic, Chinese and Russian by their scripts, whatever their phrases", () => {
    expect(detectLanguage([], "إن الجمعية العامة، إذ تشير إلى قراراتها")).toBe("ar");
    expect(detectLanguage([], "大会，回顾其以往各项决议")).toBe("zh");
    expect(detectLanguage([["en"]], "Генеральная Ассамблея, ссылаясь на свои резолюции")).toBe("ru");
  });

  it("still tells English, French and Spanish apart by phrases and function words", () => {
    expect(detectLanguage([["es"], ["es"]], "considerando que")).toBe("es");
    expect(detectLanguage([], "le conseil et les membres pour la mise en œuvre des décisions")).toBe("fr");
    expect(detectLanguage([], "the Council and the Members of the Union")).toBe("en");
  });

  it("recognises the new languages' verb phrases, with their addressees", () => {
    expect(matchVerbPhrase("وإذ تشير أيضاً إلى،")).toMatchObject({ part: "preambular", languages: ["ar"] });
    expect(matchVerbPhrase("يكلف مدير مكتب تنمية الاتصالات")).toMatchObject({ part: "operative", languages: ["ar"] });
    expect(matchVerbPhrase("又回顾，")).toMatchObject({ part: "preambular", languages: ["zh"] });
    expect(matchVerbPhrase("责成电信发展局主任")).toMatchObject({ part: "operative", languages: ["zh"] });
    expect(matchVerbPhrase("ссылаясь на")).toMatchObject({ part: "preambular", languages: ["ru"] });
    expect(matchVerbPhrase("предлагает Государствам-Членам")).toMatchObject({ part: "operative", languages: ["ru"] });
    // A Chinese paragraph that happens to open with a phrase is not one.
    expect(matchVerbPhrase("回顾其1994年12月9日第49/35 A号决议和以往所有关于这个问题的决议。")).toBeNull();
  });
});
