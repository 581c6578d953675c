import { Extension, type Editor } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

/** Plugin key; its state is the pid of the paragraph under discussion, or null. */
export const discussionKey = new PluginKey<string | null>("discussion");

/** Options: the words that name the highlighted paragraph ("Under discussion"), read at each drawing. */
export interface DiscussionOptions {
  label: () => string;
}

/**
 * The words "Under discussion", in the interface's language inside the
 * document's text: marked with that language and direction (the page's own,
 * which follow the interface language), so they are read and laid out as such.
 */
function marker(label: string): HTMLElement {
  const element = document.createElement("span");
  element.className = "discussion-marker";
  element.contentEditable = "false";
  element.lang = document.documentElement.lang;
  element.dir = document.documentElement.dir || "ltr";
  element.textContent = label;
  return element;
}

function decorate(doc: PmNode, pid: string, label: string): DecorationSet {
  let found: Decoration[] = [];
  doc.forEach((block, offset) => {
    if (found.length === 0 && block.type.name === "paragraph" && block.attrs.pid === pid) {
      found = [
        Decoration.node(offset, offset + block.nodeSize, { class: "para--discussed" }),
        // Keyed by its words, so a new language redraws it; never selected, never part of the text.
        Decoration.widget(offset + 1, () => marker(label), { side: -1, ignoreSelection: true, key: `discussion:${label}` }),
      ];
    }
  });
  return found.length > 0 ? DecorationSet.create(doc, found) : DecorationSet.empty;
}

/**
 * Marks the paragraph under discussion: a class the page styles and the
 * words "Under discussion" at its start (a widget, never part of the text,
 * read by screen readers with the paragraph), so the mark is not colour alone.
 * The page tells the editor which paragraph with {@link showDiscussed}.
 */
export const DiscussionHighlight = Extension.create<DiscussionOptions>({
  name: "discussionHighlight",
  addOptions: () => ({ label: () => "" }),
  addProseMirrorPlugins() {
    const { label } = this.options;
    // One set per document and paragraph: the view asks for decorations far more often than either changes.
    let cached: { doc: PmNode; pid: string; words: string; set: DecorationSet } | null = null;
    return [
      new Plugin<string | null>({
        key: discussionKey,
        state: {
          init: () => null,
          apply: (tr, value) => {
            const next = tr.getMeta(discussionKey) as string | null | undefined;
            return next === undefined ? value : next;
          },
        },
        props: {
          decorations(state) {
            const pid = discussionKey.getState(state);
            if (!pid) return DecorationSet.empty;
            const words = label();
            if (!cached || cached.doc !== state.doc || cached.pid !== pid || cached.words !== words) {
              cached = { doc: state.doc, pid, words, set: decorate(state.doc, pid, words) };
            }
            return cached.set;
          },
        },
      }),
    ];
  },
});

/** Tells `editor` which paragraph is under discussion (null: none); changes nothing in the text. */
export function showDiscussed(editor: Editor, pid: string | null): void {
  if (editor.isDestroyed || discussionKey.getState(editor.state) === pid) return;
  editor.view.dispatch(editor.state.tr.setMeta(discussionKey, pid).setMeta("addToHistory", false));
}
