import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-aria-components";
import { useParams, useSearchParams } from "react-router";
import type { Author } from "../../schemas/api.js";
import type { ComparisonView } from "../../schemas/compare.js";
import { changesBy, type Comparison } from "../../shared/compare/compareTexts.js";
import { SelectField } from "../admin/ui/fields.js";
import { fetchDocument } from "../api/documents.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { comparisonUrl, fetchComparison, listRevisions } from "../api/revisions.js";
import { useApi } from "../api/useApi.js";
import { textLanguage } from "../i18n/language.js";
import { AppHeader } from "../ui/AppHeader.js";
import "./compare.css";

type Piece = ComparisonView["blocks"][number]["pieces"][number];

/** Who made a change, as shown after it: the delegation, else the person. */
const whoOf = (by: Author | null) => by?.delegation ?? by?.name ?? null;

/**
 * `/documents/:id/compare?from=N&to=M|live`: two texts of a document side by
 * side in one: paragraphs added, deleted, moved and changed, inserted words
 * underlined and deleted ones struck through (the ITU MOD convention), each
 * followed by the delegation that made it; a summary; a filter by
 * delegation or stakeholder group; downloads as Word with tracked changes,
 * PDF and a web page.
 */
export function ComparePage() {
  const { t } = useTranslation();
  const id = useParams().id ?? "";
  const [params, setParams] = useSearchParams();
  const [detail] = useApi(`document:${id}`, (signal) => fetchDocument(id, signal));
  const [revisions] = useApi(`revisions:${id}`, (signal) => listRevisions(id, signal));
  const issued = revisions.state === "loaded" ? revisions.value : [];
  const from = Number(params.get("from") ?? issued[0]?.number ?? 0);
  const toParam = params.get("to") ?? "live";
  const to: number | "live" = toParam === "live" ? "live" : Number(toParam);
  const valid = from > 0 && (to === "live" || to > from);
  const [comparison] = useApi(`compare:${id}:${from}:${to}`, (signal) =>
    valid ? fetchComparison(id, from, to, signal) : Promise.resolve({ ok: false as const, status: 400, error: { error: "invalid_query", message: t("compare.pickTwo") } }));
  const [filter, setFilter] = useState("all");

  const choose = (key: "from" | "to", value: string | null) => {
    const next = new URLSearchParams(params);
    next.set(key, value ?? "");
    if (key === "from" && next.get("to") !== "live" && Number(next.get("to")) <= Number(value)) next.set("to", "live");
    setParams(next, { replace: true });
  };

  const title = detail.state === "loaded" ? detail.value.title : "";
  const shown: Comparison | null = useMemo(() => {
    if (comparison.state !== "loaded") return null;
    const all = comparison.value as Comparison;
    if (filter === "all") return all;
    const [kind, value] = filter.split(":", 2) as ["delegation" | "group", string];
    return changesBy(all, (p) => (kind === "delegation" ? (p.delegation ?? p.name) === value : p.group === value));
  }, [comparison, filter]);

  const people = useMemo(() => {
    const delegations = new Set<string>();
    const groups = new Set<string>();
    if (comparison.state === "loaded") {
      for (const block of comparison.value.blocks) {
        for (const piece of block.pieces) {
          if (piece.op === "same" || !piece.by) continue;
          delegations.add(piece.by.delegation ?? piece.by.name);
          if (piece.by.group) groups.add(piece.by.group);
        }
      }
    }
    return { delegations: [...delegations].sort(), groups: [...groups].sort() };
  }, [comparison]);

  return (
    <>
      <AppHeader />
      <main id="main" className="page compare-page">
        <Link className="back-link" href={`/documents/${encodeURIComponent(id)}`}>{t("compare.back", { title })}</Link>
        <h1 className="page-title">{t("compare.title", { title })}</h1>
        {revisions.state === "loaded" && issued.length === 0 && <p className="muted">{t("compare.noRevision")}</p>}
        {issued.length > 0 && (
          <div className="compare-page__controls">
            <SelectField label={t("compare.from")} value={String(from)}
              options={issued.map((r) => ({ id: String(r.number), label: r.name }))}
              onChange={(value) => choose("from", value)} />
            <SelectField label={t("compare.to")} value={String(to)}
              options={[...issued.filter((r) => r.number > from).map((r) => ({ id: String(r.number), label: r.name })), { id: "live", label: t("compare.live") }]}
              onChange={(value) => choose("to", value)} />
            <SelectField label={t("compare.filter")} value={filter} onChange={(value) => setFilter(value ?? "all")}
              options={[
                { id: "all", label: t("compare.everyone") },
                ...people.delegations.map((d) => ({ id: `delegation:${d}`, label: d })),
                ...people.groups.map((g) => ({ id: `group:${g}`, label: t(`groups.${g}` as "groups.governments") })),
              ]} />
          </div>
        )}
        {comparison.state === "loading" && valid && <p role="status">{t("compare.loading")}</p>}
        {comparison.state === "failed" && (
          <p className="alert" role="alert">
            {comparison.failure.status === NETWORK_FAILURE ? t("errors.network") : errorWords(t, comparison.failure.error)}
          </p>
        )}
        {shown && comparison.state === "loaded" && (
          <>
            <p className="compare-page__summary" role="status">{t("compare.summary", { ...shown.summary })}</p>
            <p className="compare-page__downloads">
              {(["docx", "pdf", "html"] as const).map((format) => (
                <a key={format} className="button" href={comparisonUrl(id, from, to, format)} download>{t(`compare.download.${format}`)}</a>
              ))}
            </p>
            <p className="muted compare-page__legend">{t("compare.legend")}</p>
            {shown.blocks.length === 0 && <p className="muted">{t("compare.nothing")}</p>}
            <ol className="compare-list" {...textLanguage(detail.state === "loaded" ? detail.value.language : undefined)}>
              {shown.blocks.map((block) => <ComparedBlock key={`${block.pid}:${block.change}`} block={block as ComparisonView["blocks"][number]} />)}
            </ol>
          </>
        )}
      </main>
    </>
  );
}

function ComparedBlock({ block }: { block: ComparisonView["blocks"][number] }) {
  const { t } = useTranslation();
  const relabelled = block.from && block.to && block.from.label !== block.to.label;
  return (
    <li className={`compare-block compare-block--${block.change} compare-block--${block.kind}`} data-pid={block.pid}>
      <span className="compare-block__label">
        {relabelled ? <><del>{block.from!.label}</del> {block.to!.label}</> : (block.to ?? block.from)?.label}
      </span>
      <span className="compare-block__text">
        {block.change !== "same" && block.change !== "changed" && <span className="compare-block__tag">{t(`compare.change.${block.change}`)} </span>}
        {block.moved && <span className="compare-block__tag">{t("compare.change.moved")} </span>}
        {block.origin && <span className="compare-block__tag">{t(`compare.origin.${block.origin.kind}`, { label: block.origin.label })} </span>}
        {block.to && block.to.status !== (block.from?.status ?? "open") && (
          <span className="compare-block__tag">{t(`compare.status.${block.to.status}`)} </span>
        )}
        {block.pieces.map((piece, i) => <ComparedPiece key={i} piece={piece} />)}
      </span>
    </li>
  );
}

function ComparedPiece({ piece }: { piece: Piece }) {
  const { t } = useTranslation();
  if (piece.op === "same") return <>{piece.text}</>;
  const who = whoOf(piece.by);
  const key = piece.moved ? (piece.op === "inserted" ? "compare.movedIn" : "compare.movedOut") : piece.op === "inserted" ? "compare.insertedBy" : "compare.deletedBy";
  const said = t(key, { who: who ?? t("compare.nobody") });
  const className = piece.moved ? "moved" : undefined;
  const words = piece.op === "inserted"
    ? <ins className={className} title={said}>{piece.text}</ins>
    : <del className={className} title={said}>{piece.text}</del>;
  return (
    <>
      <span className="visually-hidden">{`[${said}: `}</span>
      {words}
      <span className="visually-hidden">]</span>
      {who && !piece.moved && <span className="compare-by" aria-hidden="true">{who}</span>}
    </>
  );
}
