import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { AdminUserView, DocumentSummary } from "../../../schemas/api.js";
import { DateFilterField } from "../ui/DateFilterField.js";
import { ComboBoxField, SelectField } from "../ui/fields.js";
import { EMPTY_AUDIT_FILTER, type AuditFilter } from "./auditFilter.js";

const ALL = "all";
/** Suggested action prefixes; any other beginning of an action code can be typed. */
const ACTION_PREFIXES = [
  "paragraph.", "bracket.", "alternative.", "revision.", "update.refused", "presence.", "document.", "delegation.", "user.", "user.login",
] as const;

/** Props of {@link AuditFilters}. */
export interface AuditFiltersProps {
  filter: AuditFilter;
  onChange(filter: AuditFilter): void;
  documents: DocumentSummary[];
  people: AdminUserView[];
}

/** Narrows the audit log by document, action, person and a range of days; results follow each change. */
export function AuditFilters({ filter, onChange, documents, people }: AuditFiltersProps) {
  const { t } = useTranslation("admin");
  const documentOptions = [{ id: ALL, label: t("audit.allDocuments") }, ...documents.map((d) => ({ id: d.id, label: d.title }))];
  const actionOptions = ACTION_PREFIXES.map((p) => ({ id: p, label: p }));
  const personOptions = people.map((p) => ({ id: p.id, label: p.displayName }));
  const set = (change: Partial<AuditFilter>) => onChange({ ...filter, ...change });

  return (
    <div className="filters filters--audit" role="search" aria-label={t("audit.filters")}>
      <SelectField label={t("audit.document")} options={documentOptions} value={filter.documentId ?? ALL}
        onChange={(id) => set({ documentId: id === ALL ? null : id })} />
      <ComboBoxField label={t("audit.action")} options={actionOptions} value={null} allowsCustomValue
        inputValue={filter.action} onInputChange={(action) => set({ action })} onChange={(key) => key && set({ action: key })}
        placeholder={t("audit.actionPlaceholder")} />
      <ComboBoxField label={t("audit.person")} options={personOptions} value={filter.userId}
        onChange={(userId) => set({ userId })} placeholder={t("audit.anyone")} />
      <DateFilterField label={t("audit.from")} value={filter.from} onChange={(from) => set({ from })} />
      <DateFilterField label={t("audit.to")} value={filter.to} onChange={(to) => set({ to })} />
      <Button className="button filters__reset" onPress={() => onChange(EMPTY_AUDIT_FILTER)}
        isDisabled={filter === EMPTY_AUDIT_FILTER}>
        {t("audit.clear")}
      </Button>
    </div>
  );
}
