import type { TFunction } from "i18next";
import { Role } from "../../schemas/domain.js";

/** What stands after a person's name: their delegation, or their role when they speak for none. */
export function delegationLabel(t: TFunction, delegation: string | null | undefined, role: unknown): string {
  if (delegation) return delegation;
  const parsed = Role.safeParse(role);
  return parsed.success ? t(`roles.${parsed.data}`) : "";
}
