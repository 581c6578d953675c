import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Button, Link } from "react-aria-components";
import type { DocumentSummary } from "../../schemas/api.js";
import { listDocuments } from "../api/documents.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { useApi } from "../api/useApi.js";
import { can } from "../../shared/permissions.js";
import { useCurrentUser, useSessionContext } from "../session/SessionContext.js";
import { textLanguage } from "../i18n/language.js";
import { AppHeader } from "../ui/AppHeader.js";
import { ImportTextFile } from "./ImportTextFile.js";
import { QuarantineWarning } from "./QuarantineWarning.js";

/** `/`: the documents the signed-in user can open. */
export function DocumentListPage() {
  const { t } = useTranslation();
  const session = useSessionContext();
  const user = useCurrentUser();
  const [documents, retry] = useApi("documents", listDocuments);
  const expired = documents.state === "failed" && documents.failure.status === 401;
  useEffect(() => {
    if (expired) session.signedOut(true);
  }, [expired, session]);

  return (
    <>
      <AppHeader />
      <main id="main" className="page">
        <h1 className="page-title">{t("documents.title")}</h1>
        {documents.state === "loading" && <p role="status">{t("app.loading")}</p>}
        {documents.state === "failed" && !expired && (
          <div className="alert" role="alert">
            <p>
              {documents.failure.status === NETWORK_FAILURE
                ? t("errors.network")
                : errorWords(t, documents.failure.error) || t("errors.unexpected", { status: documents.failure.status })}
            </p>
            <Button className="button" onPress={retry}>{t("errors.retry")}</Button>
          </div>
        )}
        {documents.state === "loaded" &&
          (documents.value.length === 0 ? (
            <p className="muted">{t("documents.empty")}</p>
          ) : (
            <ul className="document-list">
              {documents.value.map((doc) => (
                <DocumentItem key={doc.id} doc={doc} />
              ))}
            </ul>
          ))}
        {can(user, "document.import") && <ImportTextFile />}
      </main>
    </>
  );
}

function DocumentItem({ doc }: { doc: DocumentSummary }) {
  const { t, i18n } = useTranslation();
  const updated = new Date(doc.updatedAt);
  const when = Number.isNaN(updated.getTime())
    ? doc.updatedAt
    : new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(updated);
  return (
    <li className="document-item">
      <Link className="document-item__title" href={`/documents/${encodeURIComponent(doc.id)}`} {...textLanguage(doc.language)}>
        {doc.title}
      </Link>
      <dl className="document-item__meta">
        <div>
          <dt>{t("documents.process")}</dt>
          <dd>{doc.processName}</dd>
        </div>
        <div>
          <dt>{t("documents.style")}</dt>
          <dd>{t(`documents.styles.${doc.style}`)}</dd>
        </div>
      </dl>
      {doc.draft && <p><span className="draft-badge">{t("details.draft")}</span> <span className="muted">{t("documents.draft")}</span></p>}
      <p className="document-item__updated muted">{t("documents.updated", { when })}</p>
      {doc.quarantined && <QuarantineWarning documentId={doc.id} quarantined={doc.quarantined} />}
    </li>
  );
}
