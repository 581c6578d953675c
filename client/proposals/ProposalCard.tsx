import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Heading } from "react-aria-components";
import type { UserView } from "../../schemas/api.js";
import type { ProposalView } from "../../schemas/proposals.js";
import type { ApiResult } from "../api/http.js";
import { applyProposal, moveProposal, type ApplyAs } from "../api/proposals.js";
import { actionsFor, refusalText } from "./proposalActions.js";
import { ProposalText } from "./ProposalText.js";

/** Props of {@link ProposalCard}. */
export interface ProposalCardProps {
  documentId: string;
  proposal: ProposalView;
  user: UserView;
  /** How people refer to a paragraph now ("OP3"), or null when it has no label or is gone. */
  referenceOf: (pid: string) => string | null;
  /** Ids of the proposals that change the same words. */
  conflictsWith?: string[];
  /** Heading level of the card's title within the page. */
  level?: 3 | 4;
  onChanged: (proposal: ProposalView) => void;
  /** Opens the draft in the proposal dialog. */
  onEdit?: (proposal: ProposalView) => void;
  notify: (message: string, kind?: "polite" | "alert") => void;
}

/**
 * One proposal: its kind, id, status and proposer, what it does to the text
 * (struck and underlined words), its reasons, where it was applied, and the
 * actions the reader may take on it (edit, submit, withdraw, apply).
 */
export function ProposalCard({ documentId, proposal, user, referenceOf, conflictsWith = [], level = 3, onChanged, onEdit, notify }: ProposalCardProps) {
  const { t, i18n } = useTranslation("proposals");
  const titleId = useId();
  const [pending, setPending] = useState(false);
  const actions = actionsFor(user, proposal);
  const place = referenceOf(proposal.pid);
  const by = proposal.proposer;

  const run = async (call: () => Promise<ApiResult<ProposalView>>, done: (view: ProposalView) => string) => {
    setPending(true);
    const result = await call();
    setPending(false);
    if (!result.ok) {
      notify(refusalText(t, result), "alert");
      return;
    }
    onChanged(result.value);
    notify(done(result.value));
  };
  const apply = (as: ApplyAs) => run(() => applyProposal(documentId, proposal.id, as), (view) =>
    t(`card.appliedDone.${as}`, { id: view.id, reference: (view.applied && referenceOf(view.applied.pid)) || t("card.thisParagraph") }));

  return (
    <article className={`proposal-card proposal-card--${proposal.status}${conflictsWith.length > 0 ? " proposal-card--conflict" : ""}`}
      aria-labelledby={titleId} data-proposal={proposal.id}>
      <header className="proposal-card__header">
        <span className={`proposal-kind proposal-kind--${proposal.kind}`} title={t(`kindName.${proposal.kind}`)}>{proposal.kind}</span>
        <Heading level={level} id={titleId} className="proposal-card__id">
          {proposal.id}
          <span className="visually-hidden">{`, ${t(`kindName.${proposal.kind}`)}`}</span>
        </Heading>
        <span className={`proposal-status proposal-status--${proposal.status}`}>{t(`status.${proposal.status}`)}</span>
      </header>
      <p className="proposal-card__meta">
        {by ? (by.delegation ? t("card.byDelegation", { delegation: by.delegation, name: by.name }) : t("card.byPerson", { name: by.name })) : t("card.byUnknown")}
        {" · "}
        {t(proposal.kind === "ADD" ? "card.after" : "card.on", { reference: place || t("card.removedParagraph") })}
        {proposal.submittedAt && (
          <>
            {" · "}
            <time dateTime={proposal.submittedAt}>
              {new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(proposal.submittedAt))}
            </time>
          </>
        )}
      </p>
      {proposal.status === "draft" && <p className="proposal-card__draft">{t("card.draftNote")}</p>}
      <ProposalText kind={proposal.kind} base={proposal.base} text={proposal.text} runs={proposal.runs} />
      <p className="proposal-card__reasons">
        <strong>{t("card.reasons")}</strong> {proposal.reasons ? <span dir="auto">{proposal.reasons}</span> : <span className="muted">{t("card.noReasons")}</span>}
      </p>
      {proposal.applied && (
        <p className="proposal-card__applied" data-applied-as={proposal.applied.as}>
          {t(`card.applied.${proposal.applied.as}`, { reference: referenceOf(proposal.applied.pid) || t("card.thisParagraph") })}
          {proposal.applied.by && ` ${t("card.appliedBy", { name: proposal.applied.by.name })}`}
        </p>
      )}
      {conflictsWith.length > 0 && (
        <p className="proposal-card__conflict">
          {t("card.conflict", { others: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(conflictsWith) })}
        </p>
      )}
      {(actions.edit || actions.submit || actions.withdraw || actions.apply) && (
        <div className="proposal-card__actions">
          {actions.edit && onEdit && <Button className="button proposal-button" aria-describedby={titleId} isDisabled={pending} onPress={() => onEdit(proposal)}>{t("card.edit")}</Button>}
          {actions.submit && (
            <Button className="button button--primary proposal-button" aria-describedby={titleId} isDisabled={pending}
              onPress={() => run(() => moveProposal(documentId, proposal.id, "submit"), (view) => t("card.submittedDone", { id: view.id }))}>
              {t("card.submit")}
            </Button>
          )}
          {actions.withdraw && (
            <Button className="button proposal-button" aria-describedby={titleId} isDisabled={pending}
              onPress={() => run(() => moveProposal(documentId, proposal.id, "withdraw"), (view) => t("card.withdrawnDone", { id: view.id }))}>
              {t("card.withdraw")}
            </Button>
          )}
          {actions.apply && (
            <>
              <Button className="button proposal-button" aria-describedby={titleId} isDisabled={pending} onPress={() => apply("bracketed")}>{t("card.applyBracketed")}</Button>
              <Button className="button proposal-button" aria-describedby={titleId} isDisabled={pending} onPress={() => apply("agreed")}>{t("card.applyAgreed")}</Button>
            </>
          )}
        </div>
      )}
    </article>
  );
}
