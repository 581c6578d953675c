import type { ThreadView } from "../../schemas/api.js";
import type { DocumentLanguage } from "../../schemas/domain.js";
import { exportWordsOf } from "./exportWords.js";

/** One comment as a compilation prints it. */
export interface CompiledComment {
  /** "Elena Marek (Republic of Arcadia), 30 Nov 2026 09:14" */
  byline: string;
  text: string;
}

/** One thread as a compilation prints it. */
export interface CompiledThread {
  quote: string | null;
  /** What became of the quoted words, when they are not as quoted. */
  quoteNote: string | null;
  /** "Resolved by Jonas Lindqvist", or null while open. */
  resolved: string | null;
  comments: CompiledComment[];
}

/** Every thread of a document by paragraph, in the document's order. */
export interface CommentsCompilation {
  title: string;
  /** "Title: comments", in the document's language. */
  heading: string;
  groups: { heading: string; threads: CompiledThread[] }[];
}

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The comments compilation: threads grouped by their paragraph (as it is
 * referred to now; threads of paragraphs no longer in the document last),
 * each with its quote, whether it is resolved, and every comment with who
 * wrote it and when. What a reader may not see (a hidden comment's text,
 * a deleted comment) is said, not shown.
 */
export function compileComments(
  title: string,
  threads: ThreadView[],
  /** Each block of the document in order: its pid and how a reader finds it ("PP (b): the resolutions of …"). */
  blocks: { pid: string; heading: string }[],
  language: DocumentLanguage,
): CommentsCompilation {
  const words = exportWordsOf(language);
  const order = new Map(blocks.map((b, i) => [b.pid, i]));
  const place = (t: ThreadView) => order.get(t.pid) ?? Number.MAX_SAFE_INTEGER;
  const sorted = [...threads].sort((a, b) => place(a) - place(b) || a.createdAt.localeCompare(b.createdAt));
  const groups: (CommentsCompilation["groups"][number] & { key: string })[] = [];
  for (const thread of sorted) {
    // By block, not by reference: in a resolution "PP (b)" is a paragraph of each part.
    const index = order.get(thread.pid);
    const key = index === undefined ? "" : thread.pid;
    const heading = index === undefined ? words.gone : blocks[index]!.heading;
    let group = groups.at(-1);
    if (!group || group.key !== key) groups.push((group = { key, heading, threads: [] }));
    group.threads.push({
      quote: thread.quote?.text ?? null,
      quoteNote: thread.quote?.now?.state === "deleted" ? words.quoteDeleted
        : thread.quote?.now?.state === "changed" ? `${words.quoteNow} ${thread.quote.now.text}` : null,
      resolved: thread.resolved
        ? `${thread.resolved.by ? `${words.resolvedBy} ${thread.resolved.by.name}` : words.resolved}${words.comma}${when(thread.resolved.at)}` : null,
      comments: thread.comments.map((c) => ({
        byline: `${c.author.name}${c.author.delegation ? ` (${c.author.delegation})` : ""}${words.comma}${when(c.createdAt)}` +
          (c.editedAt && !c.deleted ? `${words.comma}${words.edited}` : ""),
        text: c.deleted ? words.commentDeleted
          : c.hidden && c.body === null ? `[${words.hiddenBySecretariat}${words.colon}${c.hidden.reason}]`
          : c.hidden ? `${c.body ?? ""} [${words.hiddenFromParticipants}${words.colon}${c.hidden.reason}]`
          : c.body ?? "",
      })),
    });
  }
  return { title, heading: `${title}${words.colon}${words.comments}`, groups: groups.map(({ key: _key, ...group }) => group) };
}
