import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Button, Link } from "react-aria-components";
import type { DocumentSummary } from "../../schemas/api.js";
import { presenceOf } from "../../shared/collab/presence.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { can } from "../../shared/permissions.js";
import { PresenceList } from "../collab/PresenceList.js";
import { SaveIndicator } from "../collab/SaveIndicator.js";
import { useBeforeUnloadWarning } from "../collab/useBeforeUnloadWarning.js";
import { useCollaboration, type CollabState } from "../collab/useCollaboration.js";
import { usePresence } from "../collab/usePresence.js";
import { useCurrentUser, useSessionContext } from "../session/SessionContext.js";
import { AppHeader } from "../ui/AppHeader.js";
import { NegotiationEditor } from "./NegotiationEditor.js";
import "./editor.css";

/** An open document: its header (title, save state, who is present) and the live editor. */
export function DocumentWorkspace({ summary }: { summary: DocumentSummary }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const session = useSessionContext();
  const [collab, state] = useCollaboration(summary.id, { onSocketRefused: () => session.revalidate() });
  const presence = usePresence(collab?.provider.awareness ?? null);
  const awarenessUser = useMemo(() => presenceOf(user), [user]);
  const mayEdit = can(user, "document.edit");
  const editable = mayEdit && state.closed === null;
  useBeforeUnloadWarning(state.unsaved);

  const sessionEnded = state.closed?.code === CloseCode.SessionEnded;
  useEffect(() => {
    if (sessionEnded) session.signedOut(true);
  }, [sessionEnded, session]);

  return (
    <>
      <AppHeader />
      <div className="doc-bar">
        <Link className="back-link" href="/">{t("editor.back")}</Link>
        <h1 className="doc-bar__title">{summary.title}</h1>
        <SaveIndicator status={state.saveStatus} />
        <PresenceList presence={presence} />
      </div>
      <main id="main" className="workspace">
        {state.closed && !sessionEnded && <ClosedNotice closed={state.closed} unsaved={state.unsaved} />}
        {!mayEdit && <p className="notice">{t("editor.readOnly")}</p>}
        {collab && state.loaded ? (
          <NegotiationEditor collab={collab} user={awarenessUser} editable={editable} title={summary.title} />
        ) : (
          !state.closed && <p className="sheet sheet--loading" role="status">{t("editor.loadingDocument")}</p>
        )}
      </main>
    </>
  );
}

/** Why the server closed the connection for good, and a way to start over. */
function ClosedNotice({ closed, unsaved }: { closed: NonNullable<CollabState["closed"]>; unsaved: boolean }) {
  const { t } = useTranslation();
  const known = [CloseCode.MalformedMessage, CloseCode.Forbidden, CloseCode.DocumentNotFound,
    CloseCode.UnknownMessageType, CloseCode.InvalidChange];
  const reason = (known as number[]).includes(closed.code)
    ? t(`closeCodes.${closed.code as 4400 | 4403 | 4404 | 4405 | 4422}`)
    : t("closeCodes.other", { reason: closed.reason || String(closed.code) });
  return (
    <div className="alert" role="alert">
      <p className="alert__title">{t("editor.closedTitle")}</p>
      <p>{reason}</p>
      {unsaved && <p>{t("editor.closedUnsaved")}</p>}
      <Button className="button" onPress={() => window.location.reload()}>{t("editor.reload")}</Button>
    </div>
  );
}
