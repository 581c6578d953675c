import type { Node as PmNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { BRACKET_MARK } from "../../../shared/brackets/fromDelta.js";
import { newBracket, type Stamp } from "./stamp.js";

/** A stretch of one text block. */
export interface BlockRange {
  block: PmNode;
  blockPos: number;
  from: number;
  to: number;
}

/** `range` without the whitespace at its ends, so brackets hug the words: "[words]", not "[ words ]". */
export function trimRange(doc: PmNode, range: { from: number; to: number }): { from: number; to: number } {
  const text = doc.textBetween(range.from, range.to, "\n", "\n");
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  if (lead === text.length) return { from: range.from, to: range.from };
  return { from: range.from + lead, to: range.to - trail };
}

/** The part of each text block the selection covers, trimmed of whitespace; empty parts left out. */
export function selectedBlockRanges(state: EditorState): BlockRange[] {
  const ranges: BlockRange[] = [];
  for (const { $from, $to } of state.selection.ranges) {
    state.doc.nodesBetween($from.pos, $to.pos, (node, pos) => {
      if (!node.isTextblock) return true;
      const start = pos + 1;
      const end = pos + node.nodeSize - 1;
      const trimmed = trimRange(state.doc, { from: Math.max(start, $from.pos), to: Math.min(end, $to.pos) });
      if (trimmed.to > trimmed.from) ranges.push({ block: node, blockPos: pos, ...trimmed });
      return false;
    });
  }
  return ranges;
}

/**
 * Brackets the selected words, phrase or paragraph in the placer's name:
 * one new bracket (fresh id, no alternatives) per paragraph the selection
 * touches. Null when the selection holds no words.
 */
export function placeBracket(state: EditorState, stamp: Stamp): Transaction | null {
  const ranges = selectedBlockRanges(state);
  if (ranges.length === 0) return null;
  const type = state.schema.marks[BRACKET_MARK]!;
  const tr = state.tr;
  for (const range of ranges) tr.addMark(range.from, range.to, type.create(newBracket(stamp)));
  return tr;
}
