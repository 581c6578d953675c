import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { LATIN_LETTERS, LATIN_SUFFIXES, letterValue, nthLetter, roman, romanValue, type LanguageConventions, type ReferencePart } from "../languages/conventions.js";
import { conventionsOf } from "../languages/index.js";

export { LATIN_SUFFIXES, roman };

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

/** The n-th (1-based) insertion suffix: 1 -> bis, 2 -> ter ...; past vicies, a number. */
export function insertionSuffix(n: number): string {
  return LATIN_SUFFIXES[n - 1] ?? `(${n + 1})`;
}

/** a, b ... z, aa, ab ... (ITU style for lettered items): the canonical letters of a label core. */
export function letters(n: number): string {
  return nthLetter(LATIN_LETTERS, n);
}

type Scheme = "number" | "letter" | "roman";

const NUMBER_CORE = /^\d+(?: [a-z]+| \(\d+\))*$/;
const LETTER_CORE = /^[a-z]+(?: [a-z]+| \(\d+\))*$/;

const ROMAN_CORE = /^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;


/**
 * A core as the language writes it: cores are stored in one canonical form ("c", "ii", "5 bis")
 * whatever the language, so a frozen label means the same paragraph in every language; shown, "c"
 * is ج in Arabic, "ii" is ㈡ in Chinese, "5 bis" is "5 مكرراً" or "5之二".
 */
function localCore(core: string, shape: Scheme, conventions: LanguageConventions): string {
  const [root, ...suffixes] = core.split(" ");
  const value = root === "0" || shape === "number" ? null : shape === "roman" ? romanValue(root!) : letterValue(LATIN_LETTERS, root!);
  const shown = value === null ? root! : shape === "roman" ? conventions.romanNumeral(value) : nthLetter(conventions.letters, value);
  const words = suffixes.map((s) => {
    const at = LATIN_SUFFIXES.indexOf(s);
    return at < 0 ? s : conventions.suffixes[at] ?? `(${at + 2})`;
  });
  return [shown, ...words].join(conventions.suffixJoiner);
}

/**
 * Dresses a core the way the document's language writes it (the language's table): numbers as
 * they are (with a full stop in an English declaration), letters and roman numerals (a) in English,
 * a) in Spanish and French, (أ) and ’1‘ in Arabic. The core's shape decides, so a label kept from
 * an imported source is dressed as what it is (a letter among numbers stays a letter); "0 bis", an
 * addition before the first label, takes its run's scheme; a label that is neither a number nor
 * letters ("2.10.1", "–") is shown as written.
 */
function wrap(core: string, scheme: Scheme, conventions: LanguageConventions, style: DocumentStyle): string {
  const root = core.split(" ")[0]!;
  const shape: Scheme | null = core.startsWith("0 ") ? scheme
    : NUMBER_CORE.test(core) ? "number"
      : LETTER_CORE.test(core) ? (scheme === "roman" && ROMAN_CORE.test(root) ? "roman" : "letter")
        : null;
  if (shape === null) return core;
  const form = conventions.forms[style][shape];
  return `${form.before}${localCore(core, shape, conventions)}${form.after}`;
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
  const conventions = conventionsOf(language);
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
      const display = wrap(core, scheme, conventions, style);
      // References name the paragraph as a resolution writes it: "para 12", never "para 12.".
      const named = wrap(core, scheme, conventions, "resolution");
      const part: ReferencePart = runPart ?? "plain";
      labels.set(item.block.pid, { core, display, reference: conventions.reference(part, named, null), part: runPart });
      const subScheme: Scheme = scheme === "letter" ? "roman" : "letter";
      const subCores = numberRun(item.children.map(keptLabel), subScheme);
      item.children.forEach((child, j) => {
        const subDisplay = wrap(subCores[j]!, subScheme, conventions, style);
        labels.set(child.pid, {
          core: subCores[j]!,
          display: subDisplay,
          reference: conventions.reference(part, named, subDisplay),
          part: runPart,
        });
      });
    });
  }
  return labels;
}
