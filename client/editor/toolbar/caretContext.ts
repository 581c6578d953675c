import type { EditorState } from "@tiptap/pm/state";
import type { BracketAttrs } from "../../../schemas/brackets.js";
import type { ParagraphStatus } from "../../../schemas/domain.js";
import { alternativeTarget } from "../commands/offerAlternative.js";
import { bracketsAtSelection } from "../model/bracketRanges.js";
import { pidOf } from "../model/pmBlocks.js";
import { labelsOf } from "../plugins/paragraphLabels.js";

/** The paragraph the caret is in, as the toolbar names it. */
export interface CaretParagraph {
  pid: string;
  status: ParagraphStatus;
  /** "OP7", "para 12". */
  reference: string;
}

/** What the toolbar needs to know about the selection. */
export interface CaretContext {
  paragraph: CaretParagraph | null;
  /** Brackets around the caret or covering the selection, outer first. */
  brackets: BracketAttrs[];
  /** The selection holds some words (not only spaces). */
  hasWords: boolean;
  /** Statuses of the paragraphs the selection touches. */
  touched: ParagraphStatus[];
  /** Whether "Offer alternative" has something to act on, and what. */
  alternative: "bracket" | "selection" | null;
}

/** Reads the caret context from an editor state (cheap: the selection and its paragraph only). */
export function caretContextOf(state: EditorState): CaretContext {
  const { selection, doc } = state;
  const $head = selection.$head;
  let paragraph: CaretParagraph | null = null;
  if ($head.depth >= 1) {
    const block = $head.node(1);
    const pid = pidOf(block);
    if (block.type.name === "paragraph" && pid) {
      const label = labelsOf(state).labels.get(pid);
      paragraph = { pid, status: block.attrs.status as ParagraphStatus, reference: label?.reference ?? "" };
    }
  }
  const touched = new Set<ParagraphStatus>();
  doc.nodesBetween(selection.from, selection.to, (node) => {
    if (node.type.name === "paragraph") touched.add(node.attrs.status as ParagraphStatus);
    return false;
  });
  const text = selection.empty ? "" : doc.textBetween(selection.from, selection.to, " ", " ");
  return {
    paragraph,
    brackets: bracketsAtSelection(state),
    hasWords: text.trim().length > 0,
    touched: [...touched],
    alternative: alternativeTarget(state)?.kind ?? null,
  };
}
