import fs from "node:fs";
import { describe, expect, it } from "vitest";
import type { DocumentOutline, OutlineBlock } from "../../schemas/outline.js";
import { DocumentOutline as DocumentOutlineSchema } from "../../schemas/outline.js";
import { parsePlainTextDocument, type ImportResult } from "../../shared/import/plainText.js";

// The fixtures live beside the repository (/work/shared/fixtures next to /work/main), in CI too.
const readFixture = (name: string) => fs.readFileSync(new URL(`../../../shared/fixtures/${name}`, import.meta.url), "utf8");

type Paragraph = Extract<OutlineBlock, { type: "paragraph" }>;
interface Run {
  phrase: string;
  part: "preambular" | "operative";
  paragraphs: Paragraph[];
}

function imported(text: string, options?: Parameters<typeof parsePlainTextDocument>[1]): { outline: DocumentOutline; warnings: string[] } {
  const result: ImportResult = parsePlainTextDocument(text, options);
  if (!result.ok) throw new Error(`import refused: ${result.error}`);
  expect(DocumentOutlineSchema.safeParse(result.outline).success).toBe(true);
  return result;
}

/** The paragraphs under each verb phrase, up to the next verb phrase or heading. */
function runsOf(outline: DocumentOutline): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (const block of outline.blocks) {
    if (block.type === "verbPhrase") runs.push((current = { phrase: block.text, part: block.part, paragraphs: [] }));
    else if (block.type === "paragraph") current?.paragraphs.push(block);
    else current = null;
  }
  return runs;
}

/** The source lines an import must keep: bookmarks, blank lines and underscore rules removed (an independent reading). */
function keptLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .map((line) => line.replace(/\[bookmark:[^\]]*\]/g, "").replace(/\t+/g, " ").trim())
    .filter((line) => line !== "" && !/^_+$/.test(line));
}

/** A source line without Word's footnote markup, and a block's text without what the import made of it. */
const withoutNotes = {
  line: (line: string) => line.replace(/\[footnoteRef:\d+\]\d*/g, "").replace(/\s*\[\d+:[^\]]*\]/g, "").trim(),
  block: (text: string) => text.replace(/\s*\([¹²³⁴⁵⁶⁷⁸⁹⁰]+ .*\)/g, "").replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, "").trim(),
};

const labels = (run: Run) => run.paragraphs.map((p) => p.sourceLabel);
const paragraphTexts = (outline: DocumentOutline) =>
  outline.blocks.filter((b): b is Paragraph => b.type === "paragraph").map((p) => p.text);

describe("importing the council report with Resolution 1332 annexed (es)", () => {
  const text = readFixture("council-report-res1332.es.txt");
  const { outline, warnings } = imported(text);
  const runs = runsOf(outline);

  it("reads a resolution in Spanish titled by the resolution heading", () => {
    expect(outline.style).toBe("resolution");
    expect(outline.language).toBe("es");
    expect(outline.title).toBe("RESOLUCIÓN 1332 (MODIFICADA 2024)");
  });

  it("keeps every non-dropped line as exactly one block, in order", () => {
    const lines = keptLines(text);
    expect(outline.blocks).toHaveLength(lines.length);
    expect(outline.blocks).toHaveLength(169);
    // The one footnote is plain text in its paragraph; every other line is its block's text.
    outline.blocks.forEach((block, i) => expect(withoutNotes.line(lines[i]!)).toContain(withoutNotes.block(block.text)));
  });

  it("drops the Word bookmarks", () => {
    expect(outline.blocks.some((b) => b.text.includes("[bookmark"))).toBe(false);
    expect(outline.blocks.some((b) => b.text.startsWith("2.11") || b.text.startsWith("Se examinaron y agradecieron"))).toBe(true);
  });

  it("titles the report and the resolution and finds the opening line", () => {
    const heads = outline.blocks.filter((b) => b.type === "title" || b.type === "openingLine");
    expect(heads.map((b) => [b.type, b.text.slice(0, 40)])).toEqual([
      ["title", "Informe del Presidente del Grupo de Trab"],
      ["title", "RESOLUCIÓN 1332 (MODIFICADA 2024)"],
      ["title", "Función de la UIT en la puesta en prácti"],
      ["openingLine", "El Consejo de la UIT,"],
    ]);
  });

  it("keeps the report before the resolution as paragraphs with their numbers", () => {
    const firstPhrase = outline.blocks.findIndex((b) => b.type === "verbPhrase");
    const report = outline.blocks.slice(0, firstPhrase).filter((b): b is Paragraph => b.type === "paragraph");
    expect(report).toHaveLength(57);
    expect(report.filter((p) => p.sourceLabel).map((p) => p.sourceLabel)).toEqual([
      "1", "a)", "b)", "c)", "d)", "e)", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10",
      "2.10.1", "2.10.2", "2.10.3", "2.11", "2.12", "2.13", "2.14", "3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
      "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.15.1", "3.15.2",
    ]);
    expect(report.find((p) => p.sourceLabel === "1")).toMatchObject({ text: "Introducción", level: 1 });
    expect(report.find((p) => p.sourceLabel === "2.10.1")?.level).toBe(2);
    expect(warnings).toContain(
      "lines 3-61: 57 line(s) before the resolution (a cover note or report) are kept as paragraphs; delete them if they are not to be negotiated.",
    );
  });

  it("finds the verb phrases in order with their part", () => {
    expect(runs.map((r) => [r.part, r.phrase])).toEqual([
      ["preambular", "recordando"],
      ["preambular", "considerando"],
      ["preambular", "reconociendo"],
      ["preambular", "observando"],
      ["operative", "resuelve"],
      ["operative", "encarga al Grupo de Trabajo del Consejo sobre la Cumbre Mundial sobre la Sociedad de la Información y los ODS"],
      ["operative", "encarga a la Secretaria General"],
      ["operative", "encarga al Secretario General y a los Directores de las Oficinas"],
      ["operative", "invita a los Estados Miembros, a los Miembros de Sector y a todas las partes interesadas"],
    ]);
  });

  it("counts the paragraphs of every block with the labels the source shows", () => {
    expect(runs.map((r) => r.paragraphs.length)).toEqual([12, 20, 11, 2, 10, 5, 15, 5, 9]);
    expect(runs.map((r) => [labels(r)[0], labels(r).at(-1)])).toEqual([
      ["a)", "l)"],
      ["a)", "h)"],
      ["a)", "i)"],
      ["a)", "b)"],
      ["1", "b)"],
      ["1", "5"],
      ["1", "1214"],
      ["1", "5"],
      ["1", undefined], // "Anexo: 1", an unlabelled line closing the operative part
    ]);
    expect(labels(runs[6]!)).toEqual(["1", "2", "3", "4", "5", "46", "57", "68", "9", "7", "810", "911", "1012", "1113", "1214"]);
  });

  it("levels roman sub-items under letters and lettered sub-items under numbers", () => {
    const considerando = runs[1]!.paragraphs.map((p) => `${p.sourceLabel ?? "-"}:${p.level}`);
    expect(considerando).toEqual([
      "a):1", "b):1", "c):1", "d):1", "e):1", "f):1", "g):1", "-:1", "-:1",
      "i):2", "ii):2", "iii):2", "iv):2", "v):2", "–:2", "–:2", "–:2", "-:1", "-:1", "h):1",
    ]);
    // "i)" after "h)" is a roman sub-item when "ii)" follows, and the letter i otherwise.
    expect(runs[2]!.paragraphs.slice(7).map((p) => `${p.sourceLabel}:${p.level}`)).toEqual(["h):1", "i):2", "ii):2", "i):1"]);
    expect(runs[4]!.paragraphs.map((p) => p.level)).toEqual([1, 1, 1, 2, 2, 1, 1, 1, 2, 2]);
  });

  it("keeps sample paragraphs exactly", () => {
    const texts = paragraphTexts(outline);
    expect(texts).toContain("que la Agenda 2030 para el Desarrollo Sostenible tiene consecuencias notables para las actividades de la UIT;");
    expect(texts).toContain("que tenga en cuenta los resultados del GTC-CMSI+ODS en las actividades del Grupo Especial de la\u00A0CMSI+ODS;");
    expect(runs[3]!.paragraphs[0]!.text.startsWith("que el Secretario General de la UIT creó el Grupo Especial de la CMSI+ODS")).toBe(true);
  });

  it("ends the operative part at the annex and reads its items as paragraphs", () => {
    const annex = outline.blocks.findIndex((b) => b.type === "sectionHeading");
    expect(outline.blocks.slice(annex, annex + 2)).toEqual([
      { type: "sectionHeading", text: "ANEXO" },
      { type: "sectionHeading", text: "Mandato del GTC-CMSI+ODS" },
    ]);
    const items = outline.blocks.slice(annex + 2) as Paragraph[];
    expect(items.map((p) => `${p.sourceLabel}:${p.level}`)).toEqual(["a):1", "b):1", "c):1", "d):1", "e):1", "f):1", "g):1", "h):1"]);
  });

  it("reports the glued tracked-change labels and phrases", () => {
    expect(warnings).toContain('line 138: label "46" read as 6 with 4 struck (a flattened tracked change); kept as the source shows it.');
    expect(warnings).toContain('line 143: label "810" read as 10 with 8 struck (a flattened tracked change); kept as the source shows it.');
    expect(warnings.some((w) => w.startsWith('line 154: verb phrase "animainvita'))).toBe(true);
  });
});

describe("importing the proposal to modify Resolution 75 (es)", () => {
  const text = readFixture("proposal-mod-res75.es.txt");
  const { outline, warnings } = imported(text);
  const runs = runsOf(outline);

  it("reads a resolution in Spanish titled by the resolution heading", () => {
    expect(outline).toMatchObject({ style: "resolution", language: "es", title: "RESOLUCIÓN 75 (Rev. Ginebra, 2022Nueva Delhi, 2024)" });
  });

  it("keeps every non-dropped line as exactly one block, in order", () => {
    const lines = keptLines(text);
    // The subject of the resolution, written over lines 10 and 11, is one title.
    const joined = [...lines.slice(0, 8), `${lines[8]} ${lines[9]}`, ...lines.slice(10)];
    expect(outline.blocks).toHaveLength(joined.length);
    expect(outline.blocks).toHaveLength(106);
    outline.blocks.forEach((block, i) => expect(withoutNotes.line(joined[i]!)).toContain(withoutNotes.block(block.text)));
    expect(outline.blocks.some((b) => b.text.includes("[bookmark"))).toBe(false);
  });

  it("keeps the cover note and the MOD marker as paragraphs, with a warning", () => {
    expect(outline.blocks.slice(0, 7).map((b) => b.type)).toEqual(Array(7).fill("paragraph"));
    expect(outline.blocks[0]).toEqual({ type: "paragraph", text: "Resumen:", level: 1 });
    expect(outline.blocks[6]).toEqual({ type: "paragraph", text: "MOD ATU/35A18/1", level: 1 });
    expect(warnings).toContain('line 8: "MOD ATU/35A18/1" is an amendment marker (MOD); kept as a paragraph.');
  });

  it("takes the heading, subject and history lines as title blocks and the body line as the opening line", () => {
    expect(outline.blocks.slice(7, 11).map((b) => b.type)).toEqual(["title", "title", "title", "openingLine"]);
    expect(outline.blocks[8]!.text).toBe(
      "Contribución del Sector de Normalización de las Telecomunicaciones de la UIT a la puesta en práctica de los resultados " +
      "de la Cumbre Mundial sobre la Sociedad de la Información, teniendo en cuenta la Agenda 2030 para el Desarrollo Sostenible",
    );
    expect(warnings).toContain("lines 10-11: one title written over 2 lines; joined as one title.");
    expect(outline.blocks[9]!.text).toBe("(Johannesburgo, 2008; Dubái, 2012; Hammamet, 2016; Ginebra, 2022; Nueva Delhi, 2024)");
    expect(outline.blocks[10]!.text).toBe(
      "La Asamblea Mundial de Normalización de las Telecomunicaciones (Ginebra, 2022Nueva Delhi, 2024),",
    );
  });

  it("finds the verb phrases in order, taking the inserted one of a glued pair", () => {
    expect(runs.map((r) => [r.part, r.phrase])).toEqual([
      ["preambular", "recordando"],
      ["preambular", "considerando además"],
      ["preambular", "reconociendo"],
      ["preambular", "reconociendo también"],
      ["preambular", "teniendo en cuenta"],
      ["preambular", "observando"],
      ["preambular", "observando además"],
      ["operative", "resuelve"],
      ["operative", "encarga al Director de la Oficina de Normalización de las Telecomunicaciones"],
      ["operative", "invita a los Estados Miembros, Miembros de Sector, Asociados e Instituciones Académicas"],
      ["operative", "invita a los Estados Miembros"],
      ["operative", "invita a todas las partes interesadas"],
    ]);
    expect(warnings).toContain('line 14: verb phrase "considerandorecordando" read as "recordando" ("considerando" struck, a flattened tracked change).');
  });

  it("counts the paragraphs of every block with the labels the source shows", () => {
    expect(runs.map((r) => r.paragraphs.length)).toEqual([23, 9, 9, 9, 6, 4, 5, 5, 6, 4, 1, 2]);
    expect(runs.map((r) => [labels(r)[0], labels(r).at(-1)])).toEqual([
      ["a)", "ij)"],
      ["a)", "i)"],
      ["a)", "ii)"],
      ["a)", "i)"],
      ["a)", "f)"],
      ["a)", "d)"],
      ["a)", "e)"],
      ["1", "5"],
      ["1", "6"],
      ["1", "4"],
      [undefined, undefined],
      ["1", "2"],
    ]);
  });

  it("reads glued letters and romans by context", () => {
    const recordando = runs[0]!.paragraphs.map((p) => `${p.sourceLabel}:${p.level}`);
    expect(recordando).toEqual([
      "a):1", "b):1", "c):1", "d):1", "e):1", "ef):1",
      "i):2", "i)ii):2", "ii)iii):2", "iii)iv):2", "iv)v):2", "v)vi):2", "vi)vii):2", "vii)viii):2", "viii)ix):2",
      "x):2", "ix)xi):2", "x)xii):2", "xiii):2",
      "fg):1", "gh):1", "hi):1", "ij):1",
    ]);
    // "i)" right after "h)" with no "ii)" after it is the letter i.
    expect(runs[1]!.paragraphs.at(-1)).toMatchObject({ sourceLabel: "i)", level: 1 });
    expect(runs[2]!.paragraphs.slice(-2).map((p) => p.level)).toEqual([2, 2]);
  });

  it("keeps sample paragraphs exactly", () => {
    expect(runs[0]!.paragraphs[5]!.text).toBe(
      "las Resoluciones y Decisiones relativas a la puesta en práctica de los resultados pertinentes de ambas fases de la CMSI y a las cuestiones de política pública internacional relacionadas con Internet que fueron adoptadas por la Conferencia de Plenipotenciarios:",
    );
    expect(runs[10]!.paragraphs[0]).toEqual({ type: "paragraph", text: "a presentar contribuciones al GTC-Internet,", level: 1 });
    expect(runs[11]!.paragraphs[1]!.text).toBe(
      "a participar activamente en las consultas abiertas, tanto físicas como en línea, del\u00A0GTC\u2011Internet.",
    );
  });
});

describe("importing an English declaration", () => {
  const text = [
    "Draft WSIS+20 Declaration",
    "We, the Ministers and High Representatives, assembled in Geneva,",
    "A. Preamble",
    "1.\tReaffirm our common desire to build a people-centred information society.",
    "2.\tReaffirm that the information society must be grounded in the Charter:",
    "(a)\tin full respect for human rights;",
    "(b)\tin multilateralism.",
    "B. Achievements and lessons",
    "3.\tRecognize the progress made since 2005.",
  ].join("\r\n");
  const { outline } = imported(text);

  it("reads title, opening line, section headings and continuously numbered paragraphs", () => {
    expect(outline).toMatchObject({ title: "Draft WSIS+20 Declaration", style: "declaration", language: "en" });
    expect(outline.blocks.map((b) => (b.type === "paragraph" ? `${b.sourceLabel}:${b.level}` : b.type))).toEqual([
      "title", "openingLine", "sectionHeading", "1.:1", "2.:1", "(a):2", "(b):2", "sectionHeading", "3.:1",
    ]);
    expect(outline.blocks[7]).toEqual({ type: "sectionHeading", text: "B. Achievements and lessons" });
  });

  it("takes numbered headings with a tab as section headings", () => {
    const report = imported("Informe\n1\tIntroducción\n1.1\tEn este documento se presenta el informe de las dos reuniones.\n2\tActividades del Grupo\n2.1\tSe presentaron los trabajos del Grupo.");
    expect(report.outline.blocks.map((b) => [b.type, b.text.slice(0, 16)])).toEqual([
      ["title", "Informe"],
      ["sectionHeading", "1 Introducción"],
      ["paragraph", "En este document"],
      ["sectionHeading", "2 Actividades de"],
      ["paragraph", "Se presentaron l"],
    ]);
    expect(report.outline.language).toBe("es");
  });
});

describe("importing an English resolution", () => {
  const text = [
    "RESOLUTION 140 (REV. BUCHAREST, 2022)",
    "ITU's role in implementing the outcomes of the World Summit on the Information Society",
    "The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),",
    "recalling",
    "(a)\tGeneral Assembly resolution 70/125;",
    "(b)\tthe outcomes of WSIS;",
    "recalling further",
    "(a)\tthe WSIS+10 Statement,",
    "considering",
    "(a)\tthat ITU plays a leading role;",
    "(b)\tthat (c) and (d) below apply;",
    "(c)\tthat the review is due;",
    "(d)\tthat the CSTD reports;",
    "(e)\tthat the Council acts;",
    "(f)\tthat the Summit was held;",
    "(g)\tthat regional events occur;",
    "(h)\tthat the High-Level Event requests:",
    "(i)\tcontinued relevance of the Action Lines;",
    "(ii)\tcomplementarity with the Global Digital Compact;",
    "(i)\tthat the ninth point stands,",
    "resolves",
    "1\tthat ITU continues its work;",
    "(a)\tby updating the Action Line plans;",
    "(b)\tby contributing to the review;",
    "2\tthat ITU reports annually,",
    "instructs the Secretary-General",
    "1\tto report to the Council;",
    "invites Member States and Sector Members",
    "1\tto participate actively.",
  ].join("\n");
  const { outline } = imported(text);
  const runs = runsOf(outline);

  it("finds the head, the verb phrases and their parts", () => {
    expect(outline).toMatchObject({ title: "RESOLUTION 140 (REV. BUCHAREST, 2022)", style: "resolution", language: "en" });
    expect(outline.blocks.slice(0, 3).map((b) => b.type)).toEqual(["title", "title", "openingLine"]);
    expect(runs.map((r) => [r.part, r.phrase])).toEqual([
      ["preambular", "recalling"],
      ["preambular", "recalling further"],
      ["preambular", "considering"],
      ["operative", "resolves"],
      ["operative", "instructs the Secretary-General"],
      ["operative", "invites Member States and Sector Members"],
    ]);
  });

  it("levels English-style labels by block", () => {
    expect(runs.map((r) => r.paragraphs.map((p) => `${p.sourceLabel}:${p.level}`))).toEqual([
      ["(a):1", "(b):1"],
      ["(a):1"],
      ["(a):1", "(b):1", "(c):1", "(d):1", "(e):1", "(f):1", "(g):1", "(h):1", "(i):2", "(ii):2", "(i):1"],
      ["1:1", "(a):2", "(b):2", "2:1"],
      ["1:1"],
      ["1:1"],
    ]);
  });
});

describe("verb phrases on their own line", () => {
  it("ignores leftover italic markers and trailing punctuation", () => {
    const { outline } = imported("Draft\n*recalling further*,\n(a)\tone;\n_resolves_:\n1\ttwo.");
    expect(runsOf(outline).map((r) => [r.part, r.phrase])).toEqual([
      ["preambular", "recalling further"],
      ["operative", "resolves"],
    ]);
  });

  it("does not let one stray verb-like line turn a declaration into a resolution", () => {
    const { outline, warnings } = imported("Draft Declaration\nA. Preamble\n1.\tWe commit.\nDecides\n2.\tWe agree.");
    expect(outline.style).toBe("declaration");
    expect(outline.blocks[3]).toEqual({ type: "paragraph", text: "Decides", level: 1 });
    expect(warnings[0]).toMatch(/line 4: "Decides" looks like a verb phrase/);
  });

  it("does not take a sentence that starts like a verb phrase for one", () => {
    const { outline } = imported(
      "Draft\nrecalling\n(a)\tone;\nRecognizing that much remains to be done;\nresolves\n1\ttwo.",
    );
    expect(outline.blocks[3]).toEqual({ type: "paragraph", text: "Recognizing that much remains to be done;", level: 1 });
  });
});

describe("importing a French resolution", () => {
  const text = [
    "\uFEFFRÉSOLUTION 140 (RÉV. BUCAREST, 2022)",
    "Rôle de l'UIT dans la mise en œuvre des résultats du Sommet mondial sur la société de l'information",
    "La Conférence de plénipotentiaires de l'Union internationale des télécommunications (Bucarest, 2022),",
    "rappelant",
    "a)\tla Résolution 70/125 de l'Assemblée générale des Nations Unies;",
    "b)\tles résultats du SMSI;",
    "considérant",
    "a)\tque l'UIT joue un rôle essentiel;",
    "décide",
    "1\tque l'UIT poursuive ses travaux;",
    "a)\ten mettant à jour les plans des grandes orientations;",
    "2\tque l'UIT fasse rapport chaque année,",
    "charge le Secrétaire général",
    "1\tde faire rapport au Conseil.",
  ].join("\n");
  const { outline } = imported(text);

  it("reads French verb phrases, labels and language", () => {
    expect(outline).toMatchObject({ title: "RÉSOLUTION 140 (RÉV. BUCAREST, 2022)", style: "resolution", language: "fr" });
    expect(runsOf(outline).map((r) => [r.part, r.phrase, r.paragraphs.map((p) => `${p.sourceLabel}:${p.level}`)])).toEqual([
      ["preambular", "rappelant", ["a):1", "b):1"]],
      ["preambular", "considérant", ["a):1"]],
      ["operative", "décide", ["1:1", "a):2", "2:1"]],
      ["operative", "charge le Secrétaire général", ["1:1"]],
    ]);
  });

  it("lets the caller set the title and language", () => {
    const chosen = imported(text, { title: "Projet de résolution", language: "en" }).outline;
    expect(chosen).toMatchObject({ title: "Projet de résolution", language: "en" });
  });
});

describe("tracked changes flattened into labels and phrases", () => {
  const text = [
    "Le Conseil,",
    "considerandorecordando:",
    "a)\tprimero;",
    "b)\tsegundo;",
    "c)\ttercero;",
    "cd)\tcuarto, antes tercero bis;",
    "ef)\tsexto, antes quinto;",
    "resuelve",
    "1\tuno;",
    "2\tdos;",
    "3\ttres;",
    "4\tcuatro;",
    "46\tseis, antes cuatro;",
    "57\tsiete, antes cinco.",
  ].join("\n");
  const { outline, warnings } = imported(text);
  const runs = runsOf(outline);

  it("takes the last phrase of a glued pair as the phrase", () => {
    expect(runs[0]).toMatchObject({ phrase: "recordando", part: "preambular" });
    expect(outline.blocks[0]).toEqual({ type: "openingLine", text: "Le Conseil," });
  });

  it("keeps glued labels as the source shows them, at the level of what they now number", () => {
    expect(labels(runs[0]!)).toEqual(["a)", "b)", "c)", "cd)", "ef)"]);
    expect(runs[0]!.paragraphs.map((p) => p.level)).toEqual([1, 1, 1, 1, 1]);
    expect(labels(runs[1]!)).toEqual(["1", "2", "3", "4", "46", "57"]);
    expect(runs[1]!.paragraphs.map((p) => p.level)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'line 6: label "cd)" read as d with c struck (a flattened tracked change); kept as the source shows it.',
        'line 13: label "46" read as 6 with 4 struck (a flattened tracked change); kept as the source shows it.',
      ]),
    );
  });
});

describe("refusals", () => {
  it("refuses an empty text", () => {
    expect(parsePlainTextDocument("")).toMatchObject({ ok: false });
    const cleanedAway = parsePlainTextDocument("\uFEFF\r\n  \n[bookmark: _Toc1]\n__________\n\t\n");
    expect(cleanedAway.ok).toBe(false);
    if (!cleanedAway.ok) expect(cleanedAway.error).toMatch(/empty/);
  });

  it("refuses binary-looking text", () => {
    const zip = parsePlainTextDocument("PK\u0003\u0004\u0014\u0000\u0006\u0000word/document.xml");
    expect(zip.ok).toBe(false);
    if (!zip.ok) expect(zip.error).toMatch(/binary/);
    const undecodable = parsePlainTextDocument("\uFFFD\uFFFDPNG\uFFFD\u0001\u0002 IHDR \uFFFD\uFFFD\uFFFD");
    expect(undecodable.ok).toBe(false);
  });

  it("imports text with a stray unreadable character but warns about it", () => {
    const result = parsePlainTextDocument("Draft\n1.\tThe Summit was held in Gen\uFFFDve in 2003 and in Tunis in 2005.");
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings[0]).toMatch(/unreadable/);
  });
});

describe("titles written over several lines", () => {
  it("joins a title line that runs on, and never an annex letter's next line or the opening line", () => {
    const runOn = parsePlainTextDocument("Draft declaration on the\nimplementation of the outcomes\nWe, the Ministers,\n1.\tAgree.\n", { language: "en" });
    if (!runOn.ok) throw new Error(runOn.error);
    expect(runOn.outline.title).toBe("Draft declaration on the implementation of the outcomes");
    expect(runOn.outline.blocks.map((b) => b.type)).toEqual(["title", "openingLine", "paragraph"]);

    const annex = parsePlainTextDocument("Annex A\nVision for WSIS beyond 2025\n1.\tAgree.\n", { language: "en" });
    if (!annex.ok) throw new Error(annex.error);
    expect(annex.outline.title).toBe("Annex A");

    const connector = parsePlainTextDocument("Geneva Declaration of\nWe, the Ministers,\n1.\tAgree.\n", { language: "en" });
    if (!connector.ok) throw new Error(connector.error);
    expect(connector.outline.blocks.map((b) => b.type)).toEqual(["title", "openingLine", "paragraph"]);
  });
});
