import type { EditorState } from "@tiptap/pm/state";
import { absolutePositionToRelativePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { AuthorEntry } from "../../../schemas/api.js";

/** The parts of y-tiptap's (untyped) sync binding read here. */
interface SyncBinding {
  type: Y.XmlFragment;
  mapping: Map<unknown, unknown>;
}

/** Who wrote a run of items, as the server names them (see AuthorDirectory.authorsOf). */
export type AuthorsOf = (client: number, clock: number, length: number) => { length: number; author: AuthorEntry | null }[];

/**
 * Whether the user wrote the character after position `pos` of `state`'s
 * document: the Yjs item holding it (found through y-tiptap's binding) has
 * them as author, by the server's table of client ids and carried words, the
 * same reading the server applies when it lets a user take their own words
 * back out of someone else's bracket. False when the editor is not bound.
 */
export function wroteAt(state: EditorState, pos: number, userId: string, authorsOf: AuthorsOf): boolean {
  const binding = (ySyncPluginKey.getState(state) as { binding?: SyncBinding } | undefined)?.binding;
  if (!binding) return false;
  try {
    // With assoc -1 (y-tiptap's choice) a position names the character before it.
    const item = absolutePositionToRelativePosition(pos + 1, binding.type, binding.mapping as never).item;
    return item !== null && authorsOf(item.client, item.clock, 1)[0]?.author?.userId === userId;
  } catch {
    // The binding is between two renderings: not known to be theirs.
    return false;
  }
}
