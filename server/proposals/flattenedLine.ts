/**
 * A MOD read back from flattened tracked changes: Word saved as plain text
 * keeps struck and underlined words alike, the struck ones glued to the
 * underlined ones that replace them ("Ginebra, 2022Nueva Delhi, 2024").
 * The line then holds every word of the base paragraph, in order, plus the
 * inserted ones.
 *
 * 1. Align: the base paragraph's word segments are placed into the line in
 *    order, with as few stretches of inserted text between them as
 *    possible (ties: each base word as early as it fits, so a glued
 *    "Consejoel" is "Consejo" then the inserted "el").
 * 2. Deletions: inserted text glued to the base text before it (a letter or
 *    digit on both sides of the seam, or two sentence marks such as ";,")
 *    replaces base text ending at the seam. How much is not written in the
 *    flattened text, so it is read by rule, in this order:
 *    - repetition: the insertion starts with the last words before the seam
 *      ("el Consejo" + "el Consejo de la UIT"), or with the same words
 *      changed ("le Secrétaire général" + "la Secrétaire générale"): those
 *      words were rewritten;
 *    - shape: the base text before the seam with the insertion's shape
 *      (names, numbers and punctuation in the same order: "Ginebra, 2022"
 *      for "Nueva Delhi, 2024", "2019" for "2024", ";" for ",");
 *    - otherwise only the base word touching the seam, a guess the caller
 *      reports ("considerando" before "recordando").
 */
import { segments } from "../../shared/compare/wordChanges.js";
import { modRuns, type ModRun } from "../../shared/proposals/modChange.js";

/** A stretch of base text read as deleted. */
export interface FlattenedDeletion {
  /** The base words taken as deleted. */
  deleted: string;
  /** The inserted text that replaces them. */
  inserted: string;
  /**
   * Which rule chose the extent: the insertion repeats the words (`repetition`) or the same words changed
   * (`rewrite`), has their shape (`shape`), or only the glued word was taken (`guess`).
   */
  rule: "repetition" | "rewrite" | "shape" | "guess";
}

/** A flattened line read against its base paragraph. */
export type FlattenedReading =
  | { ok: true; text: string; runs: ModRun[]; deletions: FlattenedDeletion[]; runOns: string[] }
  | { ok: false; reason: string };

/** Past this many alignment cells (base segments times line characters) a line is not aligned. */
export const MAX_ALIGNMENT_CELLS = 4_000_000;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SENTENCE_MARK = /[,;.:]/;
/** Characters read as the same when aligning (the base may use plain spaces and hyphens where the proposal has typographic ones). */
const FOLD: Record<string, string> = { "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00AD": "", "\u2019": "'", "\u02BC": "'" };

function fold(text: string): string {
  return text.replace(/[\u2010-\u2012\u00AD\u2019\u02BC]/g, (c) => FOLD[c]!);
}

function isSpace(text: string): boolean {
  return /^\s+$/u.test(text);
}

/** One piece of the alignment: a base segment placed at line[from, to), or line[from, to) inserted. */
type Piece = { kind: "base"; token: number; from: number; to: number } | { kind: "insert"; from: number; to: number };

/**
 * Places the base segments into the line in order with the fewest inserted
 * stretches; null when they do not all fit. A whitespace segment matches
 * any run of whitespace.
 */
function align(tokens: string[], line: string): Piece[] | null {
  const n = tokens.length;
  const m = line.length;
  const folded = fold(line);
  const foldedTokens = tokens.map((t) => fold(t));
  const spaceEnd = new Int32Array(m + 1);
  for (let j = m - 1; j >= 0; j--) spaceEnd[j] = /\s/u.test(line[j]!) ? (spaceEnd[j + 1]! > j + 1 ? spaceEnd[j + 1]! : j + 1) : j;
  spaceEnd[m] = m;
  /** Where base segment i ends when placed at j, or -1. */
  const placeAt = (i: number, j: number): number => {
    const token = foldedTokens[i]!;
    if (isSpace(token)) return spaceEnd[j]! > j ? spaceEnd[j]! : -1;
    return folded.startsWith(token, j) ? j + token.length : -1;
  };
  const width = m + 1;
  const INF = 0xffff;
  // cost[g][i * width + j]: fewest inserted stretches to place segments i.. into line[j..], g = an insertion is open.
  const cost = [new Uint16Array((n + 1) * width), new Uint16Array((n + 1) * width)] as const;
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      const cell = i * width + j;
      if (i === n) {
        cost[0][cell] = j === m ? 0 : 1;
        cost[1][cell] = 0;
        continue;
      }
      const end = placeAt(i, j);
      const placed = end >= 0 ? cost[0][(i + 1) * width + end]! : INF;
      const skipped = j < m ? cost[1][cell + 1]! : INF;
      cost[0][cell] = Math.min(placed, skipped + 1, INF);
      cost[1][cell] = Math.min(placed, skipped);
    }
  }
  if (cost[0][0]! >= INF) return null;
  const pieces: Piece[] = [];
  let i = 0;
  let j = 0;
  let g: 0 | 1 = 0;
  while (i < n || j < m) {
    const here = cost[g][i * width + j]!;
    const end = i < n ? placeAt(i, j) : -1;
    if (end >= 0 && cost[0][(i + 1) * width + end] === here) {
      pieces.push({ kind: "base", token: i, from: j, to: end });
      i += 1;
      j = end;
      g = 0;
      continue;
    }
    const last = pieces[pieces.length - 1];
    if (last?.kind === "insert" && last.to === j) last.to = j + 1;
    else pieces.push({ kind: "insert", from: j, to: j + 1 });
    j += 1;
    g = 1;
  }
  return pieces;
}

/** Names, numbers and single punctuation marks: what the shape rule compares. */
type Unit = { kind: "words" | "number" | "mark"; text: string; start: number; words: number };
const UNIT = /(\p{L}+(?:[\s\-'’\u2011]+\p{L}+)*)|(\p{N}+)|(\S)/gu;

function unitsOf(text: string): Unit[] {
  return [...text.matchAll(UNIT)].map((m) => ({
    kind: m[1] !== undefined ? "words" : m[2] !== undefined ? "number" : "mark",
    text: m[0],
    start: m.index,
    words: m[1] !== undefined ? m[1].split(/[\s\-'’\u2011]+/u).length : 1,
  }));
}

function sameUnit(a: Unit, b: Unit): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "mark") return a.text === b.text || (SENTENCE_MARK.test(a.text) && SENTENCE_MARK.test(b.text));
  return true;
}

/** Two words read as one rewritten: the same stem (4 letters and two thirds of the shorter), or two short function words. */
function alike(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length <= 3 && b.length <= 3) return /^\p{L}+$/u.test(a) && /^\p{L}+$/u.test(b);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  return common >= 4 && common >= (2 * Math.min(a.length, b.length)) / 3;
}

function wordsOf(text: string, language: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let at = 0;
  for (const s of segments(text, language)) {
    if (WORD_CHAR.test(s)) out.push({ text: fold(s).toLowerCase(), start: at });
    at += s.length;
  }
  return out;
}

/**
 * Where the deletion replaced by `inserted` starts in `before` (base text
 * ending at the glued seam), and by which rule.
 */
export function deletionStart(before: string, inserted: string, language: string): { start: number; rule: FlattenedDeletion["rule"] } {
  const seamIsMark = SENTENCE_MARK.test(before[before.length - 1] ?? "");
  if (!seamIsMark) {
    // Repetition: the last k words before the seam open the insertion.
    const left = wordsOf(before, language);
    const right = wordsOf(inserted, language);
    for (let k = Math.min(left.length, right.length); k >= 1; k--) {
      const tail = left.slice(left.length - k);
      if (tail.every((w, x) => w.text === right[x]!.text)) return { start: tail[0]!.start, rule: "repetition" };
    }
    // Rewriting: the insertion starts with the same words changed ("le Secrétaire général" + "la Secrétaire générale").
    for (let k = Math.min(left.length, right.length); k >= 1; k--) {
      const tail = left.slice(left.length - k);
      const pairs = tail.map((w, x) => [w.text, right[x]!.text] as const);
      if (pairs.every(([a, b]) => alike(a, b)) && pairs.some(([a, b]) => a.length > 3 && b.length > 3)) return { start: tail[0]!.start, rule: "rewrite" };
    }
  }
  // Shape: the same sequence of names, numbers and marks, unless the insertion is words alone.
  const want = unitsOf(inserted);
  const have = unitsOf(before);
  const plainWords = want.length === 1 && want[0]!.kind === "words";
  if (!plainWords && want.length > 0 && have.length >= want.length) {
    const tail = have.slice(have.length - want.length);
    if (tail.every((u, x) => sameUnit(u, want[x]!))) {
      const first = tail[0]!;
      const wanted = want[0]!;
      // A long run of words before a short name is not all of it: keep to the name's length, and say so.
      if (first.kind === "words" && first.words > wanted.words + 2) {
        const kept = first.text.split(/(?<=[\s\-'’\u2011]+)(?=\p{L})/u);
        return { start: first.start + kept.slice(0, kept.length - wanted.words).join("").length, rule: "guess" };
      }
      return { start: first.start, rule: "shape" };
    }
  }
  // Guess: the glued word alone.
  const touching = have[have.length - 1];
  if (touching && touching.kind !== "words") return { start: touching.start, rule: "guess" };
  const lastWord = wordsOf(before, language).pop();
  return { start: lastWord?.start ?? before.length, rule: "guess" };
}

/**
 * Reads a flattened line against its base paragraph: the paragraph as
 * proposed, its change as runs, and each deletion read from a glued seam.
 */
export function readFlattenedLine(base: string, line: string, language: string): FlattenedReading {
  // Spaces side by side (a space and a no-break space are two segments) match one run of spaces in the line.
  const tokens = segments(base, language).reduce<string[]>((out, s) => {
    if (isSpace(s) && out.length > 0 && isSpace(out[out.length - 1]!)) out[out.length - 1] += s;
    else out.push(s);
    return out;
  }, []);
  if (tokens.length * (line.length + 1) > MAX_ALIGNMENT_CELLS) {
    return { ok: false, reason: "the line is too long to be compared word by word with its paragraph" };
  }
  const pieces = align(tokens, line);
  if (!pieces) return { ok: false, reason: missingWords(base, line) };

  // Each base segment kept or deleted; each insertion after the base segments it follows.
  const deleted = new Array<boolean>(tokens.length).fill(false);
  const deletions: FlattenedDeletion[] = [];
  const runOns: string[] = [];
  const dropped = new Set<number>();
  const baseOffset: number[] = [];
  let at = 0;
  for (const t of tokens) {
    baseOffset.push(at);
    at += t.length;
  }
  pieces.forEach((piece, p) => {
    if (piece.kind !== "insert") return;
    const inserted = line.slice(piece.from, piece.to);
    const previous = pieces[p - 1];
    const next = pieces[p + 1];
    if (next?.kind === "base" && WORD_CHAR.test(inserted[inserted.length - 1]!) && WORD_CHAR.test(line[next.from] ?? "")) {
      runOns.push(`${inserted.trim()}${tokens[next.token]!.split(/\s/)[0]}`);
    }
    if (previous?.kind !== "base") return;
    const left = line[previous.to - 1] ?? "";
    const right = inserted[0]!;
    const glued = (WORD_CHAR.test(left) && WORD_CHAR.test(right)) || (SENTENCE_MARK.test(left) && SENTENCE_MARK.test(right));
    if (!glued) return;
    // The base text since the last insertion (or the start), ending at the seam.
    let first = p - 1;
    while (first > 0 && pieces[first - 1]!.kind === "base") first -= 1;
    const firstToken = (pieces[first] as Extract<Piece, { kind: "base" }>).token;
    const lastToken = previous.token;
    const before = tokens.slice(firstToken, lastToken + 1).join("");
    const { start, rule } = deletionStart(before, inserted, language);
    const from = baseOffset[firstToken]! + start;
    const taken = base.slice(from, baseOffset[lastToken]! + tokens[lastToken]!.length);
    // Words struck and written again the same (a space made plain, say) change nothing.
    if (sameWords(taken, inserted)) {
      dropped.add(p);
      return;
    }
    // The rules start a deletion where a segment starts.
    for (let t = firstToken; t <= lastToken; t++) if (baseOffset[t]! >= from) deleted[t] = true;
    deletions.push({ deleted: taken, inserted, rule });
  });

  let text = "";
  pieces.forEach((piece, p) => {
    if (piece.kind === "insert") {
      if (!dropped.has(p)) text += line.slice(piece.from, piece.to);
    }
    else if (!deleted[piece.token]) text += tokens[piece.token];
  });
  text = text.replace(/\s+$/u, "").replace(/^\s+/u, "");
  return { ok: true, text, runs: modRuns(base, text, language), deletions, runOns };
}

function sameWords(a: string, b: string): boolean {
  const norm = (t: string) => fold(t).replace(/\s+/gu, " ").trim();
  return norm(a) === norm(b);
}

/** Why the base paragraph does not fit in the line: its words the line lacks. */
function missingWords(base: string, line: string): string {
  // Letters and digits apart, so that a word glued to an inserted one ("2018Bucarest") is still found.
  const words = (text: string) => [...fold(text).toLowerCase().matchAll(/\p{L}+|\p{N}+/gu)].map((m) => m[0]);
  const lineWords = new Set(words(line));
  const missing = [...new Set(words(base).filter((w) => !lineWords.has(w)))];
  if (missing.length === 0) return "the paragraph's words are all in the line but not in the paragraph's order";
  const shown = missing.slice(0, 5).map((w) => `"${w}"`).join(", ");
  return `the paragraph's word${missing.length > 1 ? "s" : ""} ${shown}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""} ${missing.length > 1 ? "are" : "is"} not in the line`;
}
