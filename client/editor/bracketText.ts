import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { GROUP_APPEARANCE } from "../../shared/attribution/groupColors.js";

/** Ways of putting a bracket's attribution into words. */
export interface BracketWords {
  /** "Republic of Arcadia, Governments" (or "no delegation"). */
  who: (bracket: BracketAttrs) => string;
  /** The moment it was placed, in the reader's language ("16 Nov 2026, 09:00"). */
  when: (bracket: BracketAttrs) => string;
  /** The glyph's tooltip: "Bracketed by Elena Marek (Republic of Arcadia, Governments) on 16 Nov 2026, 09:00". */
  sentence: (bracket: BracketAttrs) => string;
  /** A focusable glyph's accessible name. */
  label: (bracket: BracketAttrs) => string;
  /** The stakeholder group's name, or null. */
  group: (bracket: BracketAttrs) => string | null;
}

/** Formats bracket attribution in the current language. */
export function useDescribeBracket(): BracketWords {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
    const when = (b: BracketAttrs) => {
      const date = new Date(b.at);
      return Number.isNaN(date.getTime()) ? b.at : format.format(date);
    };
    const group = (b: BracketAttrs) => (b.group ? t(GROUP_APPEARANCE[b.group].labelKey) : null);
    const who = (b: BracketAttrs) => [b.delegation ?? t("brackets.noDelegation"), group(b)].filter(Boolean).join(", ");
    return {
      who,
      when,
      group,
      sentence: (b) => t("brackets.placedBy", { name: b.name, who: who(b), when: when(b) }),
      label: (b) => t("brackets.glyphLabel", { name: b.name, who: who(b) }),
    };
  }, [t, i18n.language]);
}
