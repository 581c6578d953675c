import type { Node as PmNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { bracketMarksOf, mergedRanges, segmentsOf, segmentsWhere } from "../model/bracketRanges.js";

type Span = { from: number; to: number };

const TRAILING_PUNCTUATION = /[\s.,;:!?)\]]/;

function charAt(doc: PmNode, pos: number): string {
  return doc.textBetween(pos, pos + 1, "\n", "\n");
}

function bracketIdsAt(doc: PmNode, pos: number): Set<string> {
  return new Set(bracketMarksOf(doc.nodeAt(pos)).map((m) => m.bracket.id));
}

/** Whether deleting the character at `pos` leaves every bracket on it alive (its neighbour `other` has them all). */
function safeToDrop(doc: PmNode, pos: number, other: number): boolean {
  const here = bracketIdsAt(doc, pos);
  if (here.size === 0) return true;
  const there = bracketIdsAt(doc, other);
  return [...here].every((id) => there.has(id));
}

/**
 * Widens a deleted span by one adjacent space so no double space (or a space
 * before punctuation) is left behind: "a [b] c" loses " b", "[a] b" loses "a ".
 */
export function withSeparatingSpace(doc: PmNode, span: Span): Span {
  const $from = doc.resolve(span.from);
  const blockStart = $from.start();
  const blockEnd = $from.end();
  const before = span.from > blockStart ? charAt(doc, span.from - 1) : "";
  const after = span.to < blockEnd ? charAt(doc, span.to) : "";
  if (/\s/.test(before) && (after === "" || TRAILING_PUNCTUATION.test(after)) &&
    (span.from - 1 === blockStart || safeToDrop(doc, span.from - 1, span.from - 2))) {
    return { from: span.from - 1, to: span.to };
  }
  if (before === "" && /\s/.test(after) && (span.to + 1 === blockEnd || safeToDrop(doc, span.to, span.to + 1))) {
    return { from: span.from, to: span.to + 1 };
  }
  return span;
}

function deleteSpans(tr: Transaction, spans: Span[]): Transaction {
  for (const span of mergedRanges(spans).reverse()) tr.delete(tr.mapping.map(span.from), tr.mapping.map(span.to));
  return tr;
}

/** "Remove brackets": takes bracket `id` off everywhere; the words stay. Null when there is no such bracket. */
export function removeBracket(state: EditorState, id: string): Transaction | null {
  const segments = segmentsOf(state.doc, id);
  if (segments.length === 0) return null;
  const tr = state.tr;
  for (const segment of segments) tr.removeMark(segment.from, segment.to, segment.mark);
  return tr;
}

/** "Delete bracketed text": deletes every stretch carrying bracket `id` (and one separating space). */
export function deleteBracketedText(state: EditorState, id: string): Transaction | null {
  const ranges = mergedRanges(segmentsOf(state.doc, id));
  if (ranges.length === 0) return null;
  return deleteSpans(state.tr, ranges.map((r) => withSeparatingSpace(state.doc, r)));
}

/**
 * "Choose this alternative": in the paragraph of option `id`, deletes the
 * other options of its set with their text and brackets, and the whitespace
 * between options; the chosen option loses its bracket, its words stay.
 * Null when `id` is not an option of a set.
 */
export function chooseAlternative(state: EditorState, id: string): Transaction | null {
  const chosen = segmentsOf(state.doc, id);
  const set = chosen[0]?.bracket.alt;
  if (!set) return null;
  const $at = state.doc.resolve(chosen[0]!.from);
  const span = { from: $at.start(), to: $at.end() };
  // One range per option, in document order.
  const byOption = new Map<string, Span[]>();
  for (const s of segmentsWhere(state.doc, (b) => b.alt === set, span)) {
    byOption.set(s.bracket.id, [...(byOption.get(s.bracket.id) ?? []), s]);
  }
  const options = [...byOption.entries()]
    .map(([optionId, spans]) => ({ id: optionId, ...mergedRanges(spans).reduce((a, b) => ({ from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) })) }))
    .sort((a, b) => a.from - b.from);
  const doomed: Span[] = options.filter((o) => o.id !== id);
  for (let i = 1; i < options.length; i++) {
    const gap = { from: options[i - 1]!.to, to: options[i]!.from };
    if (gap.to > gap.from && state.doc.textBetween(gap.from, gap.to, "\n", "\n").trim() === "") doomed.push(gap);
  }
  const tr = state.tr;
  for (const segment of chosen) tr.removeMark(segment.from, segment.to, segment.mark);
  return deleteSpans(tr, doomed);
}
