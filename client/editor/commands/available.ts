import type { BracketAttrs } from "../../../schemas/brackets.js";
import type { RuleUser } from "../../../shared/document/changeRules.js";
import { can } from "../../../shared/permissions.js";
import type { CaretContext } from "../toolbar/caretContext.js";

/** What can be done with one bracket. */
export type BracketAction = "remove" | "deleteText" | "choose";

/**
 * The bracket actions `user` may take on `bracket`: a facilitator resolves
 * anyone's brackets; a delegate may take off or delete their own; choosing
 * between alternatives is the facilitator's.
 */
export function bracketActionsFor(user: RuleUser, bracket: BracketAttrs): BracketAction[] {
  if (!can(user, "document.edit")) return [];
  const resolve = can(user, "bracket.resolve");
  const actions: BracketAction[] = [];
  if (resolve || bracket.userId === user.id) actions.push("remove", "deleteText");
  if (resolve && bracket.alt) actions.push("choose");
  return actions;
}

/** Why "Bracket" cannot be used here (an i18n key under toolbar.why), or null when it can. */
export function whyNoBracket(user: RuleUser, context: CaretContext): "observer" | "noSelection" | "agreed" | "frozen" | null {
  if (!can(user, "bracket.place")) return "observer";
  if (context.touched.includes("agreed")) return "agreed";
  if (context.touched.includes("deleted") && !can(user, "paragraph.editAgreed")) return "frozen";
  if (!context.hasWords) return "noSelection";
  return null;
}

/** Why "Offer alternative" cannot be used here, or null when it can. */
export function whyNoAlternative(user: RuleUser, context: CaretContext): "observer" | "noTarget" | "agreed" | "frozen" | null {
  if (!can(user, "bracket.place")) return "observer";
  if (context.touched.includes("agreed")) return "agreed";
  if (context.touched.includes("deleted") && !can(user, "paragraph.editAgreed")) return "frozen";
  if (!context.alternative) return "noTarget";
  return null;
}
