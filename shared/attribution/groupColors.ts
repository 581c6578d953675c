import type { StakeholderGroup } from "../../schemas/domain.js";

/** How a stakeholder group is shown: a colour and the i18n key of its name. */
export interface GroupAppearance {
  /** `#rrggbb`; white text on it has a contrast ratio of at least 4.5:1 (WCAG AA). */
  color: string;
  /** Translation key of the group's name. */
  labelKey: `groups.${StakeholderGroup}`;
}

/**
 * One colour per WSIS stakeholder group, chosen to stay distinguishable for
 * the common colour-vision deficiencies and to carry white label text.
 */
export const GROUP_APPEARANCE: Record<StakeholderGroup, GroupAppearance> = {
  governments: { color: "#1f5fa8", labelKey: "groups.governments" },
  private_sector: { color: "#9a4a00", labelKey: "groups.private_sector" },
  civil_society: { color: "#1c7a3e", labelKey: "groups.civil_society" },
  academia_technical: { color: "#6b3fa0", labelKey: "groups.academia_technical" },
  international_organizations: { color: "#00707a", labelKey: "groups.international_organizations" },
};

/** Colour of people who speak for no delegation (secretariat, facilitators, observers). */
export const NO_GROUP_COLOR = "#4b5563";

/** The colour for a stakeholder group, or the neutral colour when there is none. */
export function colorForGroup(group: StakeholderGroup | null | undefined): string {
  return group ? GROUP_APPEARANCE[group].color : NO_GROUP_COLOR;
}
