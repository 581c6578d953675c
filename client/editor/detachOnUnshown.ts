import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey, yUndoPluginKey } from "@tiptap/y-tiptap";
import type { ContentGuard } from "../collab/ContentGuard.js";

/** The parts of y-tiptap's (untyped) sync binding used here. */
interface SyncBinding {
  /** y-tiptap's mutex: every step between ProseMirror and Yjs runs inside it. */
  mux: (f: () => void, g?: () => void) => void;
  /** Unobserves the fragment (a no-op before the view is bound). */
  destroy: () => void;
  /** Observes the fragment; called when the ProseMirror view is created. */
  initView: (view: unknown) => void;
}

/** The part of the Yjs undo manager used here. */
interface UndoStacks {
  clear: () => void;
}

/**
 * Cuts y-tiptap off from its Y.Doc for good, without writing to it.
 *
 * Every path of @tiptap/y-tiptap 3.0.9 between ProseMirror and Yjs runs
 * inside the binding's mutex: the fragment observer (`_typeChanged`, which
 * deletes Yjs types it cannot map and calls `toArray()` on whatever stands at
 * the top), the first render (`_forceRerender`), snapshot rendering, and the
 * sync plugin view's `update` (`_prosemirrorChanged` -> `updateYFragment`,
 * which drops attributes and formatting the schema does not know). A mutex
 * that never runs its callback closes all of them, and does so even when the
 * view is bound after this (the binding would observe again, but do nothing).
 * `destroy()` on its own would not be enough: the view's `update` still calls
 * `updateYFragment` on the next ProseMirror transaction. The undo manager
 * writes outside the mutex, so its stacks are emptied (no Yjs change).
 */
export function detachBinding(state: EditorState): void {
  const binding = (ySyncPluginKey.getState(state) as { binding?: SyncBinding } | undefined)?.binding;
  if (binding) {
    binding.mux = (_f, otherwise) => otherwise?.();
    binding.initView = () => {};
    binding.destroy();
  }
  (yUndoPluginKey.getState(state) as { undoManager?: UndoStacks } | undefined)?.undoManager?.clear();
}

/**
 * A ProseMirror plugin that registers the editor with the connection's
 * content guard: when the guard trips, before any Yjs observer sees the
 * transaction, the binding is detached and the view stops being editable.
 * Its view must be created before y-tiptap's sync plugin view, so that a
 * guard that has already tripped detaches the binding before it first renders.
 */
export function detachOnUnshownPlugin(guard: ContentGuard): Plugin {
  return new Plugin({
    key: new PluginKey("detachOnUnshown"),
    props: {
      editable: () => guard.state === "showable",
    },
    view: (view: EditorView) => {
      let created = false;
      const unregister = guard.beforeUnshown(() => {
        detachBinding(view.state);
        // Refreshes the view so it reads `editable` again (during creation it is read anyway).
        if (created && !view.isDestroyed) view.updateState(view.state);
      });
      created = true;
      return { destroy: unregister };
    },
  });
}

/** Options of {@link DetachOnUnshown}. */
export interface DetachOnUnshownOptions {
  guard: ContentGuard | null;
}

/**
 * The editor side of the content guard (client/collab/ContentGuard.ts). Its
 * priority is above Collaboration's (1000), so its plugin view comes first.
 */
export const DetachOnUnshown = Extension.create<DetachOnUnshownOptions>({
  name: "detachOnUnshown",
  priority: 1100,
  addOptions: () => ({ guard: null }),
  addProseMirrorPlugins() {
    return this.options.guard ? [detachOnUnshownPlugin(this.options.guard)] : [];
  },
});
