import type { TFunction } from "i18next";
import { bracketOwner, type RefusalReason } from "../../shared/collab/refusalReason.js";
import type { RuleViolation } from "../../shared/document/changeRules.js";

/**
 * A sentence naming a paragraph by `reference`, or as "this paragraph" when
 * it has no reference: capitalised when the sentence starts with it.
 */
export function withReference(t: TFunction, reference: string | null, sentence: (reference: string) => string): string {
  if (reference !== null) return sentence(reference);
  const fallback = t("rules.thisParagraph");
  const text = sentence(fallback);
  return text.startsWith(fallback) ? fallback.charAt(0).toLocaleUpperCase() + text.slice(1) : text;
}

/**
 * Tells, in one polite sentence, why an edit was stopped: a rule this window
 * prevented, or one the server refused (its close reason, schemas/refusal.ts),
 * in the same words. `referenceOf` names paragraphs as the room does ("OP7").
 */
export function describeViolation(t: TFunction, violation: RuleViolation | RefusalReason,
  referenceOf: (pid: string) => string | null): string {
  return "pid" in violation
    ? withReference(t, referenceOf(violation.pid), (reference) => describe(t, violation, () => reference))
    : describe(t, violation, () => "");
}

function describe(t: TFunction, violation: RuleViolation | RefusalReason, reference: (pid: string) => string): string {
  switch (violation.rule) {
    case "readOnly":
      return t("rules.readOnly");
    case "statusChange":
      return t("rules.statusChange", { reference: reference(violation.pid) });
    case "attributeChange":
      return t(violation.attribute === "frozenLabel" ? "rules.frozenLabelChange" : "rules.attributeChange", {
        reference: reference(violation.pid),
      });
    case "invalidAttribute":
      return t("rules.invalidAttribute", { reference: reference(violation.pid), attribute: violation.attribute });
    case "missingAttribute":
      return t("rules.missingAttribute", { reference: reference(violation.pid), attribute: violation.attribute });
    case "kindChange":
      return t("rules.kindChange", { reference: reference(violation.pid) });
    case "removeRevised":
      return t("rules.removeRevised", { reference: reference(violation.pid) });
    case "frozenText":
      return t(violation.status === "agreed" ? "rules.frozenTextAgreed" : "rules.frozenTextDeleted", {
        reference: reference(violation.pid),
      });
    case "frozenRemove":
      return t(violation.status === "agreed" ? "rules.frozenRemoveAgreed" : "rules.frozenRemoveDeleted", {
        reference: reference(violation.pid),
      });
    case "addNotOpen":
      return t("rules.addNotOpen");
    case "removeOthersBracket":
      return t("rules.removeOthersBracket", { who: "who" in violation ? violation.who : bracketOwner(violation.bracket) });
    case "attributionChanged":
      return t("rules.attributionChanged");
    case "placeBracket":
      return t("rules.placeBracket");
    case "forgedBracket":
      return t("rules.forgedBracket");
    case "agreedWithBrackets":
      return t("rules.agreedWithBrackets", { reference: reference(violation.pid), count: violation.count });
    case "frozenItem":
      return t(violation.status === "agreed" ? "rules.frozenItemAgreed" : "rules.frozenItemDeleted", {
        reference: reference(violation.pid),
      });
    case "othersBracketedWords":
      return t("rules.othersBracketedWords", { who: violation.who });
    case "duplicatePid":
      return t("rules.duplicatePid", { reference: reference(violation.pid) });
    case "documentFull":
      return t("rules.documentFull", { size: violation.bytes / 1024 / 1024 });
    case "notDescribed":
    case "invalidValue":
    case "unappliable":
    case "unknownText":
    case "missingPid":
    case "stolenClientId":
    case "leadDiscussion":
      return t(`rules.${violation.rule}`);
  }
}
