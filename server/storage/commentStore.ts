import { CommentRow, CommentThreadRow } from "../../schemas/rows.js";
import type { Db } from "./database.js";
import { newId } from "./ids.js";

/** A thread with its comments, oldest first. */
export interface StoredThread {
  thread: CommentThreadRow;
  comments: CommentRow[];
}

const THREAD_COLUMNS = "id, document_id, pid, quote_text, quote_start, quote_end, created_by, created_at, resolved_at, resolved_by, version";
const COMMENT_COLUMNS = "c.id, c.thread_id, c.author_id, c.body, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_by, c.hidden_reason";

/**
 * Comment threads in SQLite. Every write bumps the document's comment
 * version and stamps it on the thread it changed, so `?since=` finds exactly
 * the threads changed after a reader's last answer. Writes run in the
 * caller's transaction (`write`), with the audit record beside them.
 */
export class CommentStore {
  constructor(private readonly db: Db) {}

  /**
   * Runs `change` in one immediate transaction (so two processes cannot take
   * the same version) and returns its result.
   */
  write<T>(change: () => T): T {
    return this.db.transaction(change).immediate();
  }

  /** The document's current comment version (0 before any comment). */
  version(documentId: string): number {
    return (this.db.prepare("SELECT max(version) FROM comment_threads WHERE document_id = ?").pluck().get(documentId) as number | null) ?? 0;
  }

  /** Marks a thread as changed now; returns its new version. Inside {@link write}. */
  private touch(threadId: string, documentId: string): number {
    const version = this.version(documentId) + 1;
    this.db.prepare("UPDATE comment_threads SET version = ? WHERE id = ?").run(version, threadId);
    return version;
  }

  /** Opens a thread with its first comment. Inside {@link write}. */
  addThread(input: {
    documentId: string; pid: string; authorId: string; body: string;
    quote: { text: string; start: Uint8Array; end: Uint8Array } | null;
  }, at = new Date().toISOString()): { threadId: string; commentId: string } {
    const threadId = newId();
    const commentId = newId();
    this.db.prepare(`INSERT INTO comment_threads (${THREAD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`)
      .run(threadId, input.documentId, input.pid, input.quote?.text ?? null, input.quote?.start ?? null, input.quote?.end ?? null,
        input.authorId, at, this.version(input.documentId) + 1);
    this.db.prepare("INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(commentId, threadId, input.authorId, input.body, at);
    return { threadId, commentId };
  }

  /** Adds a reply to a thread. Inside {@link write}. */
  addReply(thread: CommentThreadRow, authorId: string, body: string, at = new Date().toISOString()): string {
    const commentId = newId();
    this.db.prepare("INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(commentId, thread.id, authorId, body, at);
    this.touch(thread.id, thread.document_id);
    return commentId;
  }

  /** Replaces a comment's text. Inside {@link write}. */
  editComment(thread: CommentThreadRow, commentId: string, body: string, at = new Date().toISOString()): void {
    this.db.prepare("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?").run(body, at, commentId);
    this.touch(thread.id, thread.document_id);
  }

  /** Marks a comment deleted (its row stays; readers see "comment deleted"). Inside {@link write}. */
  deleteComment(thread: CommentThreadRow, commentId: string, at = new Date().toISOString()): void {
    this.db.prepare("UPDATE comments SET deleted_at = ? WHERE id = ?").run(at, commentId);
    this.touch(thread.id, thread.document_id);
  }

  /** Hides a comment with a reason, or shows it again (`reason` null). Inside {@link write}. */
  setHidden(thread: CommentThreadRow, commentId: string, by: string, reason: string | null, at = new Date().toISOString()): void {
    this.db.prepare("UPDATE comments SET hidden_at = ?, hidden_by = ?, hidden_reason = ? WHERE id = ?")
      .run(reason === null ? null : at, reason === null ? null : by, reason, commentId);
    this.touch(thread.id, thread.document_id);
  }

  /** Resolves a thread (`by` a user) or reopens it (`by` null). Inside {@link write}. */
  setResolved(thread: CommentThreadRow, by: string | null, at = new Date().toISOString()): void {
    this.db.prepare("UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ?")
      .run(by === null ? null : at, by, thread.id);
    this.touch(thread.id, thread.document_id);
  }

  /** A thread of a document, or null (also when it belongs to another document). */
  findThread(documentId: string, threadId: string): CommentThreadRow | null {
    const row = this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE id = ? AND document_id = ?`).get(threadId, documentId);
    return row ? CommentThreadRow.parse(row) : null;
  }

  /** A comment of a thread, or null. */
  findComment(threadId: string, commentId: string): CommentRow | null {
    const row = this.db.prepare(`SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.id = ? AND c.thread_id = ?`).get(commentId, threadId);
    return row ? CommentRow.parse(row) : null;
  }

  /** One thread with its comments, read in one snapshot. */
  thread(documentId: string, threadId: string): StoredThread | null {
    return this.db.transaction(() => this.readThread(documentId, threadId))();
  }

  private readThread(documentId: string, threadId: string): StoredThread | null {
    const thread = this.findThread(documentId, threadId);
    if (!thread) return null;
    const comments = this.db.prepare(`SELECT ${COMMENT_COLUMNS} FROM comments c WHERE c.thread_id = ? ORDER BY c.rowid`)
      .all(threadId).map((r) => CommentRow.parse(r));
    return { thread, comments };
  }

  /**
   * The threads of a document changed after version `since` (all with 0), with their comments,
   * read in one snapshot; oldest first (rows are only ever appended, so in rowid order, which
   * needs no sort).
   */
  threads(documentId: string, since = 0): StoredThread[] {
    return this.db.transaction(() => this.readThreads(documentId, since))();
  }

  private readThreads(documentId: string, since: number): StoredThread[] {
    const threads = this.db.prepare(`SELECT ${THREAD_COLUMNS} FROM comment_threads WHERE document_id = ? AND version > ? ORDER BY rowid`)
      .all(documentId, since).map((r) => CommentThreadRow.parse(r));
    if (threads.length === 0) return [];
    const byThread = new Map<string, CommentRow[]>(threads.map((t) => [t.id, []]));
    const comments = this.db.prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN comment_threads t ON t.id = c.thread_id
       WHERE t.document_id = ? AND t.version > ? ORDER BY c.rowid`,
    ).all(documentId, since);
    for (const raw of comments) {
      const row = CommentRow.parse(raw);
      byThread.get(row.thread_id)?.push(row);
    }
    return threads.map((thread) => ({ thread, comments: byThread.get(thread.id)! }));
  }

  /** Whether observers of a document see its comments. */
  observersSee(documentId: string): boolean {
    return (this.db.prepare("SELECT comments_for_observers FROM documents WHERE id = ?").pluck().get(documentId) as number | undefined) !== 0;
  }

  /** Lets observers see a document's comments, or not. Inside {@link write}. */
  setObserversSee(documentId: string, see: boolean): void {
    this.db.prepare("UPDATE documents SET comments_for_observers = ? WHERE id = ?").run(see ? 1 : 0, documentId);
  }
}
