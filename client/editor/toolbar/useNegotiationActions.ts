import type { Editor } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { newBracketId, placerOf } from "../../../shared/brackets/placer.js";
import type { RuleUser } from "../../../shared/document/changeRules.js";
import { dispatchAsOneStep } from "../commands/dispatchAsOneStep.js";
import { alternativeTarget, offerAlternative } from "../commands/offerAlternative.js";
import { changeStatus, type StatusAction } from "../commands/paragraphStatus.js";
import { placeBracket } from "../commands/placeBracket.js";
import { chooseAlternative, deleteBracketedText, removeBracket } from "../commands/resolveBracket.js";
import type { Stamp } from "../commands/stamp.js";
import type { BracketAction } from "../commands/available.js";
import { checkTransaction } from "../model/localChanges.js";
import { referenceOf } from "../plugins/paragraphLabels.js";
import { describeViolation, withReference } from "../violationMessage.js";

/** The negotiation commands, bound to one editor and user; each reports whether it changed the document. */
export interface NegotiationActions {
  bracket: () => boolean;
  offerAlternative: (wording: string) => boolean;
  resolveBracket: (action: BracketAction, bracketId: string) => boolean;
  setStatus: (pid: string, action: StatusAction) => boolean;
}

const RESOLVERS = { remove: removeBracket, deleteText: deleteBracketedText, choose: chooseAlternative } as const;

/**
 * Binds the pure commands to the editor: each builds one transaction, checks
 * it against the same rules the server enforces (explaining a refusal in a
 * notice instead of sending it), and dispatches it as one undo step.
 */
export function useNegotiationActions(
  editor: Editor,
  user: RuleUser,
  notify: (message: string, kind?: "polite" | "alert") => void,
): NegotiationActions {
  const { t } = useTranslation();
  return useMemo(() => {
    const stamp = (): Stamp => ({ placer: placerOf(user), at: new Date().toISOString(), newId: newBracketId });
    const run = (tr: Transaction | null, refocus = true): boolean => {
      if (!tr || editor.isDestroyed) return false;
      const violation = checkTransaction(tr, user);
      if (violation) {
        notify(describeViolation(t, violation, (pid) => referenceOf(editor.state, pid)), "alert");
        return false;
      }
      dispatchAsOneStep(editor, tr);
      if (refocus) editor.view.focus();
      return true;
    };
    return {
      bracket: () => run(placeBracket(editor.state, stamp())),
      offerAlternative: (wording) => {
        const target = alternativeTarget(editor.state);
        return target ? run(offerAlternative(editor.state, target, wording, stamp())) : false;
      },
      resolveBracket: (action, bracketId) => run(RESOLVERS[action](editor.state, bracketId)),
      setStatus: (pid, action) => {
        const change = changeStatus(editor.state, pid, action);
        if (change.ok) return run(change.tr, false);
        notify(change.reason === "brackets"
          ? withReference(t, referenceOf(editor.state, pid), (reference) => t("rules.agreedWithBrackets", { reference, count: change.count }))
          : t("rules.notFound"), "alert");
        return false;
      },
    };
  }, [editor, user, notify, t]);
}
