import { Trans, useTranslation } from "react-i18next";
import type { DocumentSummary } from "../../schemas/api.js";

/**
 * The secretariat's warning that damaged updates of a document's stored log
 * were set aside (the edits they held are not in the text), with the
 * command that tells what was found. Said in words, not only in colour.
 */
export function QuarantineWarning({ documentId, quarantined }: {
  documentId: string;
  quarantined: NonNullable<DocumentSummary["quarantined"]>;
}) {
  const { t, i18n } = useTranslation();
  const at = new Date(quarantined.lastAt);
  const date = Number.isNaN(at.getTime()) ? quarantined.lastAt : new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" }).format(at);
  return (
    <p className="storage-warning">
      <span className="storage-warning__label"><span aria-hidden="true">⚠ </span>{t("documents.quarantine.label")}</span>{" "}
      <Trans i18nKey="documents.quarantine.notice" count={quarantined.count}
        values={{ count: quarantined.count, date, command: `npm run admin -- document check ${documentId}` }}
        components={{ command: <code className="storage-warning__command" /> }} />
    </p>
  );
}
