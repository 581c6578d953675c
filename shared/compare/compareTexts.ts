/**
 * The comparison of two texts of a document (two revisions, or a revision
 * and the live text), paragraph by paragraph: which are new, deleted, moved
 * or changed, and inside each, the words inserted and deleted, each naming
 * who wrote or deleted it. Pure: the server reads the texts and their
 * authors from storage and hands them in.
 *
 * Blocks are matched by pid, the identity a paragraph keeps through every
 * edit and revision. Blocks whose order changed (those outside the longest
 * run kept in order) are moved. Words are compared with the `diff` package
 * (`diffArrays`) over the `Intl.Segmenter` word segments of the document's
 * language, so Chinese and Arabic compare by word, not by character or byte.
 */
import { diffArrays } from "diff";
import type { ParagraphStatus, StakeholderGroup } from "../../schemas/domain.js";
import type { NumberingBlock } from "../paragraphs/numbering.js";
import { wordChanges } from "./wordChanges.js";

/** Someone who wrote or deleted words, as a comparison names them. */
export interface Person {
  name: string;
  delegation: string | null;
  group: StakeholderGroup | null;
}

/** A run of a block's text and who wrote it (the later text) or deleted it (the earlier text); null when nobody is known. */
export interface Attributed {
  length: number;
  by: Person | null;
  /** Later text: words a split or join carried here from another paragraph rather than typed (`by` is their author). */
  carried?: boolean;
}

/** One block of a text being compared. */
export interface CompareBlock {
  pid: string;
  kind: NumberingBlock["kind"];
  /** Its label as that text shows it ("5 bis", "(a)"), or "". */
  label: string;
  status: ParagraphStatus;
  text: string;
  /**
   * In the later text, who wrote each run of `text`; in the earlier text, who
   * deleted each run of it that is gone since. Runs cover `text` in order.
   */
  by: Attributed[];
}

/** A piece of a compared block: words both texts have, words inserted (underlined), words deleted (struck through). */
export interface Piece {
  op: "same" | "inserted" | "deleted";
  text: string;
  /** Who inserted or deleted it; null for words both texts have, or when nobody is known. */
  by: Person | null;
  /** Words that moved between paragraphs (a split or a join) rather than were written or struck. */
  moved?: boolean;
}

/** How one block differs between the two texts. */
export interface BlockComparison {
  pid: string;
  kind: NumberingBlock["kind"];
  /** `same`: the same words; `changed`: words differ; `added`: only in the later text; `deleted`: only in the earlier. */
  change: "same" | "changed" | "added" | "deleted";
  /** It stands elsewhere among the blocks both texts have. */
  moved: boolean;
  /**
   * A new paragraph split off another (its words carried from it), or a
   * deleted one merged into another: the other paragraph, as the later text
   * labels it.
   */
  origin?: { kind: "split" | "merged"; pid: string; label: string };
  from: { label: string; status: ParagraphStatus } | null;
  to: { label: string; status: ParagraphStatus } | null;
  pieces: Piece[];
}

/** What a comparison counts, of paragraphs only. */
export interface ComparisonSummary {
  changed: number;
  added: number;
  deleted: number;
  moved: number;
  /** Agreed ad ref in the later text and not in the earlier. */
  agreed: number;
}

/** Two texts compared, in the later text's order with deleted blocks where they stood. */
export interface Comparison {
  blocks: BlockComparison[];
  summary: ComparisonSummary;
}

/** The runs of `by` that cover `[start, start + length)`, cut to it. */
function slice(by: Attributed[], start: number, length: number): Attributed[] {
  const out: Attributed[] = [];
  let at = 0;
  for (const run of by) {
    const from = Math.max(start, at);
    const to = Math.min(start + length, at + run.length);
    if (to > from) out.push({ length: to - from, by: run.by, ...(run.carried ? { carried: true } : {}) });
    at += run.length;
    if (at >= start + length) break;
  }
  const covered = out.reduce((n, r) => n + r.length, 0);
  if (covered < length) out.push({ length: length - covered, by: null });
  return out;
}

const samePerson = (a: Person | null, b: Person | null) =>
  a === b || (a !== null && b !== null && a.name === b.name && a.delegation === b.delegation);

/**
 * Pieces of `text` from `start` for an insertion or deletion, one per person.
 * Word boundaries do not always fall where an edit did: a space the word
 * comparison counts with a changed word, which nobody is recorded to have
 * changed, goes with the person beside it.
 */
function attributedPieces(op: "inserted" | "deleted", text: string, by: Attributed[], start: number): Piece[] {
  const runs: Piece[] = [];
  let offset = 0;
  for (const run of slice(by, start, text.length)) {
    runs.push({ op, text: text.slice(offset, offset + run.length), by: run.by, ...(run.carried ? { moved: true } : {}) });
    offset += run.length;
  }
  runs.forEach((piece, i) => {
    if (piece.by === null && piece.text.trim() === "") piece.by = runs[i - 1]?.by ?? runs[i + 1]?.by ?? null;
  });
  const pieces: Piece[] = [];
  for (const piece of runs) {
    const last = pieces[pieces.length - 1];
    if (last && samePerson(last.by, piece.by) && last.moved === piece.moved) last.text += piece.text;
    else pieces.push(piece);
  }
  return pieces;
}

/**
 * The words of two texts of one block compared, each inserted word naming
 * its writer and each deleted word its deleter. Spaces and line breaks are
 * tokens like words: a change of spacing alone is a change, and every piece's
 * place in its text is exact.
 */
export function compareWords(from: Pick<CompareBlock, "text" | "by">, to: Pick<CompareBlock, "text" | "by">, language: string): Piece[] {
  return wordChanges(from.text, to.text, language).flatMap((change): Piece[] =>
    change.kind === "insert" ? attributedPieces("inserted", change.text, to.by, change.toOffset)
      : change.kind === "delete" ? attributedPieces("deleted", change.text, from.by, change.fromOffset)
      : [{ op: "same", text: change.text, by: null }]);
}

/**
 * Compares two texts of a document block by block. `language` is the
 * document's, for word boundaries.
 */
export function compareTexts(from: CompareBlock[], to: CompareBlock[], language: string): Comparison {
  const earlier = new Map(from.map((b) => [b.pid, b]));
  const later = new Map(to.map((b) => [b.pid, b]));
  // The blocks both texts have, in each text's order: those off the longest common run moved.
  const shared = (blocks: CompareBlock[], other: Map<string, CompareBlock>) => blocks.filter((b) => other.has(b.pid)).map((b) => b.pid);
  const inOrder = new Set<string>();
  for (const part of diffArrays(shared(from, later), shared(to, earlier))) {
    if (!part.added && !part.removed) for (const pid of part.value) inOrder.add(pid);
  }

  const blocks: BlockComparison[] = [];
  const compare = (a: CompareBlock | undefined, b: CompareBlock | undefined): BlockComparison => {
    const pieces = a && b ? compareWords(a, b, language)
      : b ? attributedPieces("inserted", b.text, b.by, 0)
      : attributedPieces("deleted", a!.text, a!.by, 0);
    return {
      pid: (b ?? a)!.pid,
      kind: (b ?? a)!.kind,
      change: !a ? "added" : !b ? "deleted" : pieces.some((p) => p.op !== "same") ? "changed" : "same",
      moved: a !== undefined && b !== undefined && !inOrder.has(b.pid),
      from: a ? { label: a.label, status: a.status } : null,
      to: b ? { label: b.label, status: b.status } : null,
      pieces,
    };
  };
  // Later text's order; a deleted block comes after the block that preceded it in the earlier text.
  const deletedAfter = new Map<string | null, CompareBlock[]>();
  let previous: string | null = null;
  for (const block of from) {
    if (!later.has(block.pid)) {
      const list = deletedAfter.get(previous) ?? [];
      list.push(block);
      deletedAfter.set(previous, list);
    } else {
      previous = block.pid;
    }
  }
  for (const block of deletedAfter.get(null) ?? []) blocks.push(compare(block, undefined));
  for (const block of to) {
    blocks.push(compare(earlier.get(block.pid), block));
    for (const gone of deletedAfter.get(block.pid) ?? []) blocks.push(compare(gone, undefined));
  }
  findSplitsAndJoins(blocks);
  return { blocks, summary: summarize(blocks) };
}

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/** Whether `needle` stands in `hay` as consecutive whole words. */
function holdsRun(hay: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((w, j) => hay[i + j] === w)) return true;
  return false;
}

/** The maximal runs of consecutive pieces that pass `test` (struck words, or carried ones). */
function windows(pieces: Piece[], test: (p: Piece) => boolean): Piece[][] {
  const out: Piece[][] = [];
  let run: Piece[] = [];
  for (const piece of pieces) {
    if (test(piece)) run.push(piece);
    else if (piece.text.trim() !== "" || piece.op !== "same") {
      if (run.length) out.push(run);
      run = [];
    }
  }
  if (run.length) out.push(run);
  return out;
}

/** The words a split or join carried must stand, in order, in the words struck (or carried) elsewhere: the first few of them at least. */
const MATCH_WORDS = 8;

/**
 * Splits and joins, read from carried words: a new paragraph whose words
 * were mostly carried (not typed) was split off the paragraph before it from
 * which a run of those same words was struck; a deleted paragraph whose
 * words were carried, as a run, into another was merged into it. Only those
 * runs are marked as moved, not as words removed or added; other deletions
 * in the same paragraph stay deletions.
 */
function findSplitsAndJoins(blocks: BlockComparison[]): void {
  const textOf = (run: Piece[]) => run.map((p) => p.text).join("");
  const labelOf = (b: BlockComparison) => (b.to ?? b.from)?.label ?? "";
  blocks.forEach((block, index) => {
    if (block.kind !== "paragraph") return;
    if (block.change === "added") {
      const carried = wordsOf(textOf(block.pieces.filter((p) => p.moved)));
      const total = wordsOf(textOf(block.pieces));
      if (carried.length === 0 || carried.length * 2 < total.length) return;
      // The paragraph it was split off stands before it.
      for (let i = index - 1; i >= 0; i--) {
        const source = blocks[i]!;
        if (source.change !== "changed") continue;
        const struck = windows(source.pieces, (p) => p.op === "deleted")
          .find((run) => holdsRun(wordsOf(textOf(run)), carried.slice(0, MATCH_WORDS)));
        if (!struck) continue;
        block.origin = { kind: "split", pid: source.pid, label: labelOf(source) };
        for (const piece of struck) piece.moved = true;
        return;
      }
      // Carried from nowhere this comparison shows: words moved, but not a split of a paragraph shown here.
    } else if (block.change === "deleted") {
      const gone = wordsOf(textOf(block.pieces));
      if (gone.length === 0) return;
      for (const target of blocks) {
        if (target === block || target.change !== "changed") continue;
        const arrived = windows(target.pieces, (p) => p.op === "inserted" && p.moved === true)
          .some((run) => holdsRun(wordsOf(textOf(run)), gone.slice(0, MATCH_WORDS)));
        if (!arrived) continue;
        block.origin = { kind: "merged", pid: target.pid, label: labelOf(target) };
        for (const piece of block.pieces) piece.moved = true;
        return;
      }
    }
  });
}

/** The counts of a comparison's paragraphs. */
function summarize(blocks: BlockComparison[]): ComparisonSummary {
  const paragraphs = blocks.filter((b) => b.kind === "paragraph");
  return {
    changed: paragraphs.filter((b) => b.change === "changed").length,
    added: paragraphs.filter((b) => b.change === "added").length,
    deleted: paragraphs.filter((b) => b.change === "deleted").length,
    moved: paragraphs.filter((b) => b.moved).length,
    agreed: paragraphs.filter((b) => b.to?.status === "agreed" && b.from?.status !== "agreed").length,
  };
}

/**
 * A comparison narrowed to what some people did: the blocks with a word
 * they inserted or deleted (other people's changes in them stay shown, so a
 * paragraph reads whole), and the summary counted again over those blocks.
 */
export function changesBy(comparison: Comparison, who: (person: Person) => boolean): Comparison {
  const blocks = comparison.blocks.filter((b) => b.pieces.some((p) => p.op !== "same" && p.by !== null && who(p.by)));
  return { blocks, summary: summarize(blocks) };
}
