import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-aria-components";
import { useParams, useSearchParams } from "react-router";
import type { UserView } from "../../schemas/api.js";
import { StakeholderGroup } from "../../schemas/domain.js";
import { ProposalKind, type CompilationQuery, type ProposalCompilation } from "../../schemas/proposals.js";
import { can } from "../../shared/permissions.js";
import { SelectField } from "../admin/ui/fields.js";
import { fetchDocument } from "../api/documents.js";
import { compilationExportUrl, fetchCompilation } from "../api/proposals.js";
import { useApi } from "../api/useApi.js";
import { AppHeader } from "../ui/AppHeader.js";
import { NoticeArea } from "../ui/NoticeArea.js";
import { useNotices } from "../ui/useNotices.js";
import { PeriodSwitch } from "./PeriodSwitch.js";
import { ProposalCard } from "./ProposalCard.js";
import { refusalText } from "./proposalActions.js";
import { useProposalList } from "./useProposalList.js";
import "./proposals.css";

type Block = ProposalCompilation["blocks"][number];
type Notify = (message: string, kind?: "polite" | "alert") => void;

const ANY = "*";

/** The filters as the URL's query has them; values the API would refuse are dropped. */
function filtersOf(params: URLSearchParams): CompilationQuery {
  const kind = ProposalKind.safeParse(params.get("kind"));
  const group = StakeholderGroup.safeParse(params.get("group"));
  const delegation = params.get("delegation");
  return {
    ...(delegation ? { delegation } : {}),
    ...(group.success ? { group: group.data } : {}),
    ...(kind.success ? { kind: kind.data } : {}),
  };
}

/**
 * `/documents/:id/proposals?delegation=&group=&kind=`: the compilation of
 * proposals. Every block of the text with the submitted proposals on it side
 * by side, by delegation and stakeholder group; MODs that change the same
 * words flagged; counts per kind; filters kept in the URL; downloads as Word,
 * PDF and a web page; Apply buttons for facilitators and the secretariat;
 * the secretariat opens and closes the proposal period here.
 */
export function CompilationPage() {
  const { t } = useTranslation("proposals");
  const id = useParams().id ?? "";
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const query = new URLSearchParams(filters as Record<string, string>).toString();
  const [detail] = useApi(`document:${id}`, (signal) => fetchDocument(id, signal));
  const [compilation, reload] = useApi(`compilation:${id}:${query}`, (signal) => fetchCompilation(id, filters, signal));
  // Every proposal the reader may read, for the delegations the filter offers.
  const all = useProposalList(id);
  const { notices, notify, dismiss } = useNotices();

  const choose = (key: keyof CompilationQuery, value: string | null) => {
    const next = new URLSearchParams(params);
    if (!value || value === ANY) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const delegations = useMemo(() => [...new Set(all.proposals.filter((p) => p.status !== "draft")
    .map((p) => p.proposer?.delegation).filter((d): d is string => !!d))].sort(), [all.proposals]);
  const labels = useMemo(() => new Map(compilation.state === "loaded" ? compilation.value.blocks.map((b) => [b.pid, b.label]) : []), [compilation]);
  const referenceOf = (pid: string) => labels.get(pid) || null;
  const title = detail.state === "loaded" ? detail.value.title : "";
  const user = detail.state === "loaded" ? detail.value.me : null;

  return (
    <>
      <AppHeader />
      <main id="main" className="page compilation-page">
        <Link className="back-link" href={`/documents/${encodeURIComponent(id)}`}>{t("compilation.back", { title })}</Link>
        <h1 className="page-title">{t("compilation.title", { title })}</h1>
        {user && can(user, "proposal.configure") && <PeriodSwitch documentId={id} notify={notify} />}
        <div className="compilation__controls">
          <SelectField label={t("compilation.delegation")} value={filters.delegation ?? ANY} onChange={(v) => choose("delegation", v)}
            options={[{ id: ANY, label: t("compilation.everyone") }, ...delegations.map((d) => ({ id: d, label: d }))]} />
          <SelectField label={t("compilation.group")} value={filters.group ?? ANY} onChange={(v) => choose("group", v)}
            options={[{ id: ANY, label: t("compilation.anyGroup") }, ...StakeholderGroup.options.map((g) => ({ id: g, label: t(`groups.${g}`, { ns: "translation" }) }))]} />
          <SelectField label={t("compilation.kind")} value={filters.kind ?? ANY} onChange={(v) => choose("kind", v)}
            options={[{ id: ANY, label: t("compilation.anyKind") }, ...ProposalKind.options.map((k) => ({ id: k, label: `${k}: ${t(`kindName.${k}`)}` }))]} />
        </div>
        <p className="compilation__downloads">
          {(["docx", "pdf", "html"] as const).map((format) => (
            <a key={format} className="button" href={compilationExportUrl(id, format, filters)} download>{t(`compilation.download.${format}`)}</a>
          ))}
        </p>
        {compilation.state === "loading" && <p role="status">{t("compilation.loading")}</p>}
        {compilation.state === "failed" && <p className="alert" role="alert">{refusalText(t, compilation.failure)}</p>}
        {compilation.state === "loaded" && user && (
          <Compiled compilation={compilation.value} documentId={id} user={user} referenceOf={referenceOf} notify={notify} onChanged={reload} />
        )}
      </main>
      <NoticeArea notices={notices} dismiss={dismiss} />
    </>
  );
}

/** The counts, the blocks with their proposals, and the proposals whose paragraph is gone. */
function Compiled({ compilation, documentId, user, referenceOf, notify, onChanged }: {
  compilation: ProposalCompilation;
  documentId: string;
  user: UserView;
  referenceOf: (pid: string) => string | null;
  notify: Notify;
  onChanged: () => void;
}) {
  const { t } = useTranslation("proposals");
  const total = Object.values(compilation.counts).reduce((a, b) => a + b, 0);
  const card = { documentId, user, referenceOf, notify, onChanged };
  return (
    <>
      <h2 className="visually-hidden">{t("compilation.countsTitle")}</h2>
      <p role="status" className="compilation__total">{t("compilation.total", { count: total })}</p>
      <ul className="compilation__counts" aria-label={t("compilation.countsTitle")}>
        {ProposalKind.options.map((k) => <li key={k}>{t("compilation.count", { kind: k, count: compilation.counts[k] })}</li>)}
      </ul>
      <p className="muted">{t("compilation.legend")}</p>
      <ol className="compilation-list">
        {compilation.blocks.map((block) => <CompiledBlock key={block.pid} block={block} {...card} />)}
      </ol>
      {compilation.orphans.length > 0 && (
        <section aria-labelledby="compilation-orphans">
          <h2 id="compilation-orphans">{t("compilation.orphans")}</h2>
          <ul className="compilation-block__proposals">
            {compilation.orphans.map((p) => (
              <li key={p.id}><ProposalCard proposal={p} {...card} onChanged={onChanged} /></li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function CompiledBlock({ block, documentId, user, referenceOf, notify, onChanged }: {
  block: Block;
  documentId: string;
  user: UserView;
  referenceOf: (pid: string) => string | null;
  notify: Notify;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation("proposals");
  const reference = block.label || t("card.thisParagraph");
  const conflictsOf = (id: string) => block.conflicts.flatMap(([a, b]) => (a === id ? [b] : b === id ? [a] : []));
  return (
    <li className={`compilation-block compilation-block--${block.kind}`} data-pid={block.pid}>
      {block.proposals.length > 0 && <h2 className="visually-hidden">{t("compilation.on", { reference, count: block.proposals.length })}</h2>}
      <p className="compilation-block__text" dir="auto">
        <span className="compilation-block__label">{block.label}</span>
        <span>{block.text}</span>
      </p>
      {block.conflicts.length > 0 && (
        <ul className="compilation-block__conflicts">
          {block.conflicts.map(([a, b]) => (
            <li key={`${a} ${b}`}>{t("compilation.conflict", { pair: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format([a, b]) })}</li>
          ))}
        </ul>
      )}
      {block.proposals.length > 0 && (
        <ul className="compilation-block__proposals">
          {block.proposals.map((p) => (
            <li key={p.id}>
              <ProposalCard documentId={documentId} proposal={p} user={user} referenceOf={referenceOf} conflictsWith={conflictsOf(p.id)}
                notify={notify} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
