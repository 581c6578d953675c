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

/**
 * Whether a key press is this shortcut. AltGr (which Windows reports as
 * Ctrl+Alt) never is: it types characters such as "ń" or "µ". The letter is
 * the one the layout prints on the key (M on AZERTY is not where it is on
 * QWERTY); when the layout gives no plain character (a Mac's Option
 * characters, a dead key), the key's place decides.
 */
export function matchesShortcut(event: KeyboardEvent, shortcut: string): boolean {
  const parts = shortcut.split("-");
  const letter = parts[parts.length - 1]!.toLowerCase();
  if (event.getModifierState?.("AltGraph")) return false;
  if (event.ctrlKey !== parts.includes("Ctrl") || event.altKey !== parts.includes("Alt") ||
    event.shiftKey !== parts.includes("Shift") || event.metaKey) return false;
  const key = event.key.toLowerCase();
  if (/^[a-z]$/.test(key)) return key === letter;
  // Another plain character ("," where AZERTY's key stands at QWERTY's M) is another key.
  if (/^[\x20-\x7e]$/.test(key)) return false;
  return event.code === `Key${letter.toUpperCase()}`;
}
