import type { Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/**
 * Whether a transaction came from the shared document rather than from this
 * user's hands: other people's edits and Yjs undo/redo. Such transactions are
 * never filtered or amended here; the server has already judged them.
 */
export function isFromYjs(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return Boolean(meta?.isChangeOrigin);
}
