import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Selection, TextSelection, type Command } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";

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
    dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, target)));
    return true;
  };
}

/**
 * Scrolls the caret's paragraph into view by the browser, which keeps it
 * clear of the sticky bars (the page's scroll-padding); ProseMirror's own
 * scrolling knows nothing of them and would leave it under the toolbar.
 */
function revealCaretParagraph(view: EditorView): void {
  const { node } = view.domAtPos(view.state.selection.head);
  const element = node instanceof Element ? node : node.parentElement;
  element?.closest(".ProseMirror > *")?.scrollIntoView({ block: "nearest" });
}

/**
 * Where the caret is in the page now: the browser moves it for arrow keys
 * and tells ProseMirror a moment later, so a key pressed right after an
 * arrow would start from where the caret was.
 */
function liveHead(view: EditorView): number | undefined {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection?.focusNode || !view.dom.contains(selection.focusNode)) return undefined;
  try {
    return view.posAtDOM(selection.focusNode, selection.focusOffset);
  } catch {
    return undefined;
  }
}

/**
 * Takes the selection where the browser has it, anchor and head, if the
 * editor has not heard of it yet (a shortcut pressed right after
 * Shift+arrows, on a busy machine, comes before the browser tells it).
 */
export function takeBrowserSelection(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection?.anchorNode || !selection.focusNode || !view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return;
  let anchor: number;
  let head: number;
  try {
    anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    head = view.posAtDOM(selection.focusNode, selection.focusOffset);
  } catch {
    return;
  }
  const now = view.state.selection;
  if (anchor === now.anchor && head === now.head) return;
  view.dispatch(view.state.tr.setSelection(TextSelection.between(view.state.doc.resolve(anchor), view.state.doc.resolve(head))));
}

/**
 * Moves to the next or previous paragraph and shows it. The editor first
 * takes the caret where the browser has it: moving from a stale caret to
 * where the editor already had it would leave the page's caret where it was.
 */
function goTo(view: EditorView, direction: 1 | -1): boolean {
  const live = liveHead(view);
  if (live !== undefined && live !== view.state.selection.head) {
    view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(live))));
  }
  moveToParagraph(direction)(view.state, view.dispatch);
  revealCaretParagraph(view);
  return true;
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
      [NAVIGATION_KEYS.nextParagraph]: ({ editor }) => goTo(editor.view, 1),
      [NAVIGATION_KEYS.previousParagraph]: ({ editor }) => goTo(editor.view, -1),
      [NAVIGATION_KEYS.toolbar]: () => this.options.focusToolbar(),
    };
  },
});
