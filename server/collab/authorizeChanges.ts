import type { UserView } from "../../schemas/api.js";
import type { CloseCode } from "../../shared/collab/closeCodes.js";
import { bracketOwner, refusalOfViolation, type RefusalReason } from "../../shared/collab/refusalReason.js";
import { checkChanges, closeCodeOf, type RuleUser, type BlockChange, type EarlierContent, type RuleViolation } from "../../shared/document/changeRules.js";

/**
 * Why an update is refused: the close code for the sender's socket, the rule
 * and its parameters (sent with the close code; the client words them in the
 * interface language), and an English sentence for the log and the audit record.
 */
export interface Refusal {
  code: CloseCode;
  rule: RefusalReason;
  reason: string;
  pid: string | null;
}

/** Names a paragraph the way the room does ("OP7", "para 12"); falls back to a neutral phrase. */
export type LabelOf = (pid: string) => string;

const frozenWord = (status: "agreed" | "deleted") => (status === "agreed" ? "agreed ad ref" : "deleted");

/** The sentence of the audit record (English: the record reads the same whatever language its reader uses). */
function describe(v: RuleViolation, labelOf: LabelOf): string {
  switch (v.rule) {
    case "readOnly": return "Observers cannot change the document.";
    case "statusChange": return `Only a facilitator can change the status of ${labelOf(v.pid)}.`;
    case "attributeChange":
      return v.attribute === "frozenLabel"
        ? `The label of ${labelOf(v.pid)} is fixed by the last revision; only issuing the next one changes it.`
        : `Only a facilitator can change the ${v.attribute} of ${labelOf(v.pid)}.`;
    case "invalidAttribute": return `The change sets an invalid "${v.attribute}" on ${labelOf(v.pid)}.`;
    case "missingAttribute": return `Every block like ${labelOf(v.pid)} needs "${v.attribute}".`;
    case "kindChange": return `Only a facilitator can turn ${labelOf(v.pid)} into another kind of block.`;
    case "removeRevised":
      return `${labelOf(v.pid)} is in the last revision, so it cannot be removed or merged into another paragraph; to drop it, a facilitator marks it deleted.`;
    case "frozenText": return `${labelOf(v.pid)} is ${frozenWord(v.status)}; only a facilitator can change its text.`;
    case "frozenRemove": return `${labelOf(v.pid)} is ${frozenWord(v.status)}; only a facilitator can remove it.`;
    case "addNotOpen": return "Only a facilitator can add a paragraph that is not open.";
    case "removeOthersBracket":
      return `Words bracketed by ${bracketOwner(v.bracket)} can be added to, but only a facilitator can delete them, move them to another paragraph or take their brackets off (words the sender added inside it they may delete, as long as the bracket keeps some).`;
    case "attributionChanged": return "A bracket's attribution cannot be changed.";
    case "placeBracket": return "You cannot place brackets.";
    case "forgedBracket": return "A new bracket must be attributed to the person placing it.";
    case "agreedWithBrackets":
      return `${labelOf(v.pid)} cannot be agreed ad ref while it contains ${v.count} bracket${v.count === 1 ? "" : "s"}.`;
  }
}

/**
 * Checks the block changes of one update with the rules the editor also
 * applies to prevent (shared/document/changeRules.ts), and turns a violation
 * into the refusal sent to the socket. Returns null when the update may be applied.
 */
export function authorizeChanges(
  user: UserView & Pick<RuleUser, "actingFor">,
  changes: BlockChange[],
  labelOf: LabelOf,
  earlier?: EarlierContent,
): Refusal | null {
  const violation = checkChanges(user, changes, earlier);
  return violation && refusalOf(violation, labelOf);
}

/** The refusal sent for a broken rule: its close code, the rule with its parameters, and a sentence naming the paragraph. */
export function refusalOf(violation: RuleViolation, labelOf: LabelOf): Refusal {
  return {
    code: closeCodeOf(violation), rule: refusalOfViolation(violation), reason: describe(violation, labelOf),
    pid: "pid" in violation ? violation.pid : null,
  };
}
