import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { labelsOf } from "./plugins/paragraphLabels.js";

const FLASH_MS = 1_500;

/** Whether the user asked their system for less motion: then the page jumps instead of gliding. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

/** The element of the paragraph with `pid` in the editor's view, or null. */
function paragraphElement(editor: Editor, pid: string): { element: HTMLElement; pos: number } | null {
  const block = labelsOf(editor.state).blocks.find((b) => b.pid === pid);
  if (!block || editor.isDestroyed) return null;
  const element = editor.view.nodeDOM(block.pos);
  return element instanceof HTMLElement ? { element, pos: block.pos } : null;
}

/**
 * Brings the paragraph with `pid` to the middle of the screen without
 * touching the caret (following the facilitator: the reader may be typing
 * elsewhere in a moment). Returns whether the paragraph is there.
 */
export function scrollToParagraph(editor: Editor, pid: string): boolean {
  const found = paragraphElement(editor, pid);
  found?.element.scrollIntoView({ block: "center", behavior: prefersReducedMotion() ? "auto" : "smooth" });
  return found !== null;
}

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
  const found = paragraphElement(editor, pid);
  if (found) {
    found.element.scrollIntoView({ block: "center", behavior: prefersReducedMotion() ? "auto" : "smooth" });
    found.element.classList.add("para--flash");
    setTimeout(() => found.element.classList.remove("para--flash"), FLASH_MS);
  }
  return true;
}
