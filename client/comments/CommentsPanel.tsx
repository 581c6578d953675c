import type { Editor } from "@tiptap/core";
import { useMemo, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, ToggleButton, ToggleButtonGroup } from "react-aria-components";
import type * as Y from "yjs";
import type { CommentSettings, ThreadView, UserView } from "../../schemas/api.js";
import { StakeholderGroup } from "../../schemas/domain.js";
import { can } from "../../shared/permissions.js";
import { SelectField } from "../admin/ui/fields.js";
import { createThread, setCommentSettings } from "../api/comments.js";
import { labelsOf } from "../editor/plugins/paragraphLabels.js";
import type { LiveOverview } from "../overview/useLiveOverview.js";
import type { CommentBookState } from "./CommentBook.js";
import { placeQuotes } from "./commentDecorations.js";
import { inReadingOrder, matchesFilter, type CommentFilter } from "./commentFilter.js";
import { CommentForm } from "./CommentForm.js";
import { failureText, ThreadCard, type ThreadPlace } from "./ThreadCard.js";
import "./comments.css";
import { COMMENT_SHORTCUTS } from "./commentShortcuts.js";
import { shortcutLabel } from "../editor/toolbar/shortcutLabel.js";

/** A comment being written: on a paragraph, maybe quoting words of it. */
export interface CommentDraft {
  pid: string;
  reference: string;
  quote: { text: string; offset: number } | null;
}

/** Props of {@link CommentsPanel}. */
export interface CommentsPanelProps {
  documentId: string;
  editor: Editor | null;
  ydoc: Y.Doc | null;
  /** Read to re-render when the text changes (labels, quotes). */
  overview: LiveOverview | null;
  user: UserView;
  book: CommentBookState;
  onChanged: (thread: ThreadView) => void;
  /** Takes in the comment settings as the server answered a change. */
  onSettings: (settings: CommentSettings) => void;
  draft: CommentDraft | null;
  onDraftDone: (thread: ThreadView | null) => void;
  filter: CommentFilter;
  onFilterChange: (filter: CommentFilter) => void;
  activeThreadId: string | null;
  onActivate: (threadId: string) => void;
  onGoTo: (thread: ThreadView) => void;
  /** Filled in here: the thread cards in the order shown, for moving between them with the keyboard. */
  cards: RefObject<Map<string, HTMLElement>>;
  /** Filled in here: the ids of the threads shown, in order. */
  shownIds: RefObject<string[]>;
  notify: (message: string, kind?: "polite" | "alert") => void;
}

const STATUSES = ["open", "resolved", "all"] as const;
/** Threads drawn at a time. */
const PAGE = 50;

/**
 * The comments of the document: every thread the reader may read, in the
 * order of their paragraphs, filterable by open or resolved, paragraph,
 * delegation and stakeholder group; the form of a new comment; for the
 * secretariat, whether observers see the comments.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { t } = useTranslation();
  const { book, editor, ydoc, filter, user } = props;
  const blocks = editor && !editor.isDestroyed ? labelsOf(editor.state).blocks : [];
  const labels = editor && !editor.isDestroyed ? labelsOf(editor.state).labels : new Map();
  const order = new Map(blocks.map((b, i) => [b.pid, i]));
  const statusOf = new Map(blocks.map((b) => [b.pid, b.status]));
  const threads = inReadingOrder(book.threads, order);
  const matching = threads.filter((thread) => matchesFilter(thread, filter));
  // A long list is drawn a page at a time; the thread in view is always drawn.
  const [pages, setPages] = useState(1);
  const activeAt = props.activeThreadId ? matching.findIndex((th) => th.id === props.activeThreadId) : -1;
  const drawn = Math.max(pages * PAGE, activeAt + 1);
  const shown = matching.slice(0, drawn);
  props.shownIds.current = matching.map((thread) => thread.id);
  // Read again whenever the text changed (the overview is recomputed then).
  const quotes = useMemo(() => (ydoc ? placeQuotes(ydoc, shown) : new Map()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ydoc, props.overview, book.threads, filter, drawn]);
  const pidsWithThreads = [...new Set(threads.map((thread) => thread.pid))];
  const referenceOf = (thread: ThreadView) => labels.get(thread.pid)?.reference || thread.paragraph?.reference || "";
  const delegations = [...new Set(threads.flatMap((th) => [th.createdBy, ...th.comments.map((c) => c.author)])
    .map((p) => p.delegation).filter((d): d is string => d !== null))].sort();
  const placeOf = (thread: ThreadView): ThreadPlace => ({
    reference: referenceOf(thread),
    state: !order.has(thread.pid) ? "gone" : statusOf.get(thread.pid) === "deleted" ? "deleted" : "present",
    quote: quotes.get(thread.id) ?? null,
  });
  const listRef = useRef<HTMLOListElement>(null);

  if (book.hiddenFromMe) return <p className="comments__note">{t("comments.hiddenFromObservers")}</p>;
  return (
    <div className="comments">
      {can(user, "comment.configure") && (
        <Checkbox className="checkbox comments__setting" isSelected={book.settings.observersSee}
          onChange={async (observersSee) => {
            const result = await setCommentSettings(props.documentId, { observersSee });
            if (result.ok) props.onSettings(result.value);
            props.notify(result.ok ? t(observersSee ? "comments.observersSeeOn" : "comments.observersSeeOff") : failureText(t, result),
              result.ok ? "polite" : "alert");
          }}>
          <span aria-hidden="true" className="checkbox__box" />
          {t("comments.observersSee")}
        </Checkbox>
      )}
      {props.draft && (
        <section className="comments__draft" aria-label={t("comments.newOn", { reference: props.draft.reference || t("comments.thisParagraph") })}>
          {/* A new draft (another paragraph or words) is a new form: its text and focus start afresh. */}
          <CommentForm key={`${props.draft.pid} ${props.draft.quote?.offset ?? ""} ${props.draft.quote?.text ?? ""}`}
            label={t("comments.newOn", { reference: props.draft.reference || t("comments.thisParagraph") })} submitLabel={t("comments.post")}
            onCancel={() => props.onDraftDone(null)}
            onSubmit={async (text) => {
              const draft = props.draft!;
              const result = await createThread(props.documentId, { pid: draft.pid, body: text, ...(draft.quote ? { quote: draft.quote } : {}) });
              if (!result.ok) return failureText(t, result);
              props.onChanged(result.value);
              props.onDraftDone(result.value);
              props.notify(t("comments.postedDone"));
              return null;
            }}>
            {props.draft.quote && <blockquote className="thread__quote" dir="auto">{props.draft.quote.text}</blockquote>}
          </CommentForm>
        </section>
      )}
      <div className="comments__filters">
        <ToggleButtonGroup aria-label={t("comments.filterStatus")} className="filter-group" selectionMode="single"
          disallowEmptySelection selectedKeys={[filter.status]}
          onSelectionChange={(keys) => props.onFilterChange({ ...filter, status: ([...keys][0] as CommentFilter["status"] | undefined) ?? "open" })}>
          {STATUSES.map((s) => <ToggleButton key={s} id={s} className="filter-group__button">{t(`comments.status.${s}`)}</ToggleButton>)}
        </ToggleButtonGroup>
        <SelectField label={t("comments.filterParagraph")} className="comments__select" value={filter.pid ?? "*"}
          options={[{ id: "*", label: t("comments.any") }, ...pidsWithThreads.map((pid) => {
            const thread = threads.find((th) => th.pid === pid)!;
            return { id: pid, label: referenceOf(thread) || t("comments.thisParagraph") };
          })]}
          onChange={(key) => props.onFilterChange({ ...filter, pid: key === "*" || key === null ? null : key })} />
        <SelectField label={t("comments.filterDelegation")} className="comments__select" value={filter.delegation ?? "*"}
          options={[{ id: "*", label: t("comments.any") }, ...delegations.map((d) => ({ id: d, label: d }))]}
          onChange={(key) => props.onFilterChange({ ...filter, delegation: key === "*" || key === null ? null : key })} />
        <SelectField label={t("comments.filterGroup")} className="comments__select" value={filter.group ?? "*"}
          options={[{ id: "*", label: t("comments.any") }, ...StakeholderGroup.options.map((g) => ({ id: g, label: t(`groups.${g}`) }))]}
          onChange={(key) => props.onFilterChange({ ...filter, group: key === "*" || key === null ? null : key })} />
      </div>
      <p className="comments__count" role="status">
        {!book.loaded ? t("comments.loading") : t("comments.shown", { count: matching.length, total: threads.length })}
        {book.failed && ` ${t("comments.catchUpFailed")}`}
      </p>
      <ol className="comments__list" ref={listRef}>
        {shown.map((thread) => (
          <li key={thread.id}>
            <ThreadCard thread={thread} place={placeOf(thread)} user={user} documentId={props.documentId}
              ref={(element) => {
                if (element) props.cards.current.set(thread.id, element);
                else props.cards.current.delete(thread.id);
              }}
              active={thread.id === props.activeThreadId} onActivate={() => props.onActivate(thread.id)}
              onGoTo={() => props.onGoTo(thread)} onChanged={props.onChanged} notify={props.notify} />
          </li>
        ))}
      </ol>
      {matching.length > shown.length && (
        <Button className="button" onPress={() => setPages((n) => n + 1)}>
          {t("comments.showMore", { count: Math.min(PAGE, matching.length - shown.length), left: matching.length - shown.length })}
        </Button>
      )}
      <p className="comments__note">{t("comments.shortcuts", {
        comment: shortcutLabel(COMMENT_SHORTCUTS.comment), next: shortcutLabel(COMMENT_SHORTCUTS.next),
        previous: shortcutLabel(COMMENT_SHORTCUTS.previous), jump: shortcutLabel(COMMENT_SHORTCUTS.jump),
      })}</p>
    </div>
  );
}
