import type { CurrentParagraph } from "../../shared/collab/currentParagraph.js";

/** The paragraph under discussion as a window heard it: what the server said, and whether this window asked for it. */
export interface HeardParagraph extends CurrentParagraph {
  /** This window asked for this move (its facilitator's own action: not news to them). */
  askedHere?: boolean;
}

/** What a window does when the server tells it where the discussion is. */
export interface DiscussionMove {
  /** Scroll this paragraph into view (the reader follows the facilitator). */
  scrollTo: string | null;
  /** Say that the discussion moved here, or that it left every paragraph (`cleared`). */
  announce: { pid: string } | "cleared" | null;
}

const STAY: DiscussionMove = { scrollTo: null, announce: null };

/**
 * Decides what a new word from the server means for this window. `previous`
 * is what it knew before (null: nothing yet, this is the state on joining).
 * The same state sent again (after a reconnection, or a request the server
 * ignored) is no move; the facilitator choosing the paragraph already under
 * discussion again is one (it brings followers back to it). On joining,
 * a follower is taken to the paragraph, but nothing is announced: nothing moved.
 * A move this window asked for is not announced to it: its user just made it.
 */
export function discussionMove(previous: CurrentParagraph | null, next: HeardParagraph, following: boolean): DiscussionMove {
  if (previous === null) return { scrollTo: following ? next.pid : null, announce: null };
  if (previous.pid === next.pid && previous.at === next.at) return STAY;
  if (next.pid === null) return previous.pid === null || next.askedHere ? STAY : { scrollTo: null, announce: "cleared" };
  return { scrollTo: following ? next.pid : null, announce: next.askedHere ? null : { pid: next.pid } };
}

/** How long a request counts as unanswered: the server answers within a turn, a coalesced burst within 250 ms. */
export const REQUEST_ANSWERED_WITHIN_MS = 5_000;

/**
 * The moves this window asked the server for and not yet heard back: a
 * state the server then sends with one of their pids (null: cleared) is this
 * window's own move. The server may coalesce a burst into its last move or
 * take them one by one, so every pid asked for lately counts; hearing the
 * last one asked for settles them all.
 */
export class OwnRequests {
  private readonly asked = new Map<string | null, number>();
  private last: string | null | undefined = undefined;
  /** The last move asked for, until the server next says anything about the discussion (or the socket is new). */
  private waiting: { pid: string | null; at: number } | null = null;

  /** Notes that this window asked to move the discussion to `pid` at `now`. */
  ask(pid: string | null, now: number): void {
    this.asked.delete(pid);
    this.asked.set(pid, now);
    this.last = pid;
    this.waiting = { pid, at: now };
  }

  /**
   * Whether the last move this window asked for is to `pid` and the server
   * has said nothing about the discussion since: asking again (a second
   * press of the key before the answer came) would only repeat it. Any word
   * from the server settles it (the move, someone else's, or the state
   * unchanged when the server declined), as does a new socket
   * ({@link forgetWaiting}): asking again then is a new request.
   */
  awaits(pid: string | null, now: number): boolean {
    return this.waiting !== null && this.waiting.pid === pid && now - this.waiting.at <= REQUEST_ANSWERED_WITHIN_MS;
  }

  /** The socket the requests left on is gone: none of them awaits an answer on the next one. */
  forgetWaiting(): void {
    this.waiting = null;
  }

  /** Whether `heard` answers a request of this window; forgets what it settles. */
  answers(heard: CurrentParagraph, now: number): boolean {
    this.waiting = null;
    for (const [pid, at] of this.asked) if (now - at > REQUEST_ANSWERED_WITHIN_MS) this.asked.delete(pid);
    if (!this.asked.has(heard.pid)) return false;
    if (heard.pid === this.last) {
      this.asked.clear();
      this.last = undefined;
    } else {
      this.asked.delete(heard.pid);
    }
    return true;
  }
}
