import type { Logger } from "pino";
import type {
  CommentSettings, CommentsResponse, CommentVisibilityBody, NewThreadBody, ThreadView, UserView,
} from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
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
    const stored = this.deps.comments.threads(document.id, since);
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
          ? `The quoted words occur ${anchored.occurrences} times in ${reference}; give the offset of the one you mean.`
          : anchored.problem === "mismatch"
            ? `The quoted words are not at offset ${input.quote.offset} of ${reference}.`
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
    return this.changed(document, user, threadId, viewer);
  }

  /** Adds a reply to a thread. */
  reply(document: DocumentRow, user: UserView, threadId: string, body: string): CommentOutcome {
    const thread = this.deps.comments.findThread(document.id, threadId);
    if (!thread) return threadNotFound();
    if (!can(user, "comment.write")) return refuse(403, "forbidden", "Observers read comments; only participants write them.");
    const limited = this.limit(user);
    if (limited) return limited;
    this.deps.comments.write(() => {
      const commentId = this.deps.comments.addReply(thread, user.id, body);
      this.audit(user, document.id, thread.pid, "comment.reply", { threadId, commentId });
    });
    return this.changed(document, user, threadId);
  }

  /** Changes the text of one's own comment. */
  edit(document: DocumentRow, user: UserView, threadId: string, commentId: string, body: string): CommentOutcome {
    const found = this.findComment(document, threadId, commentId);
    if (!found.ok) return found;
    const { thread, comment } = found;
    if (!can(user, "comment.edit", { authorId: comment.author_id })) return refuse(403, "forbidden", "Only its author can edit a comment.");
    if (comment.deleted_at) return refuse(400, "comment_deleted", "This comment was deleted; it cannot be edited.");
    if (comment.hidden_at) return refuse(400, "comment_hidden", "The secretariat hid this comment; it can no longer be edited.");
    if (comment.body === body) return { ok: true, thread: this.viewOne(document, user, threadId) };
    const limited = this.limit(user);
    if (limited) return limited;
    this.deps.comments.write(() => {
      this.deps.comments.editComment(thread, commentId, body);
      // The words replaced stay on record.
      this.audit(user, document.id, thread.pid, "comment.edit", { threadId, commentId, previous: comment.body });
    });
    return this.changed(document, user, threadId);
  }

  /** Deletes one's own comment; "comment deleted" stays in its thread. */
  remove(document: DocumentRow, user: UserView, threadId: string, commentId: string): CommentOutcome {
    const found = this.findComment(document, threadId, commentId);
    if (!found.ok) return found;
    const { thread, comment } = found;
    if (!can(user, "comment.delete", { authorId: comment.author_id })) return refuse(403, "forbidden", "Only its author can delete a comment.");
    if (comment.deleted_at) return { ok: true, thread: this.viewOne(document, user, threadId) };
    if (comment.hidden_at) return refuse(400, "comment_hidden", "The secretariat hid this comment; it stays on record and cannot be deleted.");
    const limited = this.limit(user, this.deps.actionRate);
    if (limited) return limited;
    this.deps.comments.write(() => {
      this.deps.comments.deleteComment(thread, commentId);
      this.audit(user, document.id, thread.pid, "comment.delete", { threadId, commentId });
    });
    return this.changed(document, user, threadId);
  }

  /** Resolves a thread (it folds away, still readable) or reopens it. */
  resolve(document: DocumentRow, user: UserView, threadId: string, resolved: boolean): CommentOutcome {
    const thread = this.deps.comments.findThread(document.id, threadId);
    if (!thread) return threadNotFound();
    if (!can(user, "comment.resolve", { authorId: thread.created_by })) {
      return refuse(403, "forbidden", `Only the thread's author or a facilitator can ${resolved ? "resolve" : "reopen"} it.`);
    }
    if ((thread.resolved_at !== null) === resolved) return { ok: true, thread: this.viewOne(document, user, threadId) };
    const limited = this.limit(user, this.deps.actionRate);
    if (limited) return limited;
    this.deps.comments.write(() => {
      this.deps.comments.setResolved(thread, resolved ? user.id : null);
      this.audit(user, document.id, thread.pid, resolved ? "comment.resolve" : "comment.reopen", { threadId });
    });
    return this.changed(document, user, threadId);
  }

  /** The secretariat hides a comment with a reason, or shows it again. */
  setHidden(document: DocumentRow, user: UserView, threadId: string, commentId: string, input: CommentVisibilityBody): CommentOutcome {
    const found = this.findComment(document, threadId, commentId);
    if (!found.ok) return found;
    const { thread, comment } = found;
    if (!can(user, "comment.hide")) return refuse(403, "forbidden", "Only the secretariat can hide or show comments.");
    if ((comment.hidden_at !== null) === input.hidden && !input.hidden) return { ok: true, thread: this.viewOne(document, user, threadId) };
    const reason = input.hidden ? input.reason : null;
    const limited = this.limit(user, this.deps.actionRate);
    if (limited) return limited;
    this.deps.comments.write(() => {
      this.deps.comments.setHidden(thread, commentId, user.id, reason);
      this.audit(user, document.id, thread.pid, input.hidden ? "comment.hide" : "comment.show", reason === null ? { threadId, commentId } : { threadId, commentId, reason });
    });
    return this.changed(document, user, threadId);
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

  private findComment(document: DocumentRow, threadId: string, commentId: string) {
    const thread = this.deps.comments.findThread(document.id, threadId);
    if (!thread) return threadNotFound();
    const comment = this.deps.comments.findComment(threadId, commentId);
    if (!comment) return refuse(404, "comment_not_found", "There is no such comment in this thread.");
    return { ok: true as const, thread, comment };
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

  /** After a stored change: the thread sent live to the room, one frame per audience, and returned as the actor reads it. */
  private changed(document: DocumentRow, user: UserView, threadId: string, viewer = this.viewer(document)): CommentOutcome {
    const stored: StoredThread = this.deps.comments.thread(document.id, threadId)!;
    const views = new Map<CommentAudience, ThreadView>();
    const viewFor = (audience: CommentAudience) => {
      if (!views.has(audience)) views.set(audience, viewer.view(stored, audience));
      return views.get(audience)!;
    };
    const observersSee = this.deps.comments.observersSee(document.id);
    this.deps.feed.publish(document.id, (audience: FeedAudience) => {
      if (audience === "observer" && !observersSee) return null;
      return writeComments({ cursor: stored.thread.version, threads: [viewFor(audience === "secretariat" ? "secretariat" : "participant")] });
    });
    return { ok: true, thread: viewFor(audienceOf(user)) };
  }
}

function threadNotFound(): { ok: false; refusal: CommentRefusal } {
  return refuse(404, "thread_not_found", "There is no such comment thread in this document.");
}
