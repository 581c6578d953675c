import { useTranslation } from "react-i18next";
import type { ProposalKind } from "../../schemas/proposals.js";
import type { ModRun } from "../../shared/proposals/modChange.js";

/** Struck words, with a text alternative: the strike-through itself is not read out by screen readers. */
function Deleted({ text }: { text: string }) {
  const { t } = useTranslation("proposals");
  return (
    <>
      <span className="visually-hidden">{t("runs.deletedStart")}</span>
      <del>{text}</del>
      <span className="visually-hidden">{t("runs.end")}</span>
    </>
  );
}

/** Underlined (inserted) words, with a text alternative. */
function Inserted({ text }: { text: string }) {
  const { t } = useTranslation("proposals");
  return (
    <>
      <span className="visually-hidden">{t("runs.insertedStart")}</span>
      <ins>{text}</ins>
      <span className="visually-hidden">{t("runs.end")}</span>
    </>
  );
}

/** A MOD as the ITU prints it: kept words plain, deleted ones struck, inserted ones underlined. */
export function ModRunsText({ runs }: { runs: ModRun[] }) {
  return (
    <>
      {runs.map((run, i) => run.kind === "equal" ? <span key={i}>{run.text}</span>
        : run.kind === "delete" ? <Deleted key={i} text={run.text} />
        : <Inserted key={i} text={run.text} />)}
    </>
  );
}

/** What a proposal does to the text, by kind: a MOD's runs, an ADD's new words underlined, a SUP's words struck, a NOC's kept. */
export function ProposalText({ kind, base, text, runs }: { kind: ProposalKind; base: string; text: string | null; runs: ModRun[] | null }) {
  return (
    // The document's words, in the direction of their own script whatever the interface's.
    <p className="proposal-text" dir="auto">
      {kind === "MOD" && runs ? <ModRunsText runs={runs} />
        : kind === "ADD" ? <Inserted text={text ?? ""} />
        : kind === "SUP" ? <Deleted text={base} />
        : base}
    </p>
  );
}
