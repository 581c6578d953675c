import type { Editor } from "@tiptap/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-aria-components";
import type { DocumentDetail } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { presenceOf } from "../../shared/collab/presence.js";
import type { RuleViolation } from "../../shared/document/changeRules.js";
import { can } from "../../shared/permissions.js";
import { PREFERENCE_KEYS, useDevicePreference } from "../collab/devicePreference.js";
import { PresenceList } from "../collab/PresenceList.js";
import { SaveIndicator } from "../collab/SaveIndicator.js";
import { useBeforeUnloadWarning } from "../collab/useBeforeUnloadWarning.js";
import { useCollaboration } from "../collab/useCollaboration.js";
import { usePresence } from "../collab/usePresence.js";
import { OverviewPanel, type PanelTab } from "../overview/OverviewPanel.js";
import { CommentsPanel } from "../comments/CommentsPanel.js";
import { useComments } from "../comments/useComments.js";
import { ProposalsPanel } from "../proposals/ProposalsPanel.js";
import { DocumentDetailsDialog, DraftControls } from "../documents/DocumentDetailsDialog.js";
import { ExportDialog } from "../export/ExportDialog.js";
import { LiveProgressCounter } from "../overview/ProgressCounter.js";
import { useSessionContext } from "../session/SessionContext.js";
import { AppHeader } from "../ui/AppHeader.js";
import { NoticeArea } from "../ui/NoticeArea.js";
import { useHeightVariable } from "../ui/useHeightVariable.js";
import { useInstanceKey } from "../ui/useInstanceKey.js";
import { useNotices } from "../ui/useNotices.js";
import { AttributionControls, useAttributionMode } from "./AttributionView.js";
import { ClosedNotice, RefusalNotice } from "./ConnectionNotices.js";
import { DiscussionControls } from "./DiscussionControls.js";
import { EditorTools } from "./EditorTools.js";
import { goToParagraph } from "./goToParagraph.js";
import { ImportedNotice } from "./ImportedNotice.js";
import { NegotiationEditor } from "./NegotiationEditor.js";
import { RemoteChangeAnnouncer } from "./RemoteChangeAnnouncer.js";
import type { UndoKind } from "./model/undoPreview.js";
import { referenceOf } from "./plugins/paragraphLabels.js";
import type { OpenBracket } from "./toolbar/BracketPopover.js";
import { UnshownContentNotice, UnshownContentView } from "./UnshownContentView.js";
import { useDiscussion } from "./useDiscussion.js";
import { useDocumentIdentity } from "./useDocumentIdentity.js";
import type { LiveSetup, ShortcutActions } from "./useNegotiationEditor.js";
import { useUnshownDocument } from "./useUnshownDocument.js";
import { textLanguage } from "../i18n/language.js";
import { describeViolation } from "./violationMessage.js";
import "./editor.css";
import "./negotiation.css";
import "./discussion.css";

const NO_SHORTCUTS: ShortcutActions = { bracket: () => false, offerAlternative: () => false };

/** An open document: its bar (title, progress, save state, presence), the tools, the live text and the overview. */
export function DocumentWorkspace({ detail, onDetailChanged: setDetail }: {
  detail: DocumentDetail;
  /** The secretariat changed the title, header details or draft state. */
  onDetailChanged: (detail: DocumentDetail) => void;
}) {
  const { t } = useTranslation();
  const session = useSessionContext();
  // Read with the document, so the identity this window announces is the one the server stamps.
  const [user, refreshIdentity] = useDocumentIdentity(detail.id, detail.me);
  const { notices, notify, dismiss } = useNotices();
  const mayEdit = can(user, "document.edit");
  const [following, setFollowing] = useDevicePreference(PREFERENCE_KEYS.follow, false);
  const [lowBandwidth, setLowBandwidth] = useDevicePreference(PREFERENCE_KEYS.lowBandwidth, false);
  const { collab, state, refusal, recovering, dismissRefusal } = useCollaboration(detail.id, {
    onSocketRefused: () => session.revalidate(),
    onPermissionsChanged: () => {
      session.revalidate(true);
      refreshIdentity();
    },
    // Observers publish no presence: the room counts them, it does not name them.
    connection: { publishPresence: mayEdit, delivery: lowBandwidth ? "low" : "live" },
  });
  const presence = usePresence(collab?.provider.awareness ?? null);
  const awarenessUser = useMemo(() => presenceOf(user), [user]);
  // A role change (4510) can make an observer an editor or the reverse while the connection stays.
  useEffect(() => collab?.setPresence(mayEdit ? awarenessUser : null), [collab, mayEdit, awarenessUser]);
  useEffect(() => collab?.setDelivery(lowBandwidth ? "low" : "live"), [collab, lowBandwidth]);
  // Content the editor cannot show: the editor is detached for good, the text is read from the Y.Doc.
  const unshown = state.content !== "showable";
  const shown = useUnshownDocument(unshown && collab ? collab.ydoc : null, detail.style, detail.language);
  const editable = mayEdit && state.closed === null && !unshown;
  useBeforeUnloadWarning(state.unsaved);
  // The editor's caret extension announces this window; while the read-only view stands in for it, the page does.
  useEffect(() => {
    if (unshown && collab) collab.provider.awareness.setLocalStateField("user", awarenessUser);
  }, [unshown, collab, awarenessUser]);

  const [editor, setEditor] = useState<Editor | null>(null);
  // TipTap's useEditorState keeps showing the first editor it saw until the next one has a transaction,
  // so the tools are remounted for each new editor (after a refused change the document is loaded afresh).
  const editorKey = useInstanceKey(editor);
  const editorRef = useRef<Editor | null>(null);
  editorRef.current = editor;
  const [attributionMode, setAttributionMode] = useAttributionMode(editor, collab);
  const [openBracket, setOpenBracket] = useState<OpenBracket | null>(null);
  // Beside the text on a wide screen; on a phone it would stand above the text, so it starts folded there.
  const [overviewExpanded, setOverviewExpanded] = useState(() => !window.matchMedia?.("(max-width: 48rem)").matches);
  const [panelTab, setPanelTab] = useState<PanelTab>("paragraphs");
  const openComments = useCallback(() => {
    setOverviewExpanded(true);
    setPanelTab("comments");
  }, []);
  const comments = useComments({ documentId: detail.id, collab, editor, user, openPanel: openComments, notify });
  const shortcuts = useRef<ShortcutActions>(NO_SHORTCUTS);
  const docBar = useRef<HTMLElement>(null);
  useHeightVariable(docBar, "--doc-bar-height");

  const sessionEnded = state.closed?.code === CloseCode.SessionEnded;
  useEffect(() => {
    if (sessionEnded) session.signedOut(true);
  }, [sessionEnded, session]);

  const onPrevented = useCallback((violation: RuleViolation, step?: UndoKind) => {
    const current = editorRef.current;
    const why = describeViolation(t, violation, (pid) => (current ? referenceOf(current.state, pid) : null));
    notify(step ? `${why} ${t(step === "undo" ? "rules.undoDropped" : "rules.redoDropped")}` : why);
  }, [notify, t]);
  // Read by the editor when it needs them; kept current here without re-rendering the editor.
  const live = useRef<LiveSetup>({ user, onPrevented, onOpenBracket: () => {}, shortcuts });
  live.current = { user, onPrevented, shortcuts, onOpenBracket: (id, anchor) => setOpenBracket({ id, anchor }) };
  const documentShape = useMemo(() => ({ title: detail.title, style: detail.style, language: detail.language }),
    [detail.title, detail.style, detail.language]);
  const goTo = useCallback((pid: string) => {
    if (editorRef.current) goToParagraph(editorRef.current, pid);
  }, []);
  // While the server's state loads after a refusal the old connection is closed: that is not "closed for good".
  const closedForGood = state.closed !== null && !sessionEnded && !recovering;
  const shownReference = (pid: string) => (editor ? referenceOf(editor.state, pid) : null);
  const announcement = useDiscussion(editor, state.loaded, state.discussion, following);
  const discuss = useCallback((pid: string | null) => {
    if (!collab?.setDiscussion(pid)) notify(t("discussion.offline"), "alert");
  }, [collab, notify, t]);

  return (
    <>
      <AppHeader />
      {/* A region named by the title: the bar is outside <main> (it stays put while the text scrolls), not outside every landmark. */}
      <section className="doc-bar" ref={docBar} aria-labelledby="doc-bar-title">
        <Link className="back-link" href="/">{t("editor.back")}</Link>
        <h1 id="doc-bar-title" className="doc-bar__title" {...textLanguage(detail.language)}>{detail.title}</h1>
        <LiveProgressCounter editor={editor} style={detail.style} language={detail.language} />
        <SaveIndicator status={state.saveStatus} />
        {lowBandwidth && <p className="doc-bar__low-bandwidth">{t("lowBandwidth.hint")}</p>}
        <PresenceList presence={presence} />
        <DiscussionControls editor={editor} discussion={state.discussion} onDiscuss={discuss} onGoTo={goTo}
          mayLead={can(user, "discussion.lead") && state.closed === null && !unshown}
          following={following} onFollowingChange={setFollowing} lowBandwidth={lowBandwidth} onLowBandwidthChange={setLowBandwidth}
          announcement={announcement} />
        <AttributionControls editor={editor} mode={attributionMode} onModeChange={setAttributionMode} />
        <DraftControls detail={detail} mayPublish={can(user, "document.publish")} onChanged={setDetail} notify={notify} />
        {can(user, "document.describe") && <DocumentDetailsDialog detail={detail} onChanged={setDetail} notify={notify} />}
        <ExportDialog documentId={detail.id} notify={notify} />
      </section>
      <main id="main" className={`workspace${overviewExpanded ? " workspace--overview" : ""}${lowBandwidth ? " workspace--low-bandwidth" : ""}`}>
        <div className="workspace__notices">
          <ImportedNotice />
          {shown && <UnshownContentNotice places={shown.places} />}
          {refusal && !closedForGood && <RefusalNotice refusal={refusal} recovering={recovering} onDismiss={dismissRefusal} referenceOf={shownReference} />}
          {closedForGood && state.closed && <ClosedNotice closed={state.closed} unsaved={state.unsaved} referenceOf={shownReference} />}
          {!mayEdit && <p className="notice">{t("editor.readOnly")}</p>}
        </div>
        <div className="workspace__text">
          {editor && (
            <EditorTools key={editorKey} editor={editor} user={user} notify={notify} shortcuts={shortcuts} showToolbar={editable}
              openBracket={openBracket} onOpenBracket={setOpenBracket}
              onComment={can(user, "comment.write") ? comments.startComment : undefined} />
          )}
          {!collab || !state.loaded ? (
            !state.closed && <p className="sheet sheet--loading" role="status">{t("editor.loadingDocument")}</p>
          ) : unshown ? (
            shown && <UnshownContentView key={collab.ydoc.clientID} document={shown} title={detail.title} />
          ) : (
            <NegotiationEditor key={collab.ydoc.clientID} collab={collab} presence={awarenessUser} editable={editable}
              document={documentShape} live={live} onEditor={setEditor} />
          )}
        </div>
        <OverviewPanel editor={editor} style={detail.style} language={detail.language} documentId={detail.id} mayIssueRevision={can(user, "revision.issue") && !unshown}
          expanded={overviewExpanded} onExpandedChange={setOverviewExpanded} onGoTo={goTo} notify={notify}
          discussed={state.discussion.pid}
          tab={panelTab} onTabChange={setPanelTab} openComments={comments.openCount}
          comments={(overview) => (
            <CommentsPanel documentId={detail.id} editor={editor} ydoc={collab?.ydoc ?? null} overview={overview} user={user}
              book={comments.state} onChanged={comments.take} onSettings={comments.takeSettings} draft={comments.draft} onDraftDone={comments.finishDraft}
              filter={comments.filter} onFilterChange={comments.setFilter} activeThreadId={comments.activeThreadId}
              onActivate={comments.setActiveThreadId} onGoTo={comments.goToThread} cards={comments.cards}
              shownIds={comments.shownIds} notify={notify} />
          )}
          proposals={<ProposalsPanel documentId={detail.id} editor={editor} user={user} language={detail.language} notify={notify} />} />
      </main>
      <NoticeArea notices={notices} dismiss={dismiss} />
      <RemoteChangeAnnouncer editor={editor} collab={collab} self={{ name: user.displayName, delegation: user.delegation?.name ?? null }} />
    </>
  );
}
