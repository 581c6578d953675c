import type { CommentSettings, CommentsPayload, ThreadView } from "../../schemas/api.js";
import type { Role } from "../../schemas/domain.js";
import { listComments } from "../api/comments.js";
import type { DocumentConnection } from "../collab/DocumentConnection.js";

/** What the page shows of a document's comments. */
export interface CommentBookState {
  /** Every thread the reader may read, oldest first. */
  threads: ThreadView[];
  settings: CommentSettings;
  /** An observer of a document whose comments the secretariat hid from observers. */
  hiddenFromMe: boolean;
  /** The first answer arrived. */
  loaded: boolean;
  /** The last catch-up failed (offline, server down); the next connection tries again. */
  failed: boolean;
}

const INITIAL: CommentBookState = { threads: [], settings: { observersSee: true }, hiddenFromMe: false, loaded: false, failed: false };

/**
 * The comment threads of one open document, kept current without polling:
 * the whole list on opening, then each change as the server sends it over
 * the document's socket (a Comments message), and on every reconnection the
 * threads changed since the last answer (`?since=`), so nothing sent while
 * the window was offline or asleep is missed. A thread is replaced only by a
 * newer version of itself, whichever way it comes first. A live change
 * carries only the comments it touched; it is merged only into a thread the
 * book knows to be current (a list answer came since the socket connected),
 * else the book asks for the list again.
 */
export class CommentBook {
  private readonly threads = new Map<string, ThreadView>();
  /** The cursor of the last list answer; only answers move it (a live message may overtake a missed one). */
  private cursor = 0;
  private settings: CommentSettings = INITIAL.settings;
  private hiddenFromMe = false;
  private loaded = false;
  private failed = false;
  private current = INITIAL;
  private readonly listeners = new Set<() => void>();
  private fetching: AbortController | null = null;
  private again = false;
  private stopped = false;
  /** A list answer arrived since the socket last connected, with no other request pending: live changes apply. */
  private current_ = false;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly documentId: string,
    private readonly connection: DocumentConnection,
    private readonly role: Role,
  ) {
    connection.onComments.add(this.onMessage);
    connection.onConnected.add(this.onConnected);
    this.catchUp();
  }

  /** The current state; a new object only when something changed. */
  get state(): CommentBookState {
    return this.current;
  }

  /** Calls `listener` whenever {@link state} changes; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Takes in a thread as an API answer gave it (the writer sees their change at once). */
  take(thread: ThreadView): void {
    if (this.merge(thread)) this.publish();
  }

  /** Takes in the settings as an API answer gave them. */
  takeSettings(settings: CommentSettings): void {
    this.onMessage({ cursor: 0, threads: [], settings });
  }

  /** Stops listening and fetching. */
  destroy(): void {
    this.stopped = true;
    this.fetching?.abort();
    if (this.retry) clearTimeout(this.retry);
    this.connection.onComments.delete(this.onMessage);
    this.connection.onConnected.delete(this.onConnected);
    this.listeners.clear();
  }

  private readonly onConnected = (): void => {
    this.current_ = false;
    this.catchUp();
  };

  /** Fetches what changed since the last answer; a request already under way is followed by one more. */
  readonly catchUp = (): void => {
    if (this.stopped) return;
    if (this.retry) {
      clearTimeout(this.retry);
      this.retry = null;
    }
    if (this.fetching) {
      this.again = true;
      return;
    }
    const controller = new AbortController();
    this.fetching = controller;
    void listComments(this.documentId, this.cursor, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      this.fetching = null;
      if (!result.ok) {
        this.failed = true;
        this.current_ = false;
        // Offline or the server down: try again, less and less often, until a reconnection does.
        this.retry = setTimeout(this.catchUp, Math.min(30_000, 1000 * 2 ** this.failures++));
      } else {
        this.failures = 0;
        const answer = result.value;
        this.failed = false;
        this.loaded = true;
        this.settings = answer.settings;
        this.hiddenFromMe = answer.hiddenFromMe;
        if (answer.hiddenFromMe) this.threads.clear();
        for (const thread of answer.threads) this.merge(thread);
        this.cursor = answer.cursor;
        this.current_ = !this.again;
      }
      this.publish();
      if (this.again) {
        this.again = false;
        this.catchUp();
      }
    }, () => {
      this.fetching = null;
    });
  };

  private readonly onMessage = (payload: CommentsPayload): void => {
    let changed = false;
    if (payload.settings && payload.settings.observersSee !== this.settings.observersSee) {
      this.settings = payload.settings;
      changed = true;
      if (this.role === "observer") {
        // Comments were hidden from observers, or shown again: start over from the whole list.
        this.threads.clear();
        this.cursor = 0;
        this.hiddenFromMe = !payload.settings.observersSee;
        this.catchUp();
      }
    }
    for (const thread of payload.threads) {
      if (!thread.partial) {
        changed = this.merge(thread) || changed;
        continue;
      }
      const known = this.threads.get(thread.id);
      if (known && this.current_) {
        changed = this.mergePartial(known, thread) || changed;
      } else {
        // What this change builds on may not be here yet: ask for the list again.
        this.current_ = false;
        this.catchUp();
      }
    }
    if (changed) this.publish();
  };

  /** Merges a live change (the thread and the comments it touched) into the thread known. */
  private mergePartial(known: ThreadView, change: ThreadView): boolean {
    if (known.version >= change.version) return false;
    const comments = new Map(known.comments.map((c) => [c.id, c]));
    for (const comment of change.comments) comments.set(comment.id, comment);
    const { partial: _partial, ...header } = change;
    this.threads.set(change.id, {
      ...header,
      comments: [...comments.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    });
    return true;
  }

  private merge(thread: ThreadView): boolean {
    const known = this.threads.get(thread.id);
    if (known && known.version >= thread.version) return false;
    this.threads.set(thread.id, thread);
    return true;
  }

  private publish(): void {
    this.current = {
      threads: [...this.threads.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      settings: this.settings,
      hiddenFromMe: this.hiddenFromMe,
      loaded: this.loaded,
      failed: this.failed,
    };
    for (const listener of this.listeners) listener();
  }
}
