import type { Editor } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import type { UndoManager } from "yjs";

/**
 * Dispatches a command's transaction as its own undo step. The Yjs undo
 * manager merges changes made within half a second of each other; stopping
 * its capture on both sides keeps a facilitator's action apart from the
 * typing around it, so Mod-Z reverts exactly the action.
 */
export function dispatchAsOneStep(editor: Editor, tr: Transaction): void {
  const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: UndoManager } | undefined)?.undoManager;
  undoManager?.stopCapturing();
  editor.view.dispatch(tr.scrollIntoView());
  undoManager?.stopCapturing();
}
