import type { Editor } from "@tiptap/core";
import { useMemo, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { DocumentSummary } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import type { PresenceUser } from "../../shared/collab/presence.js";
import { useCollaboration } from "../collab/useCollaboration.js";
import { NegotiationEditor } from "../editor/NegotiationEditor.js";
import { useDiscussedParagraph } from "../editor/discussedParagraph.js";
import { useDiscussion } from "../editor/useDiscussion.js";
import type { LiveSetup } from "../editor/useNegotiationEditor.js";
import { textLanguage } from "../i18n/language.js";
import { ScreenMessage } from "./ScreenMessage.js";
import "../editor/editor.css";
import "../editor/negotiation.css";
import "../editor/discussion.css";

/** Nobody: the screen announces no one and changes nothing. */
const NO_PRESENCE: PresenceUser = { id: "", name: "", delegation: null, group: null, role: "observer", color: "#000000" };
const SCREEN_SETUP: LiveSetup = {
  user: { id: "", displayName: "", role: "observer", delegation: null },
  onPrevented: () => {},
  onOpenBracket: () => {},
  shortcuts: { current: { bracket: () => false, offerAlternative: () => false } },
};

/**
 * The projector view of one document: the live text read-only with the same
 * editor as the document page (brackets, alternatives, labels, status), large
 * and high-contrast, no carets and no tools; the paragraph under discussion
 * marked and kept in the middle of the screen, the others dimmed. The
 * screen is an observer: it publishes no presence. A revoked link (4401)
 * ends it with a message, and it stops reconnecting.
 */
export function HallScreen({ document, screenKey }: { document: DocumentSummary; screenKey: string | null }) {
  const { t } = useTranslation();
  const { collab, state } = useCollaboration(document.id, {
    connection: { publishPresence: false, screenKey: screenKey ?? undefined },
  });
  const [editor, setEditor] = useState<Editor | null>(null);
  const live = useRef<LiveSetup>(SCREEN_SETUP);
  const shape = useMemo(() => ({ title: document.title, style: document.style, language: document.language }),
    [document.title, document.style, document.language]);
  useDiscussion(editor, state.loaded, state.discussion, true);
  // As the text has it now: renumbered with it, and none while the text no longer has the paragraph.
  const discussed = useDiscussedParagraph(editor, state.discussion.pid);
  const inDocument = textLanguage(document.language);

  if (state.closed?.code === CloseCode.SessionEnded) {
    return (
      <ScreenMessage title={screenKey ? t("screen.revokedTitle") : t("screen.closed")}>
        {screenKey && <p>{t("screen.revokedDetail")}</p>}
      </ScreenMessage>
    );
  }
  const connection = state.closed ? "closed" : state.saveStatus === "saved" ? "live" : state.saveStatus === "connecting" ? "connecting" : "offline";
  return (
    <div className={`screen${discussed ? " screen--discussing" : ""}`}>
      <header className="screen__header">
        <h1 className="screen__title" {...inDocument}>{document.title}</h1>
        {/* The sentence is the interface's; only the reference is the document's words. */}
        <p className="screen__current">
          {discussed
            ? <Trans i18nKey="discussion.current" values={{ reference: discussed.reference ?? "…" }} components={{ ref: <span {...inDocument} /> }} />
            : t("discussion.none")}
        </p>
        <p className="screen__connection" data-connection={connection} role="status">
          <span className="screen__dot" aria-hidden="true" />
          {t(`screen.${connection}`)}
        </p>
      </header>
      <main id="main" className="screen__text" {...inDocument}
        aria-label={t("screen.textLabel", { title: document.title })}>
        {collab && state.loaded && (
          <NegotiationEditor key={collab.ydoc.clientID} collab={collab} presence={NO_PRESENCE} editable={false} carets={false}
            document={shape} live={live} onEditor={setEditor} />
        )}
      </main>
    </div>
  );
}
