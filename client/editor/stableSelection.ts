import { Extension } from "@tiptap/core";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import { relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";

/** Options: where to register a hook that runs before each remote message is applied. */
export interface StableSelectionOptions {
  beforeRemoteMessage: Set<() => void> | null;
}

/** The parts of y-tiptap's (untyped) binding read here. */
interface BindingView {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
  /** The local selection as Yjs relative positions, captured before the Yjs transaction being applied. */
  beforeTransactionSelection: { type?: string; anchor: Y.RelativePosition | null; head: Y.RelativePosition | null } | null;
}

function isRemoteChange(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined;
  return Boolean(meta?.isChangeOrigin && !meta.isUndoRedoOperation);
}

/** A transaction putting the selection where the Yjs relative positions say, when y-tiptap put it elsewhere. */
function selectionFromYjs(state: EditorState): Transaction | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: BindingView } | undefined)?.binding;
  const before = binding?.beforeTransactionSelection;
  if (!binding || !before || before.type !== "text" || !before.anchor || !before.head) return null;
  const resolve = (rel: Y.RelativePosition) =>
    relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping as never) as number | null;
  const anchor = resolve(before.anchor);
  const head = resolve(before.head);
  const size = state.doc.content.size;
  if (anchor === null || head === null || anchor > size || head > size) return null;
  if (anchor === state.selection.anchor && head === state.selection.head) return null;
  try {
    return state.tr
      .setSelection(TextSelection.between(state.doc.resolve(anchor), state.doc.resolve(head)))
      .setMeta("addToHistory", false);
  } catch {
    return null;
  }
}

/**
 * Keeps the local caret where the user put it while others edit and move
 * their carets. Two known problems of the Yjs binding, both of which send a
 * delegate's typing to the wrong place:
 *
 * 1. @tiptap/y-tiptap 3.0.7-3.0.9 (tiptap issues #7213, #7332) resolves the
 *    selection through Yjs relative positions after a remote edit, then
 *    overrides that whenever the paragraph's text changed and keeps the old
 *    character offset. When someone types earlier in the same paragraph the
 *    caret slides back into one's own words. Fixed by restoring the selection
 *    the Yjs positions give (text selections only; undo/redo keep theirs).
 * 2. A remote edit or caret move that arrives between a click and the
 *    browser's "selectionchange" event makes ProseMirror write its stale
 *    selection back over the click (y-prosemirror #146); the typing then
 *    lands in the old place, for a fresh editor the document's title.
 *    Fixed by letting ProseMirror read the DOM selection before each remote
 *    message is applied (it listens to "selectionchange" for exactly that).
 *
 * Remove each part once the binding fixes it.
 */
export const StableSelection = Extension.create<StableSelectionOptions>({
  name: "stableSelection",
  addOptions: () => ({ beforeRemoteMessage: null }),
  addProseMirrorPlugins() {
    const hooks = this.options.beforeRemoteMessage;
    return [
      new Plugin({
        key: new PluginKey("stableSelection"),
        appendTransaction: (transactions, _oldState, state) =>
          transactions.some(isRemoteChange) ? selectionFromYjs(state) : null,
        view: (view) => {
          const absorbPendingSelection = () => {
            if (view.hasFocus()) view.dom.ownerDocument.dispatchEvent(new Event("selectionchange"));
          };
          hooks?.add(absorbPendingSelection);
          return { destroy: () => hooks?.delete(absorbPendingSelection) };
        },
      }),
    ];
  },
});
