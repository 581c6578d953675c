import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Header, ListBox, ListBoxItem, ListBoxSection, ToggleButton, ToggleButtonGroup, type Key } from "react-aria-components";
import type { OverviewParagraph } from "../../shared/document/overview.js";
import { textLanguage } from "../i18n/language.js";

/** The filters of the paragraph list. */
export const FILTERS = ["all", "open", "bracketed", "agreed", "deleted"] as const;
type Filter = (typeof FILTERS)[number];

const matches: Record<Filter, (p: OverviewParagraph) => boolean> = {
  all: () => true,
  open: (p) => p.status === "open",
  bracketed: (p) => p.brackets > 0,
  agreed: (p) => p.status === "agreed",
  deleted: (p) => p.status === "deleted",
};

interface Group {
  heading: string;
  paragraphs: OverviewParagraph[];
}

/** Consecutive paragraphs under the same heading or verb phrase. */
function grouped(paragraphs: OverviewParagraph[], headings: Map<string, string>): Group[] {
  const groups: Group[] = [];
  for (const p of paragraphs) {
    const heading = headings.get(p.pid) ?? "";
    const last = groups[groups.length - 1];
    if (last && last.heading === heading) last.paragraphs.push(p);
    else groups.push({ heading, paragraphs: [p] });
  }
  return groups;
}

/** What the list shows; it re-renders only when this changes (not on every keystroke). */
function signature(groups: Group[]): string {
  return groups.map((g) => `#${g.heading}\n${g.paragraphs.map((p) =>
    `${p.pid}|${p.reference}|${p.status}|${p.brackets}|${p.level}`).join("\n")}`).join("\n");
}

/**
 * The document's paragraphs under their headings, with reference, status and
 * bracket count, filtered by status; choosing one (click or Enter) takes the
 * caret to it. The paragraph under discussion is marked; a facilitator moves
 * the discussion to the focused item with the discussion key (`data-pid`).
 */
export function ParagraphList({ paragraphs, headings, language, onGoTo, discussed }: {
  paragraphs: OverviewParagraph[];
  headings: Map<string, string>;
  /** The document's language: references and headings are its words, in its direction. */
  language: string;
  onGoTo: (pid: string) => void;
  /** The paragraph under discussion, marked in the list. */
  discussed: string | null;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>("all");
  const groups = grouped(paragraphs.filter(matches[filter]), headings);
  return (
    <section className="overview__section" aria-labelledby="overview-paragraphs">
      <h3 id="overview-paragraphs" className="overview__heading">{t("overview.paragraphs")}</h3>
      <ToggleButtonGroup aria-label={t("overview.filter")} className="filter-group" selectionMode="single"
        disallowEmptySelection selectedKeys={[filter]}
        onSelectionChange={(keys) => setFilter(([...keys][0] as Filter | undefined) ?? "all")}>
        {FILTERS.map((f) => (
          <ToggleButton key={f} id={f} className="filter-group__button">{t(`overview.filters.${f}`)}</ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Items groups={groups} signature={`${discussed ?? ""}\n${signature(groups)}`} language={language} onGoTo={onGoTo}
        discussed={discussed} />
    </section>
  );
}

const Items = memo(
  function Items({ groups, language, onGoTo, discussed }: {
    groups: Group[];
    signature: string;
    language: string;
    onGoTo: (pid: string) => void;
    discussed: string | null;
  }) {
    const { t } = useTranslation();
    const inDocument = textLanguage(language);
    if (groups.length === 0) return <p className="muted overview__empty">{t("overview.noneMatch")}</p>;
    return (
      <ListBox aria-label={t("overview.paragraphs")} className="paragraph-list" selectionMode="none"
        onAction={(key: Key) => onGoTo(String(key))}>
        {groups.map((group, i) => (
          <ListBoxSection key={`${i}-${group.heading}`} id={`section-${i}`} className="paragraph-list__section">
            {group.heading && <Header className="paragraph-list__header" {...inDocument}>{group.heading}</Header>}
            {group.paragraphs.map((p) => (
              <ListBoxItem key={p.pid} id={p.pid} textValue={`${p.reference} ${t(`paragraphStatus.${p.status}`)}`}
                className="paragraph-list__item" data-status={p.status} data-level={p.level} data-pid={p.pid}
                data-discussed={p.pid === discussed ? "" : undefined}>
                <span className="paragraph-list__label" {...inDocument}>{p.reference}</span>
                {p.pid === discussed && <span className="discussion-chip">{t("discussion.marker")}</span>}
                <span className={`status-chip status-chip--${p.status}`}>{t(`paragraphStatus.${p.status}`)}</span>
                {p.brackets > 0 && (
                  <span className="paragraph-list__brackets">{t("overview.bracketCount", { count: p.brackets })}</span>
                )}
              </ListBoxItem>
            ))}
          </ListBoxSection>
        ))}
      </ListBox>
    );
  },
  (a, b) => a.signature === b.signature && a.language === b.language && a.onGoTo === b.onGoTo,
);
