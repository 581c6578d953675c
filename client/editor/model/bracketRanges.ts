import type { Mark, Node as PmNode } from "@tiptap/pm/model";
import type { EditorState } from "@tiptap/pm/state";
import { BracketAttrs } from "../../../schemas/brackets.js";
import { BRACKET_MARK } from "../../../shared/brackets/fromDelta.js";

/** One stretch of inline content carrying a bracket's mark (the exact mark instance, for removal). */
export interface BracketSegment {
  from: number;
  to: number;
  mark: Mark;
  bracket: BracketAttrs;
}

/** Earlier-placed brackets are outer (ties by id), as the drawn glyphs nest them. */
export function outerFirst(a: BracketAttrs, b: BracketAttrs): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function bracketOf(mark: Mark): BracketAttrs | null {
  if (mark.type.name !== BRACKET_MARK) return null;
  const parsed = BracketAttrs.safeParse(mark.attrs);
  return parsed.success ? parsed.data : null;
}

/** The brackets an inline node carries, with their marks. */
export function bracketMarksOf(node: PmNode | null | undefined): { mark: Mark; bracket: BracketAttrs }[] {
  if (!node) return [];
  return node.marks.flatMap((mark) => {
    const bracket = bracketOf(mark);
    return bracket ? [{ mark, bracket }] : [];
  });
}

/** Every stretch of `doc` (or of the range `within`) carrying brackets that match `test`, in document order. */
export function segmentsWhere(
  doc: PmNode,
  test: (bracket: BracketAttrs) => boolean,
  within: { from: number; to: number } = { from: 0, to: doc.content.size },
): BracketSegment[] {
  const segments: BracketSegment[] = [];
  doc.nodesBetween(within.from, within.to, (node, pos) => {
    if (!node.isInline) return true;
    for (const { mark, bracket } of bracketMarksOf(node)) {
      if (!test(bracket)) continue;
      const last = segments.findLast((s) => s.bracket.id === bracket.id);
      if (last && last.to === pos && last.mark.eq(mark)) last.to = pos + node.nodeSize;
      else segments.push({ from: pos, to: pos + node.nodeSize, mark, bracket });
    }
    return false;
  });
  return segments;
}

/** The stretches carrying bracket `id`, anywhere in the document. */
export function segmentsOf(doc: PmNode, id: string): BracketSegment[] {
  return segmentsWhere(doc, (b) => b.id === id);
}

/** Contiguous ranges covered by `segments` (merging touching ones), sorted. */
export function mergedRanges(segments: { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = [...segments].sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ from: s.from, to: s.to });
  }
  return merged;
}

/**
 * The brackets around the selection, outer first: for a caret, those on the
 * character before or after it (a caret just inside either glyph is in the
 * bracket); for a range, those covering all of its text.
 */
export function bracketsAtSelection(state: EditorState): BracketAttrs[] {
  const { $from, empty, from, to } = state.selection;
  const found = new Map<string, BracketAttrs>();
  if (empty) {
    for (const node of [$from.nodeBefore, $from.nodeAfter]) {
      for (const { bracket } of bracketMarksOf(node)) found.set(bracket.id, bracket);
    }
  } else {
    let first = true;
    state.doc.nodesBetween(from, to, (node) => {
      if (!node.isInline) return true;
      const here = new Map(bracketMarksOf(node).map(({ bracket }) => [bracket.id, bracket]));
      if (first) for (const [id, b] of here) found.set(id, b);
      else for (const id of [...found.keys()]) if (!here.has(id)) found.delete(id);
      first = false;
      return false;
    });
  }
  return [...found.values()].sort(outerFirst);
}
