import type { Node as PmNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import {
  AddMarkStep, AddNodeMarkStep, AttrStep, Mapping, RemoveMarkStep, RemoveNodeMarkStep, ReplaceAroundStep, ReplaceStep,
  type Mappable, type Step,
} from "@tiptap/pm/transform";

/** A span of document positions; `from === to` is a point (an insertion). */
export interface Range {
  from: number;
  to: number;
}

/** One top-level block and where it starts. */
export interface TopBlock {
  node: PmNode;
  pos: number;
  index: number;
}

/** The span a step acts on in the document it applies to; mark and attribute steps have no step map, so read them directly. */
function stepRange(step: Step, doc: PmNode): Range | null {
  if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep || step instanceof AddMarkStep ||
    step instanceof RemoveMarkStep) {
    return { from: step.from, to: step.to };
  }
  if (step instanceof AttrStep || step instanceof AddNodeMarkStep || step instanceof RemoveNodeMarkStep) {
    const node = doc.nodeAt(step.pos);
    return { from: step.pos, to: step.pos + (node?.nodeSize ?? 1) };
  }
  let range: Range | null = null;
  step.getMap().forEach((from, to) => {
    range = range ? { from: Math.min(range.from, from), to: Math.max(range.to, to) } : { from, to };
  });
  return range;
}

function mapRange(range: Range, mapping: Mappable): Range {
  const from = mapping.map(range.from, -1);
  return { from, to: Math.max(from, mapping.map(range.to, 1)) };
}

/**
 * What a transaction touched: the spans of every step, in the document
 * before the transaction and in the document after it (where inserted
 * content ends up).
 */
export function touchedRanges(tr: Transaction): { before: Range[]; after: Range[] } {
  const before: Range[] = [];
  const after: Range[] = [];
  tr.steps.forEach((step, i) => {
    const range = stepRange(step, tr.docs[i]!);
    if (!range) return;
    // Built from the step maps themselves: Mapping.invert() inverts every map of a sliced mapping, not just the slice.
    before.push(mapRange(range, new Mapping(tr.mapping.maps.slice(0, i)).invert()));
    after.push(mapRange(range, tr.mapping.slice(i)));
  });
  return { before, after };
}

/** Maps ranges through the mapping of a later transaction. */
export function mapRanges(ranges: Range[], mapping: Mappable): Range[] {
  return ranges.map((r) => mapRange(r, mapping));
}

/**
 * The top-level blocks a set of ranges touches. A span touches the blocks it
 * overlaps; a point touches the block it lies strictly inside (a point between
 * two blocks, where a whole block was inserted or removed, touches neither).
 */
export function blocksInRanges(doc: PmNode, ranges: Range[]): TopBlock[] {
  if (ranges.length === 0) return [];
  const touched: TopBlock[] = [];
  doc.forEach((node, pos, index) => {
    const end = pos + node.nodeSize;
    const hit = ranges.some((r) => (r.from === r.to ? pos < r.from && r.from < end : pos < r.to && r.from < end));
    if (hit) touched.push({ node, pos, index });
  });
  return touched;
}
