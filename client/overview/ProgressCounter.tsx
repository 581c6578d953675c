import type { Editor } from "@tiptap/core";
import { useTranslation } from "react-i18next";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { OverviewCounts } from "../../shared/document/overview.js";
import { useLiveOverview } from "./useLiveOverview.js";

const PARTS = ["open", "agreed", "deleted", "brackets"] as const;

/** "41 open · 12 agreed · 3 deleted · 27 brackets": how far the room has come, updated live. */
export function ProgressCounter({ counts }: { counts: OverviewCounts }) {
  const { t } = useTranslation();
  return (
    <p className="progress-counter">
      <span className="visually-hidden">{t("overview.counts")}: </span>
      {PARTS.map((part, i) => (
        <span key={part} className={`progress-counter__part progress-counter__part--${part}`} data-count={part}>
          {i > 0 && <span aria-hidden="true" className="progress-counter__sep"> · </span>}
          {t(`overview.${part}`, { count: counts[part] })}
        </span>
      ))}
    </p>
  );
}

/** The counter fed by the live document (nothing until the editor is ready). */
export function LiveProgressCounter({ editor, style, language }: {
  editor: Editor | null;
  style: DocumentStyle;
  language: DocumentLanguage;
}) {
  const overview = useLiveOverview(editor, style, language);
  return overview ? <ProgressCounter counts={overview.counts} /> : null;
}
