import type { Editor } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { fromBase64 } from "lib0/buffer";
import type * as Y from "yjs";
import type { ThreadView } from "../../schemas/api.js";
import { blocksByPid, blockText, locateQuote, type QuotePlace } from "../../shared/comments/quoteAnchor.js";
import { isFromYjs } from "../editor/model/remote.js";
import { labelsOf } from "../editor/plugins/paragraphLabels.js";

/** What the comment marks in the text are drawn from. */
export interface CommentMarksInput {
  threads: ThreadView[];
  /** The thread the reader is looking at: its quote is marked more strongly, also when resolved. */
  activeThreadId: string | null;
}

/** How the badges speak. */
export interface CommentMarksText {
  /** The badge's accessible name: "2 open comment threads on OP12". */
  badgeLabel: (count: number, reference: string) => string;
}

const key = new PluginKey<DecorationSet>("commentMarks");

/** Where each thread's quote stands in the live Yjs document (offsets in its block), by thread id. */
export function placeQuotes(ydoc: Y.Doc, threads: ThreadView[]): Map<string, QuotePlace> {
  const places = new Map<string, QuotePlace>();
  if (!threads.some((thread) => thread.quote)) return places;
  const blocks = blocksByPid(ydoc);
  // Each block's text is read once, however many quotes it holds.
  const texts = new Map<Y.XmlElement, string>();
  const textOf = (element: Y.XmlElement) => {
    let text = texts.get(element);
    if (text === undefined) texts.set(element, (text = blockText(element)));
    return text;
  };
  for (const thread of threads) {
    if (!thread.quote) continue;
    places.set(thread.id, locateQuote(ydoc, blocks.get(thread.pid), thread.quote.text, {
      start: fromBase64(thread.quote.start), end: fromBase64(thread.quote.end),
    }, textOf));
  }
  return places;
}

function build(state: EditorState, ydoc: Y.Doc, input: CommentMarksInput, text: CommentMarksText, onBadge: (pid: string) => void): DecorationSet {
  const { blocks, labels } = labelsOf(state);
  const byPid = new Map(blocks.map((b) => [b.pid, b]));
  const open = new Map<string, number>();
  for (const thread of input.threads) if (!thread.resolved) open.set(thread.pid, (open.get(thread.pid) ?? 0) + 1);
  const shown = input.threads.filter((t) => t.quote && (!t.resolved || t.id === input.activeThreadId));
  const places = placeQuotes(ydoc, shown);
  const decorations: Decoration[] = [];
  for (const [pid, count] of open) {
    const block = byPid.get(pid);
    if (!block) continue;
    const reference = labels.get(pid)?.reference || "";
    decorations.push(Decoration.widget(block.pos + 1, () => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "comment-badge";
      // The count is drawn by CSS from data-count: no text of the badge joins the paragraph's text.
      button.dataset.count = String(count);
      button.setAttribute("aria-label", text.badgeLabel(count, reference));
      button.title = text.badgeLabel(count, reference);
      button.dataset.pid = pid;
      button.addEventListener("click", (event) => {
        event.preventDefault();
        onBadge(pid);
      });
      return button;
    }, { side: -1, key: `comment-badge ${pid} ${count} ${reference}`, ignoreSelection: true, stopEvent: () => true }));
  }
  for (const thread of shown) {
    const place = places.get(thread.id);
    const block = byPid.get(thread.pid);
    if (!place || !block || place.state === "deleted") continue;
    const start = block.pos + 1;
    const end = block.pos + block.node.nodeSize - 1;
    const from = Math.min(start + place.from, end);
    const to = Math.min(start + place.to, end);
    if (to <= from) continue;
    const active = thread.id === input.activeThreadId;
    decorations.push(Decoration.inline(from, to, {
      class: active ? "comment-quote comment-quote--active" : "comment-quote",
      "data-thread": thread.id,
    }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Marks comments in the text: a badge beside each paragraph with open
 * threads (their count; pressing it shows them), and the quoted words of each
 * open thread highlighted where they stand now. Quotes are read from the
 * live Yjs document, so they follow every edit; between readings the marks
 * are mapped through each transaction. Returns the function that stops it.
 */
export function showCommentMarks(
  editor: Editor,
  ydoc: Y.Doc,
  text: CommentMarksText,
  onBadge: (pid: string) => void,
  /** The origin of updates from the server: the editor's own transaction already reads those again. */
  remoteOrigin: unknown,
): { update: (input: CommentMarksInput) => void; destroy: () => void } {
  let input: CommentMarksInput = { threads: [], activeThreadId: null };
  let frame: number | null = null;
  const plugin = new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, set, _old, state) => {
        const replaced = tr.getMeta(key) as DecorationSet | undefined;
        if (replaced) return replaced;
        // A change from the shared document replaces the whole text, which no mapping survives: read
        // again at once (the Yjs document is already current), so the marks never blink and a badge
        // with focus keeps it (a widget with the same key keeps its element).
        if (tr.docChanged && isFromYjs(tr)) return build(state, ydoc, input, text, onBadge);
        return set.map(tr.mapping, tr.doc);
      },
    },
    props: { decorations: (state) => key.getState(state) },
  });
  editor.registerPlugin(plugin);
  const refresh = () => {
    frame = null;
    if (editor.isDestroyed) return;
    const { state, view } = editor;
    view.dispatch(state.tr.setMeta(key, build(state, ydoc, input, text, onBadge)).setMeta("addToHistory", false));
  };
  const schedule = (_update: Uint8Array, origin: unknown) => {
    // A remote change is read again in the editor's transaction for it (see apply): not twice.
    if (origin === remoteOrigin) return;
    if (frame === null) frame = requestAnimationFrame(refresh);
  };
  ydoc.on("update", schedule);
  return {
    update(next) {
      input = next;
      if (frame === null) frame = requestAnimationFrame(refresh);
    },
    destroy() {
      ydoc.off("update", schedule);
      if (frame !== null) cancelAnimationFrame(frame);
      if (!editor.isDestroyed) editor.unregisterPlugin(key);
    },
  };
}
