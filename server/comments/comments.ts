import type { Logger } from "pino";
import type {
  CommentSettings, CommentsResponse, CommentVisibilityBody, NewThreadBody, ThreadView, UserView,
} from "../../schemas/api.js";
import type { CommentRow, CommentThreadRow, DocumentRow } from "../../schemas/rows.js";
import { writeComments } from "../../shared/collab/messages.js";
import { anchorQuote } from "../../shared/comments/quoteAnchor.js";
import { can } from "../../shared/permissions.js";
import type { RoomRegistry } from "../collab/rooms.js";
import { readDocument } from "../documents/readDocument.js";
import type { AuditRecord, AuditStore } from "../storage/auditStore.js";
import type { CommentStore, StoredThread } from "../storage/commentStore.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { UserStore } from "../storage/userStore.js";
import type { CommentFeed, FeedAudience } from "./commentFeed.js";
import type { CommentRate } from "./commentRate.js";
import { ThreadViewer, type CommentAudience } from "./commentViews.js";

/** What the comment commands need. */
export interface CommentsDeps {
  comments: CommentStore;
  documents: DocumentStore;
  users: UserStore;
  rooms: RoomRegistry;
  audit: AuditStore;
  feed: CommentFeed;
  /** Comments (threads, replies, edits) per user. */
  rate: CommentRate;
  /** Other writes per user: delete, resolve, reopen, hide, show. */
  actionRate: CommentRate;
  log: Logger;
}

/** A refusal, as the API answers it. */
export interface CommentRefusal {
  status: 400 | 403 | 404 | 429;
  error: string;
  message: string;
  /** For 429: seconds until the user may write again. */
  retryAfter?: number;
}

/** A command's outcome: the thread as the actor now reads it, or why nothing was stored. */
export type CommentOutcome = { ok: true; thread: ThreadView } | { ok: false; refusal: CommentRefusal };

const refuse = (status: CommentRefusal["status"], error: string, message: string): { ok: false; refusal: CommentRefusal } =>
  ({ ok: false, refusal: { status, error, message } });

/** Occurrences of an ambiguous quote counted before saying "more than". */
const MAX_COUNTED = 100;

const audienceOf = (user: UserView): CommentAudience => user.role === "secretariat" ? "secretariat" : "participant";

/**
 * Paragraph comments: every read and write of threads, each checked against
 * the permission table, stored with its audit record in one transaction and
 * then sent live to the document's room. `user` is always the user as they
 * act on the document (a named facilitator acts as facilitator).
 */
export class Comments {
  constructor(private readonly deps: CommentsDeps) {}

  /** Threads of a document changed after `since` (all with 0), as this user reads them. */
  list(document: DocumentRow, user: UserView, since = 0): CommentsResponse {
    const settings = this.settings(document.id);
    // An observer the comments are hidden from is given none, so its cursor stays at 0: once they
    // are shown again, catching up with it brings every thread, those changed meanwhile included.
    if (user.role === "observer" && !settings.observersSee) return { cursor: 0, settings, hiddenFromMe: true, threads: [] };
    const cursor = this.deps.comments.version(document.id);
    // A cursor from beyond this database (restored from a backup since) is read as none: everything is sent.
    const stored = this.deps.comments.threads(document.id, since > cursor ? 0 : since);
    if (stored.length === 0) return { cursor, settings, hiddenFromMe: false, threads: [] };
    const viewer = this.viewer(document);
    return { cursor, settings, hiddenFromMe: false, threads: stored.map((t) => viewer.view(t, audienceOf(user))) };
  }

  /** The comment settings of a document. */
  settings(documentId: string): CommentSettings {
    return { observersSee: this.deps.comments.observersSee(documentId) };
  }

  /** Opens a thread on a block, optionally quoting words of it. */
  create(document: DocumentRow, user: UserView, input: NewThreadBody): CommentOutcome {
    if (!can(user, "comment.write")) return refuse(403, "forbidden", "Observers read comments; only participants write them.");
    const viewer = this.viewer(document);
    const element = viewer.block(input.pid);
    if (!element) return refuse(400, "unknown_paragraph", `There is no paragraph with pid "${input.pid}" in this document.`);
    let quote: { text: string; start: Uint8Array; end: Uint8Array } | null = null;
    if (input.quote) {
      const anchored = anchorQuote(element, input.quote.text, input.quote.offset);
      if ("problem" in anchored) {
        const reference = viewer.describe(input.pid);
        const message = anchored.problem === "ambiguous"
          ? `The quoted words occur ${anchored.occurrences > MAX_COUNTED ? `more than ${MAX_COUNTED}` : anchored.occurrences} times in ${reference}; give the offset of the one you mean.`
          : `The quoted words are not in ${reference}.`;
        return refuse(400, "quote_not_in_paragraph", message);
      }
      quote = { text: input.quote.text, start: anchored.start, end: anchored.end };
    }
    const limited = this.limit(user);
    if (limited) return limited;
    const { threadId } = this.deps.comments.write(() => {
      const ids = this.deps.comments.addThread({ documentId: document.id, pid: input.pid, authorId: user.id, body: input.body, quote });
      this.audit(user, document.id, input.pid, "comment.thread", { threadId: ids.threadId, commentId: ids.commentId, quote: quote?.text ?? null });
      return ids;
    });
    return this.changed(document, user, threadId, "all", viewer);
  }

  /** Adds a reply to a thread. */
  reply(document: DocumentRow, user: UserView, threadId: string, body: string): CommentOutcome {
    return this.change(document, user, threadId, (thread) => {
      if (!can(user, "comment.write")) return refuse(403, "forbidden", "Observers read comments; only participants write them.");
      const limited = this.limit(user);
      if (limited) return limited;
      const commentId = this.deps.comments.addReply(thread, user.id, body);
      this.audit(user, document.id, thread.pid, "comment.reply", { threadId, commentId });
      return [commentId];
    });
  }

  /** Changes the text of one's own comment. */
  edit(document: DocumentRow, user: UserView, threadId: string, commentId: string, body: string): CommentOutcome {
    return this.changeComment(document, user, threadId, commentId, (thread, comment) => {
      if (!can(user, "comment.edit", { authorId: comment.author_id })) return refuse(403, "forbidden", "Only its author can edit a comment.");
      if (comment.deleted_at) return refuse(400, "comment_deleted", "This comment was deleted; it cannot be edited.");
      if (comment.hidden_at) return refuse(400, "comment_hidden", "The secretariat hid this comment; it can no longer be edited.");
      if (comment.body === body) return [];
      const limited = this.limit(user);
      if (limited) return limited;
      this.deps.comments.editComment(thread, commentId, body);
      // The words replaced stay on record (shown to the secretariat only, see auditView).
      this.audit(user, document.id, thread.pid, "comment.edit", { threadId, commentId, previous: comment.body });
      return [commentId];
    });
  }

  /** Deletes one's own comment; "comment deleted" stays in its thread. */
  remove(document: DocumentRow, user: UserView, threadId: string, commentId: string): CommentOutcome {
    return this.changeComment(document, user, threadId, commentId, (thread, comment) => {
      if (!can(user, "comment.delete", { authorId: comment.author_id })) return refuse(403, "forbidden", "Only its author can delete a comment.");
      if (comment.deleted_at) return [];
      if (comment.hidden_at) return refuse(400, "comment_hidden", "The secretariat hid this comment; it stays on record and cannot be deleted.");
      const limited = this.limit(user, this.deps.actionRate);
      if (limited) return limited;
      this.deps.comments.deleteComment(thread, commentId);
      this.audit(user, document.id, thread.pid, "comment.delete", { threadId, commentId });
      return [commentId];
    });
  }

  /** Resolves a thread (it folds away, still readable) or reopens it. */
  resolve(document: DocumentRow, user: UserView, threadId: string, resolved: boolean): CommentOutcome {
    return this.change(document, user, threadId, (thread) => {
      if (!can(user, "comment.resolve", { authorId: thread.created_by })) {
        return refuse(403, "forbidden", `Only the thread's author or a facilitator can ${resolved ? "resolve" : "reopen"} it.`);
      }
      if ((thread.resolved_at !== null) === resolved) return [];
      const limited = this.limit(user, this.deps.actionRate);
      if (limited) return limited;
      this.deps.comments.setResolved(thread, resolved ? user.id : null);
      this.audit(user, document.id, thread.pid, resolved ? "comment.resolve" : "comment.reopen", { threadId });
      return "header";
    });
  }

  /** The secretariat hides a comment with a reason, or shows it again. */
  setHidden(document: DocumentRow, user: UserView, threadId: string, commentId: string, input: CommentVisibilityBody): CommentOutcome {
    return this.changeComment(document, user, threadId, commentId, (thread, comment) => {
      if (!can(user, "comment.hide")) return refuse(403, "forbidden", "Only the secretariat can hide or show comments.");
      if (comment.hidden_at === null && !input.hidden) return [];
      const reason = input.hidden ? input.reason : null;
      const limited = this.limit(user, this.deps.actionRate);
      if (limited) return limited;
      this.deps.comments.setHidden(thread, commentId, user.id, reason);
      this.audit(user, document.id, thread.pid, input.hidden ? "comment.hide" : "comment.show", reason === null ? { threadId, commentId } : { threadId, commentId, reason });
      return [commentId];
    });
  }

  /**
   * Runs a change of a thread in one immediate transaction: the thread is
   * read, checked and written there, so no other process changes it in
   * between. `step` returns a refusal, the ids of the comments it changed,
   * "header" when only the thread itself changed, or [] for no change.
   */
  private change(
    document: DocumentRow, user: UserView, threadId: string,
    step: (thread: CommentThreadRow) => { ok: false; refusal: CommentRefusal } | string[] | "header",
  ): CommentOutcome {
    const outcome = this.deps.comments.write(() => {
      const thread = this.deps.comments.findThread(document.id, threadId);
      return thread ? step(thread) : threadNotFound();
    });
    if (!Array.isArray(outcome) && outcome !== "header") return outcome;
    if (Array.isArray(outcome) && outcome.length === 0) return { ok: true, thread: this.viewOne(document, user, threadId) };
    return this.changed(document, user, threadId, outcome);
  }

  /** {@link change} of one comment of the thread (404 when the thread has no such comment). */
  private changeComment(
    document: DocumentRow, user: UserView, threadId: string, commentId: string,
    step: (thread: CommentThreadRow, comment: CommentRow) => { ok: false; refusal: CommentRefusal } | string[],
  ): CommentOutcome {
    return this.change(document, user, threadId, (thread) => {
      const comment = this.deps.comments.findComment(threadId, commentId);
      return comment ? step(thread, comment) : refuse(404, "comment_not_found", "There is no such comment in this thread.");
    });
  }

  /** The secretariat lets observers see the document's comments, or not. */
  configure(document: DocumentRow, user: UserView, settings: CommentSettings): { ok: true; settings: CommentSettings } | { ok: false; refusal: CommentRefusal } {
    if (!can(user, "comment.configure")) return refuse(403, "forbidden", "Only the secretariat changes who sees comments.");
    if (this.settings(document.id).observersSee === settings.observersSee) return { ok: true, settings };
    this.deps.comments.write(() => {
      this.deps.comments.setObserversSee(document.id, settings.observersSee);
      this.audit(user, document.id, null, "comment.settings", { observersSee: settings.observersSee });
    });
    const cursor = this.deps.comments.version(document.id);
    const frame = writeComments({ cursor, threads: [], settings });
    this.deps.feed.publish(document.id, () => frame);
    return { ok: true, settings };
  }

  /** Takes a token of one of the user's budgets (comments by default), or says how long to wait. */
  private limit(user: UserView, rate = this.deps.rate): { ok: false; refusal: CommentRefusal } | null {
    const wait = rate.take(user.id);
    if (wait === 0) return null;
    const seconds = Math.ceil(wait / 1000);
    return { ok: false, refusal: {
      status: 429, error: "too_many_comments", retryAfter: seconds,
      message: `You are ${rate === this.deps.rate ? "writing comments" : "changing comments"} faster than the room allows (${rate.perMinute} a minute); wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
    } };
  }

  private audit(user: UserView, documentId: string, pid: string | null, action: string, detail: Record<string, unknown>): void {
    const record: AuditRecord = { userId: user.id, documentId, pid, action, detail };
    this.deps.audit.append([record]);
  }

  private viewer(document: DocumentRow): ThreadViewer {
    const doc = readDocument(this.deps.documents, this.deps.rooms, document.id, this.deps.log);
    return new ThreadViewer(doc, document.style, document.language, this.deps.users);
  }

  private viewOne(document: DocumentRow, user: UserView, threadId: string): ThreadView {
    return this.viewer(document).view(this.deps.comments.thread(document.id, threadId)!, audienceOf(user));
  }

  /**
   * After a stored change: the thread sent live to the room, one frame per
   * audience, carrying the thread and only the comments that changed
   * (`partial`), so a long thread does not travel whole at every reply;
   * returned whole as the actor reads it.
   */
  private changed(document: DocumentRow, user: UserView, threadId: string, what: "all" | "header" | string[],
    viewer = this.viewer(document)): CommentOutcome {
    const stored: StoredThread = this.deps.comments.thread(document.id, threadId)!;
    const views = new Map<CommentAudience, ThreadView>();
    const viewFor = (audience: CommentAudience) => {
      if (!views.has(audience)) views.set(audience, viewer.view(stored, audience));
      return views.get(audience)!;
    };
    const changedIds = what === "all" ? null : new Set(what === "header" ? [] : what);
    const observersSee = this.deps.comments.observersSee(document.id);
    this.deps.feed.publish(document.id, (audience: FeedAudience) => {
      if (audience === "observer" && !observersSee) return null;
      const view = viewFor(audience === "secretariat" ? "secretariat" : "participant");
      const sent: ThreadView = changedIds === null ? view
        : { ...view, partial: true, comments: view.comments.filter((c) => changedIds.has(c.id)) };
      return writeComments({ cursor: stored.thread.version, threads: [sent] });
    });
    return { ok: true, thread: viewFor(audienceOf(user)) };
  }
}

function threadNotFound(): { ok: false; refusal: CommentRefusal } {
  return refuse(404, "thread_not_found", "There is no such comment thread in this document.");
}
