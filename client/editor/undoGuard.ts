import { Extension } from "@tiptap/core";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { RuleUser, RuleViolation } from "../../shared/document/changeRules.js";
import { previewUndo, undoViolation, type UndoKind, type UndoStacks } from "./model/undoPreview.js";

export interface UndoGuardOptions {
  document: Y.Doc | null;
  field: string;
  getUser: () => RuleUser;
  /** Told when an undo or redo was stopped (and its step dropped), to explain it to the user. */
  onPrevented: (violation: RuleViolation, step: UndoKind) => void;
}

/**
 * Undo and redo that the server would refuse are stopped before they are
 * sent, and said why. Yjs undo writes to the shared document directly, so
 * the guard on local transactions never sees it: each undo is first run on
 * a copy (client/editor/model/undoPreview.ts) and judged by the same rules.
 * A step that can no longer be undone (its paragraph was agreed since, a
 * revision was issued since) leaves the history, so the next undo reaches
 * the step before it. Runs ahead of Collaboration's own keys (priority 1000);
 * when the step is allowed it lets them run.
 */
export const UndoGuard = Extension.create<UndoGuardOptions>({
  name: "undoGuard",
  priority: 1100,
  addOptions: () => ({
    document: null,
    field: "default",
    getUser: () => ({ id: "", displayName: "", role: "observer", delegation: null }),
    onPrevented: () => {},
  }),
  addKeyboardShortcuts() {
    const stop = (kind: UndoKind): boolean => {
      const { state } = this.editor;
      const stacks = (yUndoPluginKey.getState(state) as { undoManager?: UndoStacks } | undefined)?.undoManager;
      const ydoc = this.options.document;
      if (!stacks || !ydoc || !this.editor.isEditable) return false;
      const preview = previewUndo(ydoc, this.options.field, stacks, kind, state.schema);
      if (!preview) return false;
      const violation = undoViolation(state, preview.doc, this.options.getUser());
      if (!violation) return false;
      const stack = kind === "undo" ? stacks.undoStack : stacks.redoStack;
      stack.splice(stack.length - preview.steps, preview.steps);
      this.options.onPrevented(violation, kind);
      return true;
    };
    return {
      "Mod-z": () => stop("undo"),
      "Mod-y": () => stop("redo"),
      "Shift-Mod-z": () => stop("redo"),
    };
  },
});
