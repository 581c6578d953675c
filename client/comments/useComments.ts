import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { MAX_QUOTE_CHARS, type CommentSettings, type ThreadView, type UserView } from "../../schemas/api.js";
import { can } from "../../shared/permissions.js";
import type { DocumentConnection } from "../collab/DocumentConnection.js";
import { goToParagraph } from "../editor/goToParagraph.js";
import { labelsOf } from "../editor/plugins/paragraphLabels.js";
import { CommentBook, type CommentBookState } from "./CommentBook.js";
import { showCommentMarks } from "./commentDecorations.js";
import { NO_FILTER, type CommentFilter } from "./commentFilter.js";
import type { CommentDraft } from "./CommentsPanel.js";
import { COMMENT_SHORTCUTS, matchesShortcut } from "./commentShortcuts.js";

const EMPTY: CommentBookState = { threads: [], settings: { observersSee: true }, hiddenFromMe: false, loaded: false, failed: false };
const noBook = () => () => {};

/** What the document page needs to show and write comments. */
export interface CommentsController {
  state: CommentBookState;
  take: (thread: ThreadView) => void;
  takeSettings: (settings: CommentSettings) => void;
  draft: CommentDraft | null;
  /** Starts a comment on the paragraph at the caret, quoting the selected words of it; returns whether it could. */
  startComment: () => boolean;
  finishDraft: (thread: ThreadView | null) => void;
  filter: CommentFilter;
  setFilter: (filter: CommentFilter) => void;
  activeThreadId: string | null;
  setActiveThreadId: (id: string | null) => void;
  goToThread: (thread: ThreadView) => void;
  cards: React.RefObject<Map<string, HTMLElement>>;
  shownIds: React.RefObject<string[]>;
  /** Open threads per paragraph count, for the tab's label. */
  openCount: number;
}

/**
 * The selection as the browser has it now. ProseMirror reads the DOM's
 * selection when the browser reports a change, which may come after a key
 * pressed right after selecting; the DOM is always current.
 */
function currentSelection(editor: Editor): { from: number; to: number } {
  const { view, state } = editor;
  const selection = view.dom.ownerDocument.getSelection();
  if (selection && selection.rangeCount > 0 && selection.anchorNode && selection.focusNode &&
    view.dom.contains(selection.anchorNode) && view.dom.contains(selection.focusNode)) {
    try {
      const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
      const head = view.posAtDOM(selection.focusNode, selection.focusOffset);
      return { from: Math.min(anchor, head), to: Math.max(anchor, head) };
    } catch {
      // A position inside a widget: ProseMirror's own reading is the best there is.
    }
  }
  return { from: state.selection.from, to: state.selection.to };
}

/** The comment draft for the editor's selection: its paragraph, and the selected words when they lie in it. */
function draftAt(editor: Editor): CommentDraft | null {
  const { state } = editor;
  const { from, to } = currentSelection(editor);
  const { blocks, labels } = labelsOf(state);
  const block = blocks.find((b) => b.pos < from && from < b.pos + b.node.nodeSize) ??
    blocks.find((b) => b.pos <= from && from <= b.pos + b.node.nodeSize);
  if (!block || !block.pid) return null;
  const start = block.pos + 1;
  const end = block.pos + block.node.nodeSize - 1;
  let quote: CommentDraft["quote"] = null;
  if (to > from) {
    const qFrom = Math.max(from, start);
    const qTo = Math.min(to, end);
    const text = qTo > qFrom ? state.doc.textBetween(qFrom, qTo, "\n", "\n") : "";
    if (text.trim()) quote = { text, offset: qFrom - start };
  }
  return { pid: block.pid, reference: labels.get(block.pid)?.reference || "", quote };
}

/**
 * The comments of an open document: the live list (see {@link CommentBook}),
 * their marks in the text, the draft of a new comment, the panel's filter and
 * the thread in view, and the keyboard: Ctrl+Alt+M comments on the caret's
 * paragraph or selection, Ctrl+Alt+N and Ctrl+Alt+P go to the next and
 * previous thread, Ctrl+Alt+J jumps between a thread and its paragraph.
 */
export function useComments(options: {
  documentId: string;
  collab: DocumentConnection | null;
  editor: Editor | null;
  user: UserView;
  openPanel: () => void;
  notify: (message: string, kind?: "polite" | "alert") => void;
}): CommentsController {
  const { documentId, collab, editor, user, openPanel, notify } = options;
  const { t, i18n } = useTranslation();
  const [book, setBook] = useState<CommentBook | null>(null);
  useEffect(() => {
    if (!collab) return;
    const created = new CommentBook(documentId, collab, user.role);
    setBook(created);
    return () => {
      created.destroy();
      setBook(null);
    };
  }, [documentId, collab, user.role]);
  const state = useSyncExternalStore(book?.subscribe ?? noBook, () => book?.state ?? EMPTY);

  const [draft, setDraft] = useState<CommentDraft | null>(null);
  const [filter, setFilter] = useState<CommentFilter>(NO_FILTER);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  const shownIds = useRef<string[]>([]);

  // Badges and highlighted quotes in the text.
  const marks = useRef<ReturnType<typeof showCommentMarks> | null>(null);
  const onBadge = useRef<(pid: string) => void>(() => {});
  useEffect(() => {
    if (!editor || !collab) return;
    const shown = showCommentMarks(editor, collab.ydoc, {
      badgeLabel: (count, reference) => t("comments.badge", { count, reference: reference || t("comments.thisParagraph") }),
    }, (pid) => onBadge.current(pid), collab.provider);
    marks.current = shown;
    return () => {
      shown.destroy();
      marks.current = null;
    };
  }, [editor, collab, t]);
  useEffect(() => {
    marks.current?.update({ threads: state.threads, activeThreadId });
  }, [state.threads, activeThreadId, editor]);

  const focusThread = useCallback((threadId: string) => {
    setActiveThreadId(threadId);
    // After the panel rendered the thread.
    requestAnimationFrame(() => {
      const card = cards.current.get(threadId);
      card?.scrollIntoView({ block: "nearest" });
      card?.focus();
    });
  }, []);

  const showParagraphThreads = useCallback((pid: string) => {
    openPanel();
    setFilter({ ...NO_FILTER, status: "all", pid });
    requestAnimationFrame(() => {
      const first = shownIds.current[0];
      if (first) focusThread(first);
    });
  }, [openPanel, focusThread]);
  onBadge.current = showParagraphThreads;

  const startComment = useCallback((): boolean => {
    if (!editor || !can(user, "comment.write")) return false;
    const next = draftAt(editor);
    if (!next) {
      notify(t("comments.noParagraph"), "alert");
      return false;
    }
    if (next.quote && next.quote.text.length > MAX_QUOTE_CHARS) {
      notify(t("comments.quoteTooLong", { max: MAX_QUOTE_CHARS.toLocaleString(i18n.language) }), "alert");
      return false;
    }
    openPanel();
    setDraft(next);
    return true;
  }, [editor, user, openPanel, notify, t]);

  const goToThread = useCallback((thread: ThreadView) => {
    setActiveThreadId(thread.id);
    if (editor && !goToParagraph(editor, thread.pid)) notify(t("comments.paragraphGone"), "alert");
  }, [editor, notify, t]);

  const finishDraft = useCallback((thread: ThreadView | null) => {
    setDraft(null);
    if (thread) {
      setFilter((f) => (matchesFilterLoosely(f, thread) ? f : NO_FILTER));
      focusThread(thread.id);
    } else if (editor && !editor.isDestroyed) {
      // Cancelled: back to where the comment was started.
      editor.commands.focus();
    }
  }, [focusThread, editor]);

  // Keyboard shortcuts anywhere on the page.
  const stateRef = useRef({ activeThreadId, editor, startComment, goToThread, showParagraphThreads, threads: state.threads });
  stateRef.current = { activeThreadId, editor, startComment, goToThread, showParagraphThreads, threads: state.threads };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const current = stateRef.current;
      if (matchesShortcut(event, COMMENT_SHORTCUTS.comment)) {
        event.preventDefault();
        current.startComment();
      } else if (matchesShortcut(event, COMMENT_SHORTCUTS.next) || matchesShortcut(event, COMMENT_SHORTCUTS.previous)) {
        event.preventDefault();
        const step = matchesShortcut(event, COMMENT_SHORTCUTS.next) ? 1 : -1;
        openPanel();
        // Once the comments tab is drawn (it is not while the other tab is shown), its list is current.
        requestAnimationFrame(() => {
          const ids = shownIds.current;
          if (ids.length === 0) return;
          const active = stateRef.current.activeThreadId;
          const at = active ? ids.indexOf(active) : -1;
          const next = at < 0 ? (step > 0 ? 0 : ids.length - 1) : (at + step + ids.length) % ids.length;
          focusThread(ids[next]!);
        });
      } else if (matchesShortcut(event, COMMENT_SHORTCUTS.jump)) {
        event.preventDefault();
        const inPanel = event.target instanceof HTMLElement && event.target.closest("[data-thread]");
        const thread = current.threads.find((th) => th.id === current.activeThreadId);
        if (inPanel && thread) current.goToThread(thread);
        else if (current.editor) {
          const here = draftAt(current.editor);
          if (here) current.showParagraphThreads(here.pid);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openPanel, focusThread]);

  const openCount = useMemo(() => state.threads.filter((th) => !th.resolved).length, [state.threads]);
  const take = useCallback((thread: ThreadView) => book?.take(thread), [book]);
  const takeSettings = useCallback((settings: CommentSettings) => book?.takeSettings(settings), [book]);
  return {
    state, take, takeSettings, draft, startComment, finishDraft, filter, setFilter, activeThreadId, setActiveThreadId,
    goToThread, cards, shownIds, openCount,
  };
}

/** Whether a new thread would show under the filter, so it need not be reset. */
function matchesFilterLoosely(filter: CommentFilter, thread: ThreadView): boolean {
  return filter.status !== "resolved" && (filter.pid === null || filter.pid === thread.pid) && filter.delegation === null && filter.group === null;
}
