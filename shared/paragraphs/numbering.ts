import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";

/** What numbering needs to know of a block, in document order. */
export interface NumberingBlock {
  pid: string;
  kind: "title" | "openingLine" | "sectionHeading" | "verbPhrase" | "paragraph";
  /** 1 for a paragraph, 2 for a sub-paragraph. */
  level?: number;
  /** For verb phrases: which part of a resolution they open. */
  part?: "preambular" | "operative";
  /** The label core frozen when the last revision was issued, or null for text added since. */
  frozenLabel?: string | null;
  /**
   * The label core an imported source gave the paragraph, kept as written until the
   * first revision renumbers ("h", "2.10.1", "–"); a frozen label takes precedence.
   */
  importedLabel?: string | null;
}

/** A computed label: `core` as frozen and referenced ("5 bis"), `display` as shown in the margin ("5 bis."). */
export interface ParagraphLabel {
  core: string;
  display: string;
  /** How delegates refer to it aloud: "OP5 bis", "PP c)", "para 12", "OP3 (a)". */
  reference: string;
  /** Operative or preambular part (resolution style), or null (declaration style). */
  part: "preambular" | "operative" | null;
}

/** Latin multiplicative adverbs used for paragraphs inserted after a frozen one: 5 bis, 5 ter ... */
export const LATIN_SUFFIXES = [
  "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies",
  "undecies", "duodecies", "terdecies", "quaterdecies", "quindecies", "sexdecies",
  "septdecies", "octodecies", "novodecies", "vicies",
];

/** The n-th (1-based) insertion suffix: 1 -> bis, 2 -> ter ...; past vicies, a number. */
export function insertionSuffix(n: number): string {
  return LATIN_SUFFIXES[n - 1] ?? `(${n + 1})`;
}

/** a, b ... z, aa, ab ... (ITU style for lettered items). */
export function letters(n: number): string {
  let out = "";
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(97 + ((i - 1) % 26)) + out;
  return out;
}

/** Lower-case roman numerals for sub-items: i, ii, iii, iv ... */
export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
    [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"],
  ];
  let out = "";
  let rest = n;
  for (const [value, numeral] of table) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

type Scheme = "number" | "letter" | "roman";

const NUMBER_CORE = /^\d+(?: [a-z]+| \(\d+\))*$/;
const LETTER_CORE = /^[a-z]+(?: [a-z]+| \(\d+\))*$/;

/**
 * Wraps a core the way the document's language writes it: numbers as they are (with a full stop in
 * a declaration), letters and roman numerals (a) in English, a) in Spanish and French. The core's
 * shape decides, so a label kept from an imported source is dressed as what it is (a letter among
 * numbers stays a letter); "0 bis", an addition before the first label, takes its run's scheme; a
 * label that is neither a number nor letters ("2.10.1", "–") is shown as written.
 */
function wrap(core: string, scheme: Scheme, language: DocumentLanguage, style: DocumentStyle): string {
  const shape = core.startsWith("0 ") ? scheme : NUMBER_CORE.test(core) ? "number" : LETTER_CORE.test(core) ? "letter" : null;
  if (shape === null) return core;
  if (shape === "number") return style === "declaration" ? `${core}.` : core;
  return language === "en" ? `(${core})` : `${core})`;
}

const SUFFIXED = new RegExp(`^(.+) (${LATIN_SUFFIXES.join("|")})$`);

/** A label and how many insertions it already counts: "5 bis" is 5 and 1, so what follows it is "5 ter". */
function insertionBase(label: string): { root: string; inserted: number } {
  const match = SUFFIXED.exec(label);
  return match ? { root: match[1]!, inserted: LATIN_SUFFIXES.indexOf(match[2]!) + 1 } : { root: label, inserted: 0 };
}

/** The label a block keeps instead of a sequential one: frozen by a revision, else as an imported source wrote it. */
export function keptLabel(block: NumberingBlock): string | null {
  return block.frozenLabel || block.importedLabel || null;
}

/** Blocks as a revision or the agreed text number them: sequentially, every kept label set aside. */
export function withoutKeptLabels<T extends NumberingBlock>(blocks: T[]): T[] {
  return blocks.map((b) => ({ ...b, frozenLabel: null, importedLabel: null }));
}

function sequential(n: number, scheme: Scheme): string {
  return scheme === "number" ? String(n) : scheme === "letter" ? letters(n) : roman(n);
}

/**
 * Numbers one run of sibling items (the paragraphs of a block, or the
 * sub-paragraphs of a paragraph). Without frozen labels the run is numbered
 * sequentially. Once a revision froze labels, frozen items keep theirs and each
 * item added since takes the preceding frozen label plus bis, ter, quater ...;
 * items before the first frozen one hang off "0" (0 bis, 0 ter).
 */
export function numberRun(frozen: (string | null | undefined)[], scheme: Scheme): string[] {
  if (!frozen.some((f) => f)) return frozen.map((_, i) => sequential(i + 1, scheme));
  const out: string[] = [];
  let base = "0";
  let inserted = 0;
  for (const label of frozen) {
    if (label) {
      ({ root: base, inserted } = insertionBase(label));
      out.push(label);
    } else {
      inserted += 1;
      out.push(`${base} ${insertionSuffix(inserted)}`);
    }
  }
  return out;
}

/**
 * Computes every paragraph's label. Declaration style numbers paragraphs
 * continuously through the document; resolution style restarts in every
 * verb-phrase block, lettering preambular paragraphs and numbering operative
 * ones (paragraphs outside any block, before the first phrase or under a
 * section heading such as an annex, are numbered plainly). Sub-paragraphs restart under each paragraph: i), ii) under lettered
 * paragraphs, a), b) under numbered ones.
 */
export function numberParagraphs(
  blocks: NumberingBlock[],
  style: DocumentStyle,
  language: DocumentLanguage,
): Map<string, ParagraphLabel> {
  const labels = new Map<string, ParagraphLabel>();
  // Group paragraphs into runs: top-level runs per block (or the whole document), sub-runs per parent.
  type Item = { block: NumberingBlock; children: NumberingBlock[]; part: "preambular" | "operative" | null };
  const runs: Item[][] = [[]];
  // Paragraphs before the first verb phrase (a covering report) and after a section heading (an
  // annex) belong to no part and are numbered plainly.
  let part: "preambular" | "operative" | null = null;
  for (const block of blocks) {
    if (style === "resolution" && (block.kind === "verbPhrase" || block.kind === "sectionHeading")) {
      part = block.kind === "verbPhrase" ? (block.part ?? "preambular") : null;
      runs.push([]);
      continue;
    }
    if (block.kind !== "paragraph") continue;
    const run = runs[runs.length - 1]!;
    if ((block.level ?? 1) >= 2 && run.length > 0) run[run.length - 1]!.children.push(block);
    else run.push({ block, children: [], part });
  }
  for (const run of runs) {
    if (run.length === 0) continue;
    const runPart = run[0]!.part;
    const scheme: Scheme = runPart === "preambular" ? "letter" : "number";
    const cores = numberRun(run.map((i) => keptLabel(i.block)), scheme);
    run.forEach((item, i) => {
      const core = cores[i]!;
      const display = wrap(core, scheme, language, style);
      labels.set(item.block.pid, { core, display, reference: reference(runPart, display), part: runPart });
      const subScheme: Scheme = scheme === "letter" ? "roman" : "letter";
      const subCores = numberRun(item.children.map(keptLabel), subScheme);
      item.children.forEach((child, j) => {
        const subDisplay = wrap(subCores[j]!, subScheme, language, style);
        labels.set(child.pid, {
          core: subCores[j]!,
          display: subDisplay,
          reference: `${reference(runPart, display)} ${subDisplay}`,
          part: runPart,
        });
      });
    });
  }
  return labels;
}

function reference(part: "preambular" | "operative" | null, display: string): string {
  const bare = display.replace(/\.$/, "");
  if (part === "operative") return `OP${bare}`;
  if (part === "preambular") return `PP ${bare}`;
  return `para ${bare}`;
}
