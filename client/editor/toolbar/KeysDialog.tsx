import { useTranslation } from "react-i18next";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { COMMENT_SHORTCUTS } from "../../comments/commentShortcuts.js";
import { DISCUSSION_SHORTCUT } from "../discussionShortcut.js";
import { SHORTCUTS } from "../negotiationRules.js";
import { NAVIGATION_KEYS } from "../plugins/paragraphNavigation.js";
import { shortcutLabel } from "./shortcutLabel.js";
import { ToolButton } from "./ToolButton.js";

/** Every key of the text, in the order a delegate uses them. */
const KEYS = [
  ["nextParagraph", NAVIGATION_KEYS.nextParagraph],
  ["previousParagraph", NAVIGATION_KEYS.previousParagraph],
  ["toolbar", NAVIGATION_KEYS.toolbar],
  ["bracket", SHORTCUTS.bracket],
  ["offerAlternative", SHORTCUTS.offerAlternative],
  ["comment", COMMENT_SHORTCUTS.comment],
  ["nextThread", COMMENT_SHORTCUTS.next],
  ["previousThread", COMMENT_SHORTCUTS.previous],
  ["jump", COMMENT_SHORTCUTS.jump],
  ["discuss", DISCUSSION_SHORTCUT],
] as const;

/**
 * The toolbar's "Keys" button: the keyboard shortcuts of the text in a
 * dialog (Escape closes it and focus goes back to the button, Escape again
 * back to the text).
 */
export function KeysDialog() {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <ToolButton hint={t("toolbar.keysHint", { shortcut: shortcutLabel(NAVIGATION_KEYS.toolbar) })}>
        {t("toolbar.keys")}
      </ToolButton>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog keys-help">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog__title">{t("toolbar.keysTitle")}</Heading>
                <dl className="bracket-details__facts keys-help__list">
                  {KEYS.map(([name, key]) => (
                    <div key={name}><dt><kbd>{shortcutLabel(key)}</kbd></dt><dd>{t(`toolbar.keyList.${name}`)}</dd></div>
                  ))}
                </dl>
                <div className="dialog__buttons">
                  <Button className="button" onPress={close} autoFocus>{t("bracketInfo.close")}</Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
