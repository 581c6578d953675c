import { useTranslation } from "react-i18next";
import type { DelegationView } from "../../../schemas/api.js";
import { Role } from "../../../schemas/domain.js";
import { SelectField } from "../ui/fields.js";
import { NO_DELEGATION } from "./peopleFilter.js";

/** Props of {@link RoleFields}. */
export interface RoleFieldsProps {
  role: Role | null;
  onRoleChange(role: Role | null): void;
  delegations: DelegationView[];
  defaultDelegation?: string;
  autoFocus?: boolean;
}

/** The delegation a form chose, or null for {@link NO_DELEGATION}. */
export function readDelegation(data: FormData): string | null {
  const value = String(data.get("delegationId") ?? "");
  return value && value !== NO_DELEGATION ? value : null;
}

/** Role and delegation selects: what the role means, and a delegation that delegates cannot do without. */
export function RoleFields({ role, onRoleChange, delegations, defaultDelegation, autoFocus }: RoleFieldsProps) {
  const { t } = useTranslation("admin");
  const roles = Role.options.map((r) => ({ id: r, label: t(`roles.${r}`, { ns: "translation" }) }));
  const delegate = role === "delegate";
  const options = [
    ...(delegate ? [] : [{ id: NO_DELEGATION, label: t("people.noDelegation") }]),
    ...delegations.map((d) => ({ id: d.id, label: d.name })),
  ];
  return (
    <>
      <SelectField name="role" label={t("people.role")} options={roles} value={role} isRequired autoFocus={autoFocus}
        onChange={(key) => onRoleChange(Role.safeParse(key).data ?? null)} placeholder={t("form.choose")}
        description={role ? t(`people.roleHints.${role}`) : undefined} />
      {/* Keyed by the role so the default follows it: "no delegation" is not offered to delegates. */}
      <SelectField key={delegate ? "delegate" : "other"} name="delegationId" label={t("people.delegation")} options={options}
        defaultValue={delegate ? (defaultDelegation === NO_DELEGATION ? undefined : defaultDelegation) : (defaultDelegation ?? NO_DELEGATION)}
        isRequired={delegate} placeholder={t("form.choose")}
        description={delegate ? t("people.delegationRequired") : t("people.delegationOptional")} />
    </>
  );
}
