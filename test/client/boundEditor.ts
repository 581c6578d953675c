import { EditorState, type Plugin, type PluginView, type Transaction } from "@tiptap/pm/state";
import { ySyncPlugin, yUndoPlugin } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { schema } from "./docBuilder.js";

/**
 * The few parts of a ProseMirror EditorView that y-tiptap's plugins use,
 * without a DOM: state, dispatch, updateState, plugin views and `editable`
 * read from the plugins' props. Enough to bind the real y-tiptap sync and
 * undo plugins to a real Y.Doc in a unit test.
 */
export interface BoundEditor {
  readonly state: EditorState;
  readonly editable: boolean;
  dispatch(tr: Transaction): void;
  destroy(): void;
}

/** Binds y-tiptap (sync and undo plugins) to `ydoc`'s content, with `before` plugins ahead of them. */
export function bindEditor(ydoc: Y.Doc, before: Plugin[] = []): BoundEditor {
  let state = EditorState.create({
    schema,
    plugins: [...before, ySyncPlugin(ydoc.getXmlFragment(CONTENT_FIELD)), yUndoPlugin()],
  });
  const pluginViews: PluginView[] = [];
  let destroyed = false;
  const readEditable = () => !state.plugins.some((p) => (p.props.editable as ((s: EditorState) => boolean) | undefined)?.call(p, state) === false);
  const view = {
    get state() {
      return state;
    },
    editable: true,
    get isDestroyed() {
      return destroyed;
    },
    hasFocus: () => false,
    dispatch(tr: Transaction) {
      view.updateState(state.apply(tr));
    },
    updateState(next: EditorState) {
      const prev = state;
      state = next;
      view.editable = readEditable();
      for (const pluginView of pluginViews) pluginView.update?.(view as never, prev);
    },
    destroy() {
      destroyed = true;
      for (const pluginView of pluginViews) pluginView.destroy?.();
    },
  };
  view.editable = readEditable();
  for (const plugin of state.plugins) if (plugin.spec.view) pluginViews.push(plugin.spec.view(view as never));
  return view;
}
