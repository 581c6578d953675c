/**
 * The facilitator's key for moving the discussion to the paragraph at the
 * caret, in TipTap's notation (see toolbar/shortcutLabel.ts). Ctrl with Alt,
 * like the comment keys, and a letter none of them uses ("D" for discuss).
 */
export const DISCUSSION_SHORTCUT = "Ctrl-Alt-D";
