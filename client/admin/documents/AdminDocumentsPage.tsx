import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Cell, Column, Link, Row, Table, TableBody, TableHeader } from "react-aria-components";
import type { AdminUserView, DocumentSummary } from "../../../schemas/api.js";
import { listDocuments } from "../../api/documents.js";
import { QuarantineWarning } from "../../documents/QuarantineWarning.js";
import type { ApiResult } from "../../api/http.js";
import { listFacilitators, listUsers } from "../adminApi.js";
import { LoadState, Pending } from "../ui/RequestState.js";
import { useAdminData } from "../ui/useAdminData.js";
import { FacilitatorsDialog } from "./FacilitatorsDialog.js";
import { NewDocumentDialog } from "./NewDocumentDialog.js";
import { ScreenLinksDialog } from "./ScreenLinksDialog.js";

/** The facilitators of every listed document, by document id. */
async function loadFacilitators(ids: string[], signal: AbortSignal): Promise<ApiResult<Map<string, string[]>>> {
  const results = await Promise.all(ids.map((id) => listFacilitators(id, signal)));
  const byDocument = new Map<string, string[]>();
  for (const [i, result] of results.entries()) {
    if (!result.ok) return result;
    byDocument.set(ids[i]!, result.value);
  }
  return { ok: true, value: byDocument };
}

/** `/admin/documents`: every document with its facilitators; create empty documents, name facilitators. */
export function AdminDocumentsPage() {
  const { t, i18n } = useTranslation("admin");
  const documents = useAdminData("documents", listDocuments);
  const users = useAdminData("users", listUsers);
  const ids = (documents.data ?? []).map((d) => d.id);
  const facilitators = useAdminData(`facilitators:${ids.join(",")}`, (signal) => loadFacilitators(ids, signal));
  const [editing, setEditing] = useState<DocumentSummary | null>(null);
  const [screens, setScreens] = useState<DocumentSummary | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const names = new Map((users.data ?? []).map((u: AdminUserView) => [u.id, u.displayName]));
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  const facilitatorNames = (id: string) => {
    // While facilitators reload after a save, the old names would be wrong: show that they are coming.
    const list = facilitators.stale ? undefined : facilitators.data?.get(id);
    if (!list || !users.data) return <Pending />;
    return list.length ? list.map((uid) => names.get(uid) ?? uid).join(", ") : t("documents.noFacilitators");
  };

  return (
    <section aria-labelledby="documents-title">
      <div className="section-bar">
        <h2 id="documents-title" className="section-title">{t("documents.title")}</h2>
        <NewDocumentDialog onCreated={(d) => { setAnnouncement(t("documents.created", { title: d.title })); documents.reload(); }} />
      </div>
      <p className="muted">{t("documents.importHint")} <Link href="/">{t("nav.documents")}</Link></p>
      <p role="status" className="section-status">{announcement}</p>
      {!documents.data && <LoadState state={documents.state} onRetry={documents.reload} />}
      {facilitators.state.state === "failed" && <LoadState state={facilitators.state} onRetry={facilitators.reload} />}
      {documents.data && (
        <Table aria-labelledby="documents-title" className="table">
          <TableHeader>
            <Column isRowHeader>{t("documents.titleField")}</Column>
            <Column>{t("documents.style")}</Column>
            <Column>{t("documents.language")}</Column>
            <Column>{t("documents.facilitators")}</Column>
            <Column>{t("documents.updated")}</Column>
            <Column><span className="visually-hidden">{t("people.actions")}</span></Column>
          </TableHeader>
          <TableBody items={documents.data} dependencies={[facilitators.data, facilitators.stale, users.data]} renderEmptyState={() => <p className="table__empty">{t("documents.empty")}</p>}>
            {(doc) => (
              <Row id={doc.id}>
                <Cell>
                  <Link className="table__link" href={`/documents/${encodeURIComponent(doc.id)}`}>{doc.title}</Link>
                  {doc.quarantined && <QuarantineWarning documentId={doc.id} quarantined={doc.quarantined} />}
                </Cell>
                <Cell>{t(`documents.styles.${doc.style}`, { ns: "translation" })}</Cell>
                <Cell>{t(`documents.languages.${doc.language}`)}</Cell>
                <Cell>{facilitatorNames(doc.id)}</Cell>
                <Cell className="table__nowrap">{when.format(new Date(doc.updatedAt))}</Cell>
                <Cell className="table__actions">
                  <Button className="button button--small" onPress={() => setEditing(doc)} isDisabled={!facilitators.data || !users.data}
                    aria-label={t("documents.facilitatorsFor", { title: doc.title })}>
                    {t("documents.facilitatorsButton")}
                  </Button>
                  {" "}
                  <Button className="button button--small" onPress={() => setScreens(doc)} aria-label={t("screens.buttonFor", { title: doc.title })}>
                    {t("screens.button")}
                  </Button>
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      )}
      {editing && users.data && facilitators.data && (
        <FacilitatorsDialog document={editing} people={users.data} facilitatorIds={facilitators.data.get(editing.id) ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => { setEditing(null); setAnnouncement(t("documents.facilitatorsSaved", { title: editing.title })); facilitators.reload(); }} />
      )}
      {screens && <ScreenLinksDialog document={screens} onClose={() => setScreens(null)} />}
    </section>
  );
}
