import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { Notice } from "./useNotices.js";

/**
 * Two live regions that are always in the page (so screen readers announce
 * what is added): polite explanations in a status region, refusals in an
 * alert region. Each notice can be dismissed.
 */
export function NoticeArea({ notices, dismiss }: { notices: Notice[]; dismiss: (id: number) => void }) {
  const { t } = useTranslation();
  const render = (kind: Notice["kind"]) =>
    notices.filter((n) => n.kind === kind).map((notice) => (
      <div key={notice.id} className={kind === "alert" ? "alert notice-item" : "notice notice-item"} data-notice={kind}>
        <p>{notice.message}</p>
        <Button className="notice-item__dismiss" aria-label={t("editor.dismiss")} onPress={() => dismiss(notice.id)}>
          ×
        </Button>
      </div>
    ));
  return (
    <div className="notice-area">
      <div role="status" aria-live="polite">{render("polite")}</div>
      <div role="alert">{render("alert")}</div>
    </div>
  );
}
