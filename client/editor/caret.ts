import type { TFunction } from "i18next";
import { readPresenceUser } from "../collab/readPresence.js";
import { delegationLabel } from "../ui/userLabels.js";

/**
 * Builds the DOM of another person's caret: a coloured bar with a
 * "Name · Delegation" flag. Text goes in through textContent only, since
 * the values come from another browser.
 */
export function renderCaret(t: TFunction, announced: Record<string, unknown>): HTMLElement {
  const user = readPresenceUser(announced);
  const caret = document.createElement("span");
  caret.className = "collab-caret";
  caret.setAttribute("aria-hidden", "true");
  if (!user) return caret;
  caret.style.borderColor = user.color;
  const label = document.createElement("span");
  label.className = "collab-caret__label";
  label.style.backgroundColor = user.color;
  label.textContent = t("presence.caretLabel", {
    name: user.name,
    delegation: delegationLabel(t, user.delegation, user.role),
  });
  caret.append(label);
  return caret;
}
