import type { TFunction } from "i18next";
import { forwardRef, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { CommentView, ThreadView, UserView } from "../../schemas/api.js";
import type { QuotePlace } from "../../shared/comments/quoteAnchor.js";
import { can } from "../../shared/permissions.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE, type ApiResult } from "../api/http.js";
import {
  deleteComment, editComment, replyToThread, setCommentHidden, setThreadResolved,
} from "../api/comments.js";
import { CommentForm } from "./CommentForm.js";

/** Where a thread's paragraph stands in the live text. */
export interface ThreadPlace {
  /** Its reference now ("OP13"), or what the server last said when it is no longer in the text. */
  reference: string;
  /** "gone": no longer in the document (deleted, or dropped by a revision). */
  state: "present" | "deleted" | "gone";
  /** Where the quoted words are now (live), if the thread quotes any. */
  quote: QuotePlace | null;
}

/** Props of {@link ThreadCard}. */
export interface ThreadCardProps {
  thread: ThreadView;
  place: ThreadPlace;
  user: UserView;
  documentId: string;
  active: boolean;
  onActivate: () => void;
  onGoTo: () => void;
  /** Takes in the thread as the server answered a change. */
  onChanged: (thread: ThreadView) => void;
  notify: (message: string, kind?: "polite" | "alert") => void;
}

/** The message of a failed request, for the person who made it. */
export function failureText(t: TFunction, result: Exclude<ApiResult<unknown>, { ok: true }>): string {
  if (result.status === NETWORK_FAILURE) return t("errors.network");
  return errorWords(t, result.error) || t("comments.failed");
}

function When({ at }: { at: string }) {
  const { i18n } = useTranslation();
  const date = new Date(at);
  return <time dateTime={at}>{new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(date)}</time>;
}

/**
 * One thread: where it is (its paragraph and quoted words, or that they are
 * gone), its comments with author, delegation, group and time, and what the
 * reader may do: reply, edit or delete their own, resolve or reopen, hide.
 * A resolved thread is folded to one line and can be unfolded. Text is
 * always rendered as text.
 */
export const ThreadCard = forwardRef<HTMLElement, ThreadCardProps>(function ThreadCard(props, ref) {
  const { thread, place, user, documentId, active, onChanged, notify } = props;
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [hiding, setHiding] = useState<string | null>(null);
  const [unfolded, setUnfolded] = useState(false);
  const folded = thread.resolved !== null && !unfolded;
  const article = useRef<HTMLElement | null>(null);
  const setArticle = (element: HTMLElement | null) => {
    article.current = element;
    if (typeof ref === "function") ref(element);
    else if (ref) ref.current = element;
  };
  /** After a form closes or a comment goes, focus returns to the thread rather than to the page. */
  const refocus = () => requestAnimationFrame(() => article.current?.focus());
  const mayWrite = can(user, "comment.write");
  const mayResolve = can(user, "comment.resolve", { authorId: thread.createdBy.userId });
  const headingId = `thread-${thread.id}`;

  const act = async (request: Promise<ApiResult<ThreadView>>): Promise<string | null> => {
    const result = await request;
    if (result.ok) {
      onChanged(result.value);
      return null;
    }
    return failureText(t, result);
  };
  const actAndTell = async (request: Promise<ApiResult<ThreadView>>, done: string) => {
    const problem = await act(request);
    notify(problem ?? done, problem ? "alert" : "polite");
    refocus();
  };

  const quote = thread.quote;
  const quoteState = place.quote?.state ?? quote?.now?.state ?? null;
  return (
    <article ref={setArticle} tabIndex={-1} aria-labelledby={headingId} data-thread={thread.id}
      className={`thread${active ? " thread--active" : ""}${thread.resolved ? " thread--resolved" : ""}`}
      onFocus={props.onActivate}>
      <header className="thread__header">
        <h4 id={headingId} className="thread__title">
          <Button className="thread__goto" onPress={props.onGoTo} isDisabled={place.state === "gone"}
            aria-label={t("comments.goTo", { reference: place.reference || t("comments.thisParagraph") })}>
            {place.reference || t("comments.thisParagraph")}
          </Button>
        </h4>
        {place.state === "gone" && <span className="thread__flag">{t("comments.paragraphGone")}</span>}
        {place.state === "deleted" && <span className="thread__flag">{t("comments.paragraphDeleted")}</span>}
        {thread.resolved && <span className="thread__flag thread__flag--resolved">{t("comments.resolved")}</span>}
      </header>
      {quote && (
        <blockquote className={`thread__quote thread__quote--${quoteState ?? "intact"}`}>
          <span className="thread__quote-text" dir="auto">{quote.text}</span>
          {quoteState === "deleted" && <span className="thread__quote-note">{t("comments.quoteDeleted")}</span>}
          {quoteState === "changed" && <span className="thread__quote-note">{t("comments.quoteChanged", { now: place.quote?.text ?? quote.now?.text ?? "" })}</span>}
        </blockquote>
      )}
      {folded ? (
        <p className="thread__folded">
          {t("comments.resolvedBy", { name: thread.resolved!.by?.name ?? "", count: thread.comments.length })}{" "}
          <Button className="link-button" onPress={() => setUnfolded(true)}>{t("comments.unfold")}</Button>
        </p>
      ) : (
        <>
          <ol className="thread__comments">
            {thread.comments.map((comment) => (
              <li key={comment.id} className="comment">
                <CommentByline comment={comment} />
                {editing === comment.id ? (
                  <CommentForm label={t("comments.editLabel")} submitLabel={t("comments.save")} initial={comment.body ?? ""}
                    onCancel={() => {
                      setEditing(null);
                      refocus();
                    }}
                    onSubmit={async (text) => {
                      const problem = await act(editComment(documentId, thread.id, comment.id, text));
                      if (!problem) {
                        setEditing(null);
                        refocus();
                      }
                      return problem;
                    }} />
                ) : (
                  <CommentBody comment={comment} />
                )}
                {hiding === comment.id && (
                  <CommentForm label={t("comments.hideReason")} submitLabel={t("comments.hide")} maxLength={500}
                    onCancel={() => {
                      setHiding(null);
                      refocus();
                    }}
                    onSubmit={async (reason) => {
                      const problem = await act(setCommentHidden(documentId, thread.id, comment.id, { hidden: true, reason }));
                      if (!problem) {
                        setHiding(null);
                        refocus();
                      }
                      return problem;
                    }} />
                )}
                {editing !== comment.id && hiding !== comment.id && (
                  <CommentActions comment={comment} user={user}
                    onEdit={() => setEditing(comment.id)}
                    onDelete={() => void actAndTell(deleteComment(documentId, thread.id, comment.id), t("comments.deletedDone"))}
                    onHide={() => setHiding(comment.id)}
                    onShow={() => void actAndTell(setCommentHidden(documentId, thread.id, comment.id, { hidden: false }), t("comments.shownDone"))} />
                )}
              </li>
            ))}
          </ol>
          {replying && (
            <CommentForm label={t("comments.replyLabel")} submitLabel={t("comments.send")}
              onCancel={() => {
                setReplying(false);
                refocus();
              }}
              onSubmit={async (text) => {
                const problem = await act(replyToThread(documentId, thread.id, text));
                if (!problem) {
                  setReplying(false);
                  refocus();
                }
                return problem;
              }} />
          )}
          <div className="thread__actions">
            {mayWrite && !replying && <Button className="button" onPress={() => setReplying(true)}>{t("comments.reply")}</Button>}
            {mayResolve && (
              <Button className="button" onPress={() => void actAndTell(setThreadResolved(documentId, thread.id, !thread.resolved),
                t(thread.resolved ? "comments.reopenedDone" : "comments.resolvedDone"))}>
                {t(thread.resolved ? "comments.reopen" : "comments.resolve")}
              </Button>
            )}
            {thread.resolved && unfolded && <Button className="link-button" onPress={() => setUnfolded(false)}>{t("comments.fold")}</Button>}
          </div>
        </>
      )}
    </article>
  );
});

function CommentByline({ comment }: { comment: CommentView }) {
  const { t } = useTranslation();
  const { author } = comment;
  return (
    <p className="comment__byline">
      <span className="comment__author">{author.name}</span>
      {author.delegation && <span className="comment__delegation">{author.delegation}</span>}
      {author.group && <span className="comment__group">{t(`groups.${author.group}`)}</span>}
      <span className="comment__time"><When at={comment.createdAt} /></span>
      {comment.editedAt && !comment.deleted && <span className="comment__edited">{t("comments.edited")}</span>}
    </p>
  );
}

function CommentBody({ comment }: { comment: CommentView }) {
  const { t } = useTranslation();
  if (comment.deleted) return <p className="comment__body comment__body--gone">{t("comments.commentDeleted")}</p>;
  return (
    <>
      {comment.hidden && (
        <p className="comment__hidden">
          {t("comments.hiddenBy", { name: comment.hidden.by?.name ?? t("roles.secretariat"), reason: comment.hidden.reason })}
        </p>
      )}
      {comment.body !== null && <p className="comment__body" dir="auto">{comment.body}</p>}
    </>
  );
}

function CommentActions({ comment, user, onEdit, onDelete, onHide, onShow }: {
  comment: CommentView;
  user: UserView;
  onEdit: () => void;
  onDelete: () => void;
  onHide: () => void;
  onShow: () => void;
}) {
  const { t } = useTranslation();
  if (comment.deleted) return null;
  const own = { authorId: comment.author.userId };
  // A hidden comment stays on record as it was: its author no longer edits or deletes it.
  const mayChange = comment.hidden === null;
  const buttons = [
    mayChange && can(user, "comment.edit", own) && <Button key="edit" className="link-button" onPress={onEdit}>{t("comments.edit")}</Button>,
    mayChange && can(user, "comment.delete", own) && <Button key="delete" className="link-button" onPress={onDelete}>{t("comments.delete")}</Button>,
    can(user, "comment.hide") && (comment.hidden
      ? <Button key="show" className="link-button" onPress={onShow}>{t("comments.show")}</Button>
      : <Button key="hide" className="link-button" onPress={onHide}>{t("comments.hide")}</Button>),
  ].filter(Boolean);
  return buttons.length > 0 ? <div className="comment__actions">{buttons}</div> : null;
}
