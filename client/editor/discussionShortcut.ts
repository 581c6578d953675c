import { matchesShortcut } from "../comments/commentShortcuts.js";

/**
 * The facilitator's key for moving the discussion to the paragraph at the
 * caret, in TipTap's notation (see toolbar/shortcutLabel.ts). Ctrl with Alt,
 * like the comment keys, and a letter none of them uses ("D" for discuss).
 */
export const DISCUSSION_SHORTCUT = "Ctrl-Alt-D";

/** What a key press means for the discussion: not this key, this key with nothing to ask, or a move to ask for. */
export type DiscussionKey = { kind: "other" } | { kind: "nothing" } | { kind: "move"; pid: string };

/**
 * Reads a key press against {@link DISCUSSION_SHORTCUT}: `target` is the
 * paragraph it points at (the focused item of the list, else the caret's),
 * `discussed` the one under discussion. A held key repeats some thirty
 * times a second: only its first press counts. Asking for the paragraph
 * already under discussion asks nothing.
 */
export function readDiscussionKey(
  event: Pick<KeyboardEvent, "repeat" | "key" | "code" | "ctrlKey" | "altKey" | "shiftKey" | "metaKey" | "getModifierState">,
  target: string | null,
  discussed: string | null,
): DiscussionKey {
  if (!matchesShortcut(event as KeyboardEvent, DISCUSSION_SHORTCUT)) return { kind: "other" };
  if (event.repeat || !target || target === discussed) return { kind: "nothing" };
  return { kind: "move", pid: target };
}
