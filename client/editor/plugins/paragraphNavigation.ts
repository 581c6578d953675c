import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { TextSelection, type Command } from "@tiptap/pm/state";

/** The keys of moving through the text and out of it; documented in the toolbar's "Keys" tooltip. */
export const NAVIGATION_KEYS = {
  nextParagraph: "Alt-ArrowDown",
  previousParagraph: "Alt-ArrowUp",
  /** The key editors (word processors, TinyMCE, CKEditor) use to reach their toolbar; Escape there comes back. */
  toolbar: "Alt-F10",
} as const;

/** Positions at which each negotiated paragraph's text starts, in document order. */
function paragraphStarts(doc: PmNode): number[] {
  const starts: number[] = [];
  doc.forEach((block, offset) => {
    if (block.type.name === "paragraph") starts.push(offset + 1);
  });
  return starts;
}

/**
 * Moves the caret to the start of the next (`1`) or previous (`-1`)
 * paragraph, as Ctrl+Down does in a word processor: a delegate follows the
 * chair "to OP4" one key at a time. Previous from inside a paragraph goes to
 * its own start first. At the last (first) paragraph it does nothing.
 */
export function moveToParagraph(direction: 1 | -1): Command {
  return (state, dispatch) => {
    const head = state.selection.head;
    const starts = paragraphStarts(state.doc);
    const target = direction === 1 ? starts.find((s) => s > head) : starts.findLast((s) => s < head);
    if (target === undefined) return true;
    dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, target)).scrollIntoView());
    return true;
  };
}

/** Options: what reaching the toolbar does (the page knows where its toolbar is). */
export interface ParagraphNavigationOptions {
  focusToolbar: () => boolean;
}

/** Paragraph-by-paragraph keys and the key to the toolbar. */
export const ParagraphNavigation = Extension.create<ParagraphNavigationOptions>({
  name: "paragraphNavigation",
  addOptions: () => ({ focusToolbar: () => false }),
  addKeyboardShortcuts() {
    return {
      [NAVIGATION_KEYS.nextParagraph]: ({ editor }) => moveToParagraph(1)(editor.state, editor.view.dispatch),
      [NAVIGATION_KEYS.previousParagraph]: ({ editor }) => moveToParagraph(-1)(editor.state, editor.view.dispatch),
      [NAVIGATION_KEYS.toolbar]: () => this.options.focusToolbar(),
    };
  },
});
