import { useEffect, useState } from "react";
import type { DocumentDetail } from "../../schemas/api.js";
import { useTranslation } from "react-i18next";
import { Button, Link } from "react-aria-components";
import { useParams } from "react-router";
import { fetchDocument } from "../api/documents.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { useApi } from "../api/useApi.js";
import { useSessionContext } from "../session/SessionContext.js";
import { AppHeader } from "../ui/AppHeader.js";
import { DocumentWorkspace } from "./DocumentWorkspace.js";

/**
 * The document's details as they change in place (the secretariat's dialogs); a new language
 * numbers the whole text differently, so the workspace then opens afresh.
 */
function OpenDocument({ loaded }: { loaded: DocumentDetail }) {
  const [detail, setDetail] = useState(loaded);
  return <DocumentWorkspace key={detail.language} detail={detail} onDetailChanged={setDetail} />;
}

/** `/documents/:id`: looks the document up, then opens it for live editing. */
export function DocumentPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const session = useSessionContext();
  const [summary, retry] = useApi(`document:${id}`, (signal) => fetchDocument(id, signal));
  const status = summary.state === "failed" ? summary.failure.status : null;
  useEffect(() => {
    if (status === 401) session.signedOut(true);
  }, [status, session]);

  if (summary.state === "loaded") return <OpenDocument key={summary.value.id} loaded={summary.value} />;

  return (
    <>
      <AppHeader />
      <main id="main" className="page">
        <Link className="back-link" href="/">{t("editor.back")}</Link>
        {summary.state === "loading" && <p role="status">{t("editor.loadingDocument")}</p>}
        {status === 404 && (
          <div className="page-message">
            <h1 className="page-title">{t("editor.notFound")}</h1>
            <p className="muted">{t("editor.notFoundDetail")}</p>
          </div>
        )}
        {summary.state === "failed" && status !== 404 && status !== 401 && (
          <div className="alert" role="alert">
            <p>
              {status === NETWORK_FAILURE
                ? t("errors.network")
                : errorWords(t, summary.failure.error) || t("errors.unexpected", { status })}
            </p>
            <Button className="button" onPress={retry}>{t("errors.retry")}</Button>
          </div>
        )}
      </main>
    </>
  );
}
