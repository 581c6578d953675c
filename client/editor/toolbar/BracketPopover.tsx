import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, Heading, Popover } from "react-aria-components";
import { listBrackets } from "../../../shared/brackets/tokens.js";
import type { RuleUser } from "../../../shared/document/changeRules.js";
import { bracketActionsFor } from "../commands/available.js";
import { useDescribeBracket } from "../bracketText.js";
import { labelsOf } from "../plugins/paragraphLabels.js";
import { BracketActionButtons } from "./BracketActionButtons.js";
import type { NegotiationActions } from "./useNegotiationActions.js";

/** Which bracket's details are open, and the element they are anchored to. */
export interface OpenBracket {
  id: string;
  anchor: HTMLElement;
}

/** The bracket with `id` as it is now: attributes, words, option number, paragraph; null once it is gone. */
function findBracket(editor: Editor, id: string) {
  const { blocks, labels } = labelsOf(editor.state);
  for (const block of blocks) {
    const found = listBrackets(block.runs).find((b) => b.bracket.id === id);
    if (found) return { ...found, reference: labels.get(block.pid)?.reference ?? null };
  }
  return null;
}

/**
 * The details of one bracket, opened from its glyph or from the toolbar:
 * who placed it (name, delegation, stakeholder group) and when, its words,
 * and the actions the user may take on it. Keyboard users reach it through
 * the toolbar's "Bracket details" (or a focusable glyph when read-only).
 */
export function BracketPopover({ editor, user, actions, open, onClose }: {
  editor: Editor;
  user: RuleUser;
  actions: NegotiationActions;
  open: OpenBracket;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const words = useDescribeBracket();
  const found = useEditorState({ editor, selector: ({ editor: e }) => (e ? findBracket(e, open.id) : null) });
  const triggerRef = useMemo(() => ({ current: open.anchor }), [open.anchor]);
  if (!found) return null;
  const { bracket, text, altIndex, reference } = found;
  const group = words.group(bracket);
  return (
    <Popover className="popover" triggerRef={triggerRef} isOpen onOpenChange={(isOpen) => !isOpen && onClose()} placement="bottom start">
      <Dialog className="bracket-details" aria-label={t("bracketInfo.title")}>
        <Heading slot="title" className="bracket-details__title">
          {altIndex === null ? t("bracketInfo.title") : t("bracketInfo.titleAlt", { index: altIndex })}
          {reference && <span className="bracket-details__where"> · {reference}</span>}
        </Heading>
        <dl className="bracket-details__facts">
          <div><dt>{t("bracketInfo.placedBy")}</dt><dd>{bracket.name}</dd></div>
          <div><dt>{t("bracketInfo.delegation")}</dt><dd>{bracket.delegation ?? t("brackets.noDelegation")}</dd></div>
          {group && <div><dt>{t("bracketInfo.group")}</dt><dd>{group}</dd></div>}
          <div><dt>{t("bracketInfo.placedAt")}</dt><dd>{words.when(bracket)}</dd></div>
          <div><dt>{t("bracketInfo.words")}</dt><dd className="bracket-details__words" dir="auto">{text}</dd></div>
        </dl>
        <div className="bracket-details__actions">
          <BracketActionButtons bracket={bracket} allowed={bracketActionsFor(user, bracket)} actions={actions} onDone={onClose} />
          <Button className="button" onPress={onClose}>{t("bracketInfo.close")}</Button>
        </div>
      </Dialog>
    </Popover>
  );
}
