import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import { listDocuments } from "../../api/documents.js";
import { auditCsvHref, auditQueryString, listDelegations, listUsers, searchAudit } from "../adminApi.js";
import { LoadState } from "../ui/RequestState.js";
import { useAdminData } from "../ui/useAdminData.js";
import { EMPTY_AUDIT_FILTER, toAuditQuery, type AuditFilter } from "./auditFilter.js";
import { AuditFilters } from "./AuditFilters.js";
import { AuditTable } from "./AuditTable.js";

/** Rows rendered at a time; the server returns up to 5,000 and the CSV has them all. */
const PAGE_ROWS = 200;

/** `/admin/audit`: the whole audit log, filtered, readable, and downloadable as CSV with the same filters. */
export function AuditLogPage() {
  const { t } = useTranslation("admin");
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_AUDIT_FILTER);
  const [shownRows, setShownRows] = useState(PAGE_ROWS);
  const query = toAuditQuery(filter);
  const entries = useAdminData(`audit?${auditQueryString(query)}`, (signal) => searchAudit(query, signal));
  const documents = useAdminData("documents", listDocuments);
  const users = useAdminData("users", listUsers);
  const delegations = useAdminData("delegations", listDelegations);
  const names = useMemo(() => ({
    users: new Map((users.data ?? []).map((u) => [u.id, u.displayName])),
    delegations: new Map((delegations.data ?? []).map((d) => [d.id, d.name])),
  }), [users.data, delegations.data]);
  const rows = entries.data ?? [];

  const changeFilter = (next: AuditFilter) => {
    setFilter(next);
    setShownRows(PAGE_ROWS);
  };

  return (
    <section aria-labelledby="audit-title">
      <div className="section-bar">
        <h2 id="audit-title" className="section-title">{t("audit.title")}</h2>
        {/* A plain link: the browser downloads the file; the router must not catch it. */}
        <a className="button" href={auditCsvHref(query)} download>{t("audit.download")}</a>
      </div>
      <p className="muted">{t("audit.intro")}</p>
      <AuditFilters filter={filter} onChange={changeFilter} documents={documents.data ?? []} people={users.data ?? []} />
      {(!entries.data || entries.state.state === "failed") && <LoadState state={entries.state} onRetry={entries.reload} />}
      {entries.data && (
        <div className="audit-results" aria-busy={entries.stale} data-stale={entries.stale || undefined}>
          <p className="muted table-count" role="status">
            {rows.length > shownRows
              ? t("audit.showingSome", { shown: shownRows, count: rows.length })
              : t("audit.showing", { count: rows.length })}
          </p>
          <AuditTable entries={rows.slice(0, shownRows)} names={names} />
          {rows.length > shownRows && (
            <Button className="button table-more" onPress={() => setShownRows((n) => n + PAGE_ROWS)}>
              {t("audit.showMore")}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
