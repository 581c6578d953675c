import type { ThreadView } from "../../schemas/api.js";

/** Which threads the panel lists. */
export interface CommentFilter {
  status: "open" | "resolved" | "all";
  /** A paragraph's pid, or null for every paragraph. */
  pid: string | null;
  /** A delegation's name (of anyone who wrote in the thread), or null. */
  delegation: string | null;
  /** A stakeholder group (of anyone who wrote in the thread), or null. */
  group: string | null;
}

export const NO_FILTER: CommentFilter = { status: "open", pid: null, delegation: null, group: null };

/** Whether a thread passes the filter: a delegation or group matches when anyone of it wrote in the thread. */
export function matchesFilter(thread: ThreadView, filter: CommentFilter): boolean {
  if (filter.status === "open" && thread.resolved) return false;
  if (filter.status === "resolved" && !thread.resolved) return false;
  if (filter.pid !== null && thread.pid !== filter.pid) return false;
  const writers = [thread.createdBy, ...thread.comments.map((c) => c.author)];
  if (filter.delegation !== null && !writers.some((w) => w.delegation === filter.delegation)) return false;
  if (filter.group !== null && !writers.some((w) => w.group === filter.group)) return false;
  return true;
}

/**
 * Threads in reading order: by their paragraph's place in the document, then
 * by time; threads whose paragraph is gone come last.
 */
export function inReadingOrder(threads: ThreadView[], order: Map<string, number>): ThreadView[] {
  const place = (t: ThreadView) => order.get(t.pid) ?? Number.MAX_SAFE_INTEGER;
  return [...threads].sort((a, b) => place(a) - place(b) || a.createdAt.localeCompare(b.createdAt));
}
