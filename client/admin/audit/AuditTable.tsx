import { useTranslation } from "react-i18next";
import { Cell, Column, Row, Table, TableBody, TableHeader } from "react-aria-components";
import type { AuditView } from "../../../schemas/api.js";
import { actionLabel, describeDetail, type AuditLookups } from "./describeAudit.js";

/** Props of {@link AuditTable}. */
export interface AuditTableProps {
  entries: AuditView[];
  names: AuditLookups;
}

/** Audit records, newest first: when, who, what, on which paragraph, and the details in words. */
export function AuditTable({ entries, names }: AuditTableProps) {
  const { t, i18n } = useTranslation("admin");
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <Table aria-label={t("audit.tableLabel")} className="table table--audit">
      <TableHeader>
        <Column isRowHeader>{t("audit.time")}</Column>
        <Column>{t("audit.person")}</Column>
        <Column>{t("audit.action")}</Column>
        <Column>{t("audit.paragraph")}</Column>
        <Column>{t("audit.detailColumn")}</Column>
      </TableHeader>
      <TableBody items={entries} dependencies={[names]} renderEmptyState={() => <p className="table__empty">{t("audit.empty")}</p>}>
        {(entry) => (
          <Row id={entry.id}>
            <Cell className="table__nowrap">
              <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
            </Cell>
            <Cell>{entry.userName ?? <span className="muted">{t("audit.system")}</span>}</Cell>
            <Cell>
              <span className="audit-action">{actionLabel(t, entry.action)}</span>
              <code className="audit-code">{entry.action}</code>
            </Cell>
            <Cell>{entry.pid ? <code className="audit-code">{entry.pid}</code> : <span className="muted">–</span>}</Cell>
            <Cell className="audit-detail">{describeDetail(t, entry, names)}</Cell>
          </Row>
        )}
      </TableBody>
    </Table>
  );
}
