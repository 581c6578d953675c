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

/** How words are underlined in attribution view: one line style per group, a cue that does not rely on colour. */
export type UnderlineStyle = "solid" | "dashed" | "dotted" | "double" | "wavy";

/** The underline of each stakeholder group's words in attribution view (people without a group: solid, in grey). */
export const GROUP_UNDERLINE: Record<StakeholderGroup, UnderlineStyle> = {
  governments: "solid",
  private_sector: "dashed",
  civil_society: "dotted",
  academia_technical: "double",
  international_organizations: "wavy",
};

/** The underline for a stakeholder group, or solid when there is none. */
export function underlineForGroup(group: StakeholderGroup | null | undefined): UnderlineStyle {
  return group ? GROUP_UNDERLINE[group] : "solid";
}

/** Colour of people who speak for no delegation (secretariat, facilitators, observers). */
export const NO_GROUP_COLOR = "#4b5563";

/** The colour for a stakeholder group, or the neutral colour when there is none. */
export function colorForGroup(group: StakeholderGroup | null | undefined): string {
  return group ? GROUP_APPEARANCE[group].color : NO_GROUP_COLOR;
}

/**
 * Colours for telling delegations apart in attribution view. Each is dark
 * enough to read as an underline on white and distinct from the group
 * colours' neutral grey.
 */
export const DELEGATION_PALETTE = [
  "#1f5fa8", "#b3261e", "#1c7a3e", "#6b3fa0", "#9a4a00", "#00707a",
  "#a1286a", "#4d6b00", "#0050b3", "#7a5c00", "#c2185b", "#2e5e4e",
] as const;

/**
 * The colour of a delegation in attribution view, from its place in the
 * order delegations were created: the first twelve all differ, and it never
 * changes.
 */
export function colorForDelegationSlot(order: number): string {
  return DELEGATION_PALETTE[order % DELEGATION_PALETTE.length]!;
}

/** The colour of a delegation whose creation order is not known (yet): an FNV-1a hash of its name. */
export function colorForDelegation(name: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return DELEGATION_PALETTE[(hash >>> 0) % DELEGATION_PALETTE.length]!;
}
