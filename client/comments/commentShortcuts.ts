/**
 * The comment shortcuts, in TipTap's notation (see toolbar/shortcutLabel.ts).
 * Ctrl with Alt on every platform: on a Mac, Cmd+Option+M would minimize the
 * windows.
 */
export const COMMENT_SHORTCUTS = {
  /** Comment on the paragraph at the caret, quoting the selected words. */
  comment: "Ctrl-Alt-M",
  /** The next and previous thread of the comments panel. */
  next: "Ctrl-Alt-N",
  previous: "Ctrl-Alt-P",
  /** From a thread to its paragraph, or from the caret's paragraph to its threads. */
  jump: "Ctrl-Alt-J",
} as const;

/** Whether a key press is this shortcut (the letter by its key code, so the layout's Alt characters do not matter). */
export function matchesShortcut(event: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split("-");
  const letter = parts[parts.length - 1]!;
  return event.ctrlKey === parts.includes("Ctrl") && event.altKey === parts.includes("Alt") &&
    event.shiftKey === parts.includes("Shift") && !event.metaKey && event.code === `Key${letter.toUpperCase()}`;
}
