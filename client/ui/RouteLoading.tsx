import { useTranslation } from "react-i18next";

/** Shown while a route's code is still loading (the editor is fetched on first use). */
export function RouteLoading() {
  const { t } = useTranslation();
  return <p className="page-message" role="status">{t("app.loading")}</p>;
}
