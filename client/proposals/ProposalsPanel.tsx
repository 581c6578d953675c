import type { Editor } from "@tiptap/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, Link } from "react-aria-components";
import type { UserView } from "../../schemas/api.js";
import type { DocumentLanguage } from "../../schemas/domain.js";
import type { ProposalView } from "../../schemas/proposals.js";
import { can } from "../../shared/permissions.js";
import { fetchPeriod } from "../api/proposals.js";
import { useApi } from "../api/useApi.js";
import { liveReference, targetOf, useCaretParagraph } from "./caretParagraph.js";
import { ImportProposals } from "./ImportProposals.js";
import { ProposalCard } from "./ProposalCard.js";
import { ProposalDialog, type ProposalDialogSubject } from "./ProposalDialog.js";
import { refusalText } from "./proposalActions.js";
import { useProposalList } from "./useProposalList.js";
import "./proposals.css";

/** Props of {@link ProposalsPanel}. */
export interface ProposalsPanelProps {
  documentId: string;
  editor: Editor | null;
  /** The reader as they act in this document. */
  user: UserView;
  language: DocumentLanguage;
  notify: (message: string, kind?: "polite" | "alert") => void;
}

/**
 * The Proposals tab beside the text: the proposals on the paragraph the caret
 * is in (those made on it and those applied to it, so a paragraph shows which
 * proposals it came from), or all of them; "Propose a change…" and
 * "Import proposals…" while the proposal period is open; the compilation.
 */
export function ProposalsPanel({ documentId, editor, user, language, notify }: ProposalsPanelProps) {
  const { t } = useTranslation("proposals");
  const list = useProposalList(documentId);
  const [period] = useApi(`proposal-period:${documentId}`, (signal) => fetchPeriod(documentId, signal));
  const pid = useCaretParagraph(editor);
  const [showAll, setShowAll] = useState(false);
  const [subject, setSubject] = useState<ProposalDialogSubject | null>(null);
  const referenceOf = (p: string) => liveReference(editor, p);

  // Closed only when the server says so; it refuses proposals itself when the period is closed.
  const open = period.state !== "loaded" || period.value.open;
  const mayWrite = can(user, "proposal.write") && open;
  const here = pid ? referenceOf(pid) ?? t("card.thisParagraph") : null;
  const shown = showAll ? list.proposals : list.proposals.filter((p) => pid !== null && (p.pid === pid || p.applied?.pid === pid));

  const propose = () => {
    const target = pid ? targetOf(editor, pid) : null;
    if (!target) {
      notify(t("panel.noParagraph"), "alert");
      return;
    }
    setSubject({ mode: "new", target });
  };
  const edit = (draft: ProposalView) => setSubject({ mode: "edit", draft, reference: referenceOf(draft.pid) ?? "" });

  return (
    <div className="proposals">
      <p className="proposals__where">
        {here ? t("panel.here", { reference: here }) : t("panel.noParagraph")}
      </p>
      <div className="proposals__actions">
        {mayWrite && <Button className="button button--primary proposal-button" isDisabled={!pid} onPress={propose}>{t("panel.propose")}</Button>}
        {mayWrite && <ImportProposals documentId={documentId} onImported={(views) => list.take(...views)} notify={notify} />}
        <Button className="button proposal-button" onPress={list.refresh}>{t("panel.refresh")}</Button>
        <Link className="proposals__compilation" href={`/documents/${encodeURIComponent(documentId)}/proposals`}>{t("panel.compilation")}</Link>
      </div>
      {can(user, "proposal.write") && !open && <p className="notice proposals__closed">{t("panel.closed")}</p>}
      <Checkbox className="checkbox" isSelected={showAll} onChange={setShowAll}>
        <span aria-hidden="true" className="checkbox__box" />
        {t("panel.showAll")}
      </Checkbox>
      <p className="proposals__count" role="status">
        {list.state === "loading" ? t("panel.loading")
          : list.state === "failed" && list.failure ? refusalText(t, list.failure)
          : shown.length === 0 ? t(showAll ? "panel.noneAll" : "panel.none")
          : t("panel.shown", { count: shown.length })}
      </p>
      <ol className="proposals__list">
        {shown.map((proposal) => (
          <li key={proposal.id}>
            <ProposalCard documentId={documentId} proposal={proposal} user={user} referenceOf={referenceOf}
              onChanged={(view) => list.take(view)} onEdit={edit} notify={notify} />
          </li>
        ))}
      </ol>
      {subject && (
        <ProposalDialog documentId={documentId} language={language} subject={subject} onClose={() => setSubject(null)}
          onSaved={(view) => list.take(view)} notify={notify} />
      )}
    </div>
  );
}
