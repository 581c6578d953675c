import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button, Group, ToggleButton } from "react-aria-components";
import type { CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { matchesShortcut } from "../comments/commentShortcuts.js";
import { DISCUSSION_SHORTCUT } from "./discussionShortcut.js";
import { referenceOf } from "./plugins/paragraphLabels.js";
import { caretContextOf } from "./toolbar/caretContext.js";
import { shortcutLabel } from "./toolbar/shortcutLabel.js";
import { ToolButton } from "./toolbar/ToolButton.js";

/** Props: where the discussion is, who may move it, and this device's choices. */
export interface DiscussionControlsProps {
  editor: Editor | null;
  discussion: CurrentParagraph;
  /** The user may lead the discussion (a facilitator of this document, the secretariat) and is connected. */
  mayLead: boolean;
  /** Asks the server to move the discussion (null clears it). */
  onDiscuss: (pid: string | null) => void;
  onGoTo: (pid: string) => void;
  following: boolean;
  onFollowingChange: (following: boolean) => void;
  lowBandwidth: boolean;
  onLowBandwidthChange: (low: boolean) => void;
  /** What to announce politely: the discussion moved. */
  announcement: string;
}

/**
 * The discussion in the document's bar: which paragraph is under
 * discussion (a way to it), "Follow the facilitator" and low-bandwidth mode
 * for everyone; for those who lead, "Discuss" the paragraph at the caret
 * (also by {@link DISCUSSION_SHORTCUT}) and "Clear".
 */
export function DiscussionControls(props: DiscussionControlsProps) {
  const { t } = useTranslation();
  const { editor, discussion, mayLead, onDiscuss } = props;
  const caret = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const paragraph = e ? caretContextOf(e.state).paragraph : null;
      return paragraph ? `${paragraph.pid}\n${paragraph.reference}` : null;
    },
  });
  const [caretPid, caretReference] = caret ? caret.split("\n") as [string, string] : [null, null];
  const shown = discussion.pid && editor ? referenceOf(editor.state, discussion.pid) : null;
  const lead = useRef({ mayLead, editor, onDiscuss });
  lead.current = { mayLead, editor, onDiscuss };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { mayLead: may, editor: current, onDiscuss: discuss } = lead.current;
      if (!may || !current || !matchesShortcut(event, DISCUSSION_SHORTCUT)) return;
      // From the paragraph list, the focused item; from the text, the paragraph at the caret.
      const item = document.activeElement?.closest(".paragraph-list__item[data-pid]");
      const pid = item?.getAttribute("data-pid") ?? caretContextOf(current.state).paragraph?.pid;
      if (!pid) return;
      event.preventDefault();
      discuss(pid);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <section className="discussion" aria-label={t("discussion.heading")}>
      <p className="discussion__current">
        {discussion.pid ? t("discussion.current", { reference: shown ?? "…" }) : t("discussion.none")}
      </p>
      {discussion.pid && (
        <Button className="tool-button discussion__button" onPress={() => props.onGoTo(discussion.pid!)}>
          {t("discussion.show", { reference: shown ?? "…" })}
        </Button>
      )}
      {mayLead && (
        <Group aria-label={t("discussion.leadGroup")} className="discussion__lead">
          <ToolButton isDisabled={!caretPid || caretPid === discussion.pid} onPress={() => caretPid && onDiscuss(caretPid)}
            hint={t("discussion.discussHint", { shortcut: shortcutLabel(DISCUSSION_SHORTCUT) })}>
            {caretReference ? t("discussion.discuss", { reference: caretReference }) : t("discussion.discussNone")}
          </ToolButton>
          {discussion.pid && (
            <Button className="tool-button discussion__button" onPress={() => onDiscuss(null)}>{t("discussion.clear")}</Button>
          )}
        </Group>
      )}
      <ToggleButton className="tool-button discussion__switch" isSelected={props.following} onChange={props.onFollowingChange}>
        {t("discussion.follow")}
      </ToggleButton>
      <ToggleButton className="tool-button discussion__switch" isSelected={props.lowBandwidth} onChange={props.onLowBandwidthChange}>
        {t("lowBandwidth.toggle")}
      </ToggleButton>
      <p className="visually-hidden" role="status" aria-live="polite">{props.announcement}</p>
    </section>
  );
}
