import { useTranslation } from "react-i18next";
import type { BracketAttrs } from "../../../schemas/brackets.js";
import type { BracketAction } from "../commands/available.js";
import { ToolButton } from "./ToolButton.js";
import type { NegotiationActions } from "./useNegotiationActions.js";

const LABELS = {
  remove: ["toolbar.removeBrackets", "toolbar.removeBracketsHint"],
  deleteText: ["toolbar.deleteBracketedText", "toolbar.deleteBracketedTextHint"],
  choose: ["toolbar.chooseAlternative", "toolbar.chooseAlternativeHint"],
} as const;

/** The resolving actions the user may take on one bracket (in the toolbar and in the bracket's details). */
export function BracketActionButtons({ bracket, allowed, actions, onDone }: {
  bracket: BracketAttrs;
  allowed: BracketAction[];
  actions: NegotiationActions;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {allowed.map((action) => (
        <ToolButton key={action} hint={t(LABELS[action][1])} variant={action === "deleteText" ? "danger" : "default"}
          onPress={() => {
            if (actions.resolveBracket(action, bracket.id)) onDone?.();
          }}>
          {t(LABELS[action][0])}
        </ToolButton>
      ))}
    </>
  );
}
