import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Button, Group, ToggleButton } from "react-aria-components";
import type { CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { textLanguage } from "../i18n/language.js";
import { useDiscussedParagraph } from "./discussedParagraph.js";
import { DISCUSSION_SHORTCUT, readDiscussionKey } from "./discussionShortcut.js";
import { caretContextOf } from "./toolbar/caretContext.js";
import { shortcutLabel } from "./toolbar/shortcutLabel.js";
import { ToolButton } from "./toolbar/ToolButton.js";
import type { DiscussionAnnouncement } from "./useDiscussion.js";

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
  announcement: DiscussionAnnouncement | null;
}

/** The live region is emptied this long before each announcement, so the same words twice are spoken twice. */
const CLEARED_FOR_MS = 150;

/** The document's language, as the editor marks its text (the words of a reference are the document's). */
function documentLanguageOf(editor: Editor | null): string | undefined {
  const attributes = editor?.options.editorProps.attributes;
  return attributes && typeof attributes === "object" ? attributes.lang : undefined;
}

/**
 * The discussion in the document's bar: which paragraph is under
 * discussion (a way to it), "Follow the facilitator" and low-bandwidth mode
 * for everyone; for those who lead, "Discuss" the paragraph at the caret
 * (also by {@link DISCUSSION_SHORTCUT}) and "Clear". The reference follows
 * the text as it is renumbered; a paragraph the text no longer has is
 * under discussion no more, as far as this bar shows.
 */
export function DiscussionControls(props: DiscussionControlsProps) {
  const { t } = useTranslation();
  const { editor, discussion, mayLead, onDiscuss } = props;
  const caret = useEditorState({
    editor,
    // This render's editor, not the snapshot's (which keeps the first editor until it has a transaction).
    selector: () => {
      const paragraph = editor ? caretContextOf(editor.state).paragraph : null;
      return paragraph ? { pid: paragraph.pid, reference: paragraph.reference } : null;
    },
  });
  const discussed = useDiscussedParagraph(editor, discussion.pid);
  const inDocument = textLanguage(documentLanguageOf(editor));
  const reference = (words: string | null) => ({ values: { reference: words ?? "…" }, components: { ref: <span {...inDocument} /> } });
  const lead = useRef({ mayLead, editor, onDiscuss, discussed: discussed?.pid ?? null });
  lead.current = { mayLead, editor, onDiscuss, discussed: discussed?.pid ?? null };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { mayLead: may, editor: current, onDiscuss: discuss, discussed: now } = lead.current;
      if (!may || !current) return;
      // From the paragraph list, the focused item; from the text, the paragraph at the caret.
      const item = document.activeElement?.closest(".paragraph-list__item[data-pid]");
      const target = item?.getAttribute("data-pid") ?? caretContextOf(current.state).paragraph?.pid ?? null;
      const key = readDiscussionKey(event, target, now);
      if (key.kind === "other") return;
      event.preventDefault();
      if (key.kind === "move") discuss(key.pid);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <section className="discussion" aria-label={t("discussion.heading")}>
      <p className="discussion__current">
        {discussed ? <Trans i18nKey="discussion.current" {...reference(discussed.reference)} /> : t("discussion.none")}
      </p>
      {discussed && (
        <Button className="tool-button discussion__button" onPress={() => props.onGoTo(discussed.pid)}>
          <Trans i18nKey="discussion.show" {...reference(discussed.reference)} />
        </Button>
      )}
      {mayLead && (
        <Group aria-label={t("discussion.leadGroup")} className="discussion__lead">
          <ToolButton isDisabled={!caret || caret.pid === discussed?.pid} onPress={() => caret && onDiscuss(caret.pid)}
            hint={t("discussion.discussHint", { shortcut: shortcutLabel(DISCUSSION_SHORTCUT) })}>
            {caret?.reference ? <Trans i18nKey="discussion.discuss" {...reference(caret.reference)} /> : t("discussion.discussNone")}
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
      <Announcer announcement={props.announcement} inDocument={inDocument} />
    </section>
  );
}

/**
 * The polite live region. A live region speaks only what changed, so each
 * announcement empties it first: a move back to the paragraph announced
 * before (after a move this window made, which it did not announce) is
 * spoken again.
 */
function Announcer({ announcement, inDocument }: { announcement: DiscussionAnnouncement | null; inDocument: ReturnType<typeof textLanguage> }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<DiscussionAnnouncement | null>(null);
  useEffect(() => {
    setShown(null);
    if (!announcement) return;
    const timer = setTimeout(() => setShown(announcement), CLEARED_FOR_MS);
    return () => clearTimeout(timer);
  }, [announcement]);
  let words: ReactNode = null;
  if (shown?.kind === "cleared") words = t("discussion.cleared");
  else if (shown?.reference) {
    words = <Trans i18nKey="discussion.moved" values={{ reference: shown.reference }} components={{ ref: <span {...inDocument} /> }} />;
  } else if (shown) words = t("discussion.movedUnlabelled");
  return <p className="visually-hidden" role="status" aria-live="polite">{words}</p>;
}
