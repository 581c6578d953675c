import { useTranslation } from "react-i18next";
import { Input, Label, SearchField } from "react-aria-components";
import type { DelegationView } from "../../../schemas/api.js";
import { Role } from "../../../schemas/domain.js";
import { SelectField } from "../ui/fields.js";
import { ANY, NO_DELEGATION, type PeopleFilter } from "./peopleFilter.js";

/** Props of {@link PeopleFilters}. */
export interface PeopleFiltersProps {
  filter: PeopleFilter;
  onChange(filter: PeopleFilter): void;
  delegations: DelegationView[];
}

/** Narrows the People table by name or e-mail, role and delegation; the table updates as one types. */
export function PeopleFilters({ filter, onChange, delegations }: PeopleFiltersProps) {
  const { t } = useTranslation("admin");
  const roles = [{ id: ANY, label: t("people.anyRole") }, ...Role.options.map((r) => ({ id: r, label: t(`roles.${r}`, { ns: "translation" }) }))];
  const delegationOptions = [
    { id: ANY, label: t("people.anyDelegation") },
    { id: NO_DELEGATION, label: t("people.noDelegation") },
    ...delegations.map((d) => ({ id: d.id, label: d.name })),
  ];
  return (
    <div className="filters" role="search" aria-label={t("people.filters")}>
      <SearchField className="field filters__text" value={filter.text} onChange={(text) => onChange({ ...filter, text })}>
        <Label>{t("people.search")}</Label>
        <Input className="input" placeholder={t("people.searchPlaceholder")} />
      </SearchField>
      <SelectField label={t("people.role")} options={roles} value={filter.role}
        onChange={(role) => onChange({ ...filter, role: Role.safeParse(role).data ?? ANY })} />
      <SelectField label={t("people.delegation")} options={delegationOptions} value={filter.delegation}
        onChange={(delegation) => onChange({ ...filter, delegation: delegation ?? ANY })} />
    </div>
  );
}
