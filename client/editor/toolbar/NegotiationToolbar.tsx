import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Group, Separator, Toolbar } from "react-aria-components";
import type { RuleUser } from "../../../shared/document/changeRules.js";
import { can } from "../../../shared/permissions.js";
import { bracketActionsFor, whyNoAlternative, whyNoBracket } from "../commands/available.js";
import { actionsFor } from "../commands/paragraphStatus.js";
import { SHORTCUTS } from "../negotiationRules.js";
import { takeBrowserSelection } from "../plugins/paragraphNavigation.js";
import type { ShortcutActions } from "../useNegotiationEditor.js";
import { AlternativeDialog } from "./AlternativeDialog.js";
import { BracketActionButtons } from "./BracketActionButtons.js";
import { caretContextOf } from "./caretContext.js";
import { shortcutLabel } from "./shortcutLabel.js";
import { COMMENT_SHORTCUTS } from "../../comments/commentShortcuts.js";
import { useHeightVariable } from "../../ui/useHeightVariable.js";
import { KeysDialog } from "./KeysDialog.js";
import { ToolButton } from "./ToolButton.js";
import { NAVIGATION_KEYS } from "../plugins/paragraphNavigation.js";
import type { NegotiationActions } from "./useNegotiationActions.js";

/** What the toolbar acts on and with. */
export interface NegotiationToolbarProps {
  editor: Editor;
  user: RuleUser;
  actions: NegotiationActions;
  /** Opens the details of a bracket, anchored at `anchor`. */
  onOpenBracket: (bracketId: string, anchor: HTMLElement) => void;
  /** Filled in here: what the editor's keyboard shortcuts do. */
  shortcuts: { current: ShortcutActions };
  /** Starts a comment on the paragraph at the caret (absent for someone who may not comment). */
  onComment?: () => void;
}

/**
 * The negotiation tools above the text: bracketing and alternatives for
 * everyone who may place brackets, the actions on the bracket at the caret,
 * and, for facilitators, the status of the paragraph at the caret. Buttons
 * appear only for what the user may do and are disabled where it cannot be
 * done; the line at the end says where the caret is and why.
 */
export function NegotiationToolbar({ editor, user, actions, onOpenBracket, shortcuts, onComment }: NegotiationToolbarProps) {
  const { t } = useTranslation();
  const context = useEditorState({ editor, selector: ({ editor: e }) => (e ? caretContextOf(e.state) : null) });
  const [alternativeOpen, setAlternativeOpen] = useState(false);
  const detailsButton = useRef<HTMLButtonElement>(null);
  const toolbar = useRef<HTMLDivElement>(null);
  const statusGroup = useRef<HTMLDivElement>(null);
  // What the page keeps clear of when it scrolls focus into view (WCAG 2.4.11: focus not hidden under the toolbar).
  useHeightVariable(toolbar, "--toolbar-height");
  const whyBracket = context ? whyNoBracket(user, context) : "noSelection";
  const whyAlternative = context ? whyNoAlternative(user, context) : "noTarget";

  useEffect(() => {
    // Read from the editor at the key press: a shortcut right after Shift+arrows comes before this component re-renders.
    shortcuts.current = {
      bracket: () => {
        takeBrowserSelection(editor.view);
        if (whyNoBracket(user, caretContextOf(editor.state)) === null) actions.bracket();
        return true;
      },
      offerAlternative: () => {
        takeBrowserSelection(editor.view);
        if (whyNoAlternative(user, caretContextOf(editor.state)) === null) setAlternativeOpen(true);
        return true;
      },
      // Alt+F10 from the text: the first button that can be pressed (arrow keys go on from there).
      focusToolbar: () => {
        toolbar.current?.querySelector<HTMLElement>("button:not([disabled])")?.focus();
        return true;
      },
    };
  }, [shortcuts, actions, editor, user]);

  // Escape in the toolbar goes back to the text, where the caret still is; the button last focused is remembered.
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = toolbar.current;
    if (!element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      editor.commands.focus();
    };
    const onFocusIn = (event: FocusEvent) => {
      lastFocused.current = event.target instanceof HTMLElement ? event.target : null;
    };
    // Focus the user took elsewhere (another control, a click outside) is not the toolbar's to give back.
    const onFocusOut = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !element.contains(event.relatedTarget)) lastFocused.current = null;
    };
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node && element.contains(event.target))) lastFocused.current = null;
    };
    element.addEventListener("keydown", onKeyDown);
    element.addEventListener("focusin", onFocusIn);
    element.addEventListener("focusout", onFocusOut);
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => {
      element.removeEventListener("keydown", onKeyDown);
      element.removeEventListener("focusin", onFocusIn);
      element.removeEventListener("focusout", onFocusOut);
      document.removeEventListener("pointerdown", onPointerDown, true);
    };
  });
  // A pressed button that went away (Agree becomes Reopen) would drop focus to the page: it goes to the paragraph's actions.
  useEffect(() => {
    const gone = lastFocused.current;
    if (!gone || gone.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
    lastFocused.current = null;
    const next = statusGroup.current?.querySelector<HTMLElement>("button:not([disabled])");
    if (next) next.focus();
    else editor.commands.focus();
  });

  if (!context || !can(user, "document.edit")) return null;
  const inner = context.brackets.at(-1) ?? null;
  const paragraph = context.paragraph;
  const why = whyBracket === "agreed" || whyBracket === "frozen" ? t(`toolbar.why.${whyBracket}`) : null;

  return (
    <>
      <Toolbar ref={toolbar} aria-label={t("toolbar.label")} className="negotiation-toolbar">
        <div className="negotiation-toolbar__row">
          <Group aria-label={t("toolbar.bracketGroup")} className="negotiation-toolbar__group">
            <ToolButton onPress={actions.bracket} isDisabled={whyBracket !== null}
              hint={t("toolbar.bracketHint", { shortcut: shortcutLabel(SHORTCUTS.bracket) })}>
              <span aria-hidden="true" className="tool-button__icon">[ ]</span> {t("toolbar.bracket")}
            </ToolButton>
            <ToolButton onPress={() => setAlternativeOpen(true)} isDisabled={whyAlternative !== null}
              hint={t("toolbar.offerAlternativeHint", { shortcut: shortcutLabel(SHORTCUTS.offerAlternative) })}>
              {t("toolbar.offerAlternative")}
            </ToolButton>
          </Group>
          {inner && (
            <>
              <Separator orientation="vertical" className="negotiation-toolbar__separator" />
              <Group aria-label={t("toolbar.caretBracketGroup")} className="negotiation-toolbar__group">
                <ToolButton buttonRef={detailsButton} hint={t("toolbar.bracketDetailsHint")}
                  onPress={() => detailsButton.current && onOpenBracket(inner.id, detailsButton.current)}>
                  {t("toolbar.bracketDetails")}
                </ToolButton>
                <BracketActionButtons bracket={inner} allowed={bracketActionsFor(user, inner)} actions={actions} />
              </Group>
            </>
          )}
        </div>
        <div className="negotiation-toolbar__row negotiation-toolbar__row--paragraph">
          <p className="negotiation-toolbar__context">
            {paragraph
              ? t("toolbar.caretIn", { reference: paragraph.reference, status: t(`paragraphStatus.${paragraph.status}`) })
              : t("toolbar.caretNowhere")}
            {why && <span className="negotiation-toolbar__why"> {why}</span>}
          </p>
          {paragraph && can(user, "paragraph.setStatus") && (
            <Group ref={statusGroup} aria-label={t("toolbar.paragraphGroup", { reference: paragraph.reference })}
              className="negotiation-toolbar__group">
              {actionsFor(paragraph.status).map((action) => (
                <ToolButton key={action} variant={action === "agree" ? "confirm" : action === "markDeleted" ? "danger" : "default"}
                  hint={t("toolbar.fromTextHint", { shortcut: shortcutLabel(NAVIGATION_KEYS.toolbar) })}
                  onPress={() => actions.setStatus(paragraph.pid, action)}>
                  {t(`toolbar.${action}`)}
                </ToolButton>
              ))}
            </Group>
          )}
          {paragraph && onComment && (
            <Group aria-label={t("toolbar.commentGroup")} className="negotiation-toolbar__group">
              <ToolButton onPress={onComment}
                hint={t("toolbar.commentHint", { reference: paragraph.reference, shortcut: shortcutLabel(COMMENT_SHORTCUTS.comment) })}>
                {t("toolbar.comment")}
              </ToolButton>
            </Group>
          )}
          <KeysDialog />
        </div>
      </Toolbar>
      {/* Outside the toolbar: its arrow-key navigation must not reach the dialog's text field. */}
      <AlternativeDialog editor={editor} isOpen={alternativeOpen} onOpenChange={setAlternativeOpen}
        onSubmit={(wording) => actions.offerAlternative(wording)} />
    </>
  );
}
