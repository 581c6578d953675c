import { useTranslation } from "react-i18next";
import { Link } from "react-aria-components";
import { useParams } from "react-router";
import type { RevisionTextView } from "../../schemas/compare.js";
import { fetchDocument } from "../api/documents.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { fetchRevisionText, listRevisions } from "../api/revisions.js";
import { useApi } from "../api/useApi.js";
import { textLanguage } from "../i18n/language.js";
import { AppHeader } from "../ui/AppHeader.js";
import "./compare.css";

/**
 * `/documents/:id/revisions/:n`: an issued revision read-only, as it was
 * issued, with the labels it had; from here to its comparison with the next
 * revision or the text now.
 */
export function RevisionPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const id = params.id ?? "";
  const number = Number(params.number);
  const [detail] = useApi(`document:${id}`, (signal) => fetchDocument(id, signal));
  const [revisions] = useApi(`revisions:${id}`, (signal) => listRevisions(id, signal));
  const [text] = useApi(`revision:${id}:${number}`, (signal) => fetchRevisionText(id, number, signal));
  const title = detail.state === "loaded" ? detail.value.title : "";
  const next = revisions.state === "loaded" ? revisions.value.find((r) => r.number > number) : undefined;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const compare = (to: number | "live") => `/documents/${encodeURIComponent(id)}/compare?from=${number}&to=${to}`;

  return (
    <>
      <AppHeader />
      <main id="main" className="page compare-page">
        <Link className="back-link" href={`/documents/${encodeURIComponent(id)}`}>{t("compare.back", { title })}</Link>
        {text.state === "loading" && <p role="status">{t("revisionView.loading")}</p>}
        {text.state === "failed" && (
          <p className="alert" role="alert">
            {text.failure.status === NETWORK_FAILURE ? t("errors.network") : errorWords(t, text.failure.error)}
          </p>
        )}
        {text.state === "loaded" && (
          <>
            <h1 className="page-title">{t("revisionView.title", { name: text.value.revision.name, title })}</h1>
            <p className="muted">{t("revisionView.issued", { when: format.format(new Date(text.value.revision.issuedAt)) })}</p>
            <p className="compare-page__downloads">
              {next && <Link className="button" href={compare(next.number)}>{t("revisionView.compareNext", { name: next.name })}</Link>}
              <Link className="button" href={compare("live")}>{t("compare.open")}</Link>
            </p>
            <RevisionText blocks={text.value.blocks} language={detail.state === "loaded" ? detail.value.language : undefined} />
          </>
        )}
      </main>
    </>
  );
}

function RevisionText({ blocks, language }: { blocks: RevisionTextView["blocks"]; language: string | undefined }) {
  const { t } = useTranslation();
  return (
    <ol className="compare-list" aria-label={t("revisionView.text")} {...textLanguage(language)}>
      {blocks.map((block) => (
        <li key={block.pid} className={`compare-block compare-block--${block.kind}`} data-pid={block.pid}>
          <span className="compare-block__label">{block.label}</span>
          <span className="compare-block__text">
            {block.text}
            {block.kind === "paragraph" && block.status !== "open" && (
              <span className="compare-block__tag"> {t(`marginStatus.${block.status}`)}</span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
