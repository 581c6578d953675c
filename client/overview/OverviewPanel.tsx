import type { Editor } from "@tiptap/core";
import { useTranslation } from "react-i18next";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { ReactNode } from "react";
import { Button, Disclosure, DisclosurePanel, Heading, Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { ParagraphList } from "./ParagraphList.js";
import { RevisionsSection } from "./RevisionsSection.js";
import { useLiveOverview, type LiveOverview } from "./useLiveOverview.js";
import "./overview.css";

/** Props of the overview panel. */
export interface OverviewPanelProps {
  editor: Editor | null;
  style: DocumentStyle;
  language: DocumentLanguage;
  documentId: string;
  mayIssueRevision: boolean;
  expanded: boolean;
  onExpandedChange: (expanded: boolean) => void;
  onGoTo: (pid: string) => void;
  /** The paragraph under discussion, marked in the paragraph list. */
  discussed: string | null;
  notify: (message: string, kind?: "polite" | "alert") => void;
  /** Which tab is shown: the paragraphs and revisions, or the comments. */
  tab: PanelTab;
  onTabChange: (tab: PanelTab) => void;
  /** The comments tab, drawn with the live overview. */
  comments: (overview: LiveOverview | null) => ReactNode;
  /** Open comment threads, shown on the tab. */
  openComments: number;
  /** The proposals tab. */
  proposals: ReactNode;
}

/** The tabs of the panel beside the text. */
export type PanelTab = "paragraphs" | "comments" | "proposals";

/**
 * The panel beside the text: the paragraphs with their state (filterable,
 * each a way to the paragraph) and the revisions in one tab, the comments in
 * another, the proposals in the third. Collapsible, so the text
 * can take the whole width on a small screen or a projector.
 */
export function OverviewPanel(props: OverviewPanelProps) {
  const { t } = useTranslation();
  const { expanded } = props;
  const overview = useLiveOverview(props.editor, props.style, props.language);
  return (
    <Disclosure className="overview" isExpanded={expanded} onExpandedChange={props.onExpandedChange}>
      <Heading level={2} className="overview__title">
        <Button slot="trigger" className="overview__toggle">
          <span aria-hidden="true" className="overview__chevron">{expanded ? "›" : "‹"}</span>
          <span className={expanded ? undefined : "overview__toggle-text--collapsed"}>
            {expanded ? t("overview.hide") : t("overview.show")}
          </span>
        </Button>
      </Heading>
      <DisclosurePanel className="overview__panel">
        <Tabs selectedKey={props.tab} onSelectionChange={(key) => props.onTabChange(key as PanelTab)} className="panel-tabs">
          <TabList aria-label={t("overview.tabs")} className="panel-tabs__list">
            <Tab id="paragraphs" className="panel-tabs__tab">{t("overview.paragraphsTab")}</Tab>
            <Tab id="comments" className="panel-tabs__tab">{t("overview.commentsTab", { count: props.openComments })}</Tab>
            <Tab id="proposals" className="panel-tabs__tab">{t("tab", { ns: "proposals" })}</Tab>
          </TabList>
          <TabPanel id="paragraphs" className="panel-tabs__panel">
            {overview && <ParagraphList paragraphs={overview.paragraphs} headings={overview.headings} language={props.language} onGoTo={props.onGoTo}
              discussed={props.discussed} />}
            <RevisionsSection documentId={props.documentId} mayIssue={props.mayIssueRevision} notify={props.notify} />
          </TabPanel>
          <TabPanel id="comments" className="panel-tabs__panel">
            {props.comments(overview)}
          </TabPanel>
          <TabPanel id="proposals" className="panel-tabs__panel">
            {props.proposals}
          </TabPanel>
        </Tabs>
      </DisclosurePanel>
    </Disclosure>
  );
}
