import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { labelsOf } from "./plugins/paragraphLabels.js";

const FLASH_MS = 1_500;

/**
 * Brings the paragraph with `pid` to the middle of the screen, puts the caret
 * at its start (when the user can edit) and briefly marks it, so the eye
 * finds it. Returns whether the paragraph exists.
 */
export function goToParagraph(editor: Editor, pid: string): boolean {
  const block = labelsOf(editor.state).blocks.find((b) => b.pid === pid);
  if (!block || editor.isDestroyed) return false;
  const { view } = editor;
  if (editor.isEditable) {
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, block.pos + 1)));
    view.focus();
  }
  const element = view.nodeDOM(block.pos);
  if (element instanceof HTMLElement) {
    // A jump, not a glide, for those who asked their system for less motion.
    const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    element.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    element.classList.add("para--flash");
    setTimeout(() => element.classList.remove("para--flash"), FLASH_MS);
  }
  return true;
}
