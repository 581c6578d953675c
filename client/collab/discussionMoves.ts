import type { CurrentParagraph } from "../../shared/collab/currentParagraph.js";

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
 */
export function discussionMove(previous: CurrentParagraph | null, next: CurrentParagraph, following: boolean): DiscussionMove {
  if (previous === null) return { scrollTo: following ? next.pid : null, announce: null };
  if (previous.pid === next.pid && previous.at === next.at) return STAY;
  if (next.pid === null) return previous.pid === null ? STAY : { scrollTo: null, announce: "cleared" };
  return { scrollTo: following ? next.pid : null, announce: { pid: next.pid } };
}
