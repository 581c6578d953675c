import type { Mark, Node as PmNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import type { BracketAttrs } from "../../../schemas/brackets.js";
import { BRACKET_MARK } from "../../../shared/brackets/fromDelta.js";
import { bracketMarksOf, bracketsAtSelection, segmentsWhere } from "../model/bracketRanges.js";
import { selectedBlockRanges, type BlockRange } from "./placeBracket.js";
import { newBracket, type Stamp } from "./stamp.js";

/** What an alternative is offered for: an existing bracket (it becomes, or is, an option) or selected words. */
export type AlternativeTarget =
  | { kind: "bracket"; bracket: BracketAttrs; blockPos: number }
  | { kind: "selection"; range: BlockRange };

/**
 * What "Offer alternative" would act on: with a caret, the innermost bracket
 * around it; with a selection inside one paragraph, the bracket whose words
 * are exactly the selection, or else the selected words. Null otherwise.
 */
export function alternativeTarget(state: EditorState): AlternativeTarget | null {
  const { selection } = state;
  if (selection.empty) {
    const inner = bracketsAtSelection(state).at(-1);
    return inner ? { kind: "bracket", bracket: inner, blockPos: selection.$from.before(1) } : null;
  }
  const ranges = selectedBlockRanges(state);
  if (ranges.length !== 1) return null;
  const range = ranges[0]!;
  const exact = bracketsAtSelection(state).reverse().find((b) => {
    const segments = segmentsWhere(state.doc, (x) => x.id === b.id, blockSpan(range.blockPos, range.block.nodeSize));
    return segments.length > 0 && segments[0]!.from === range.from && segments.at(-1)!.to === range.to;
  });
  return exact ? { kind: "bracket", bracket: exact, blockPos: range.blockPos } : { kind: "selection", range };
}

function blockSpan(blockPos: number, size: number) {
  return { from: blockPos + 1, to: blockPos + size - 1 };
}

/** Brackets that enclose position `pos` on both sides, except options of `set`: the new option sits inside them too. */
function enclosingMarks(doc: PmNode, pos: number, set: string): Mark[] {
  const $pos = doc.resolve(pos);
  const after = new Set(bracketMarksOf($pos.nodeAfter).map((m) => m.bracket.id));
  const marks = bracketMarksOf($pos.nodeBefore)
    .filter(({ bracket }) => after.has(bracket.id) && bracket.alt !== set)
    .map(({ mark }) => mark);
  return marks;
}

/**
 * Offers `wording` as an alternative. The target bracket becomes Alt 1 of a
 * new set (keeping its attribution; selected words are first bracketed in
 * the user's name), or stays an option of its set; the wording is inserted
 * after the set's last option in this paragraph, separated by a space, as a
 * new option placed by the user. One transaction.
 */
export function offerAlternative(
  state: EditorState,
  target: AlternativeTarget,
  wording: string,
  stamp: Stamp,
): Transaction | null {
  const text = wording.trim();
  if (!text) return null;
  const type = state.schema.marks[BRACKET_MARK]!;
  const tr = state.tr;
  let set: string;
  let blockPos: number;
  if (target.kind === "selection") {
    set = stamp.newId();
    blockPos = target.range.blockPos;
    tr.addMark(target.range.from, target.range.to, type.create(newBracket(stamp, set)));
  } else {
    blockPos = target.blockPos;
    const { bracket } = target;
    set = bracket.alt ?? stamp.newId();
    if (bracket.alt === null) {
      const span = blockSpan(blockPos, state.doc.nodeAt(blockPos)!.nodeSize);
      for (const segment of segmentsWhere(state.doc, (b) => b.id === bracket.id, span)) {
        tr.removeMark(segment.from, segment.to, segment.mark);
        tr.addMark(segment.from, segment.to, type.create({ ...segment.bracket, alt: set }));
      }
    }
  }
  // Marks changed, positions did not: the options of the set are found in the updated document.
  const span = blockSpan(blockPos, tr.doc.nodeAt(blockPos)!.nodeSize);
  const options = segmentsWhere(tr.doc, (b) => b.alt === set, span);
  const end = Math.max(...options.map((o) => o.to));
  const around = enclosingMarks(tr.doc, end, set);
  const option = type.create(newBracket(stamp, set));
  tr.insert(end, [state.schema.text(" ", around), state.schema.text(text, [...around, option])]);
  return tr;
}
