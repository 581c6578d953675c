import { useTranslation } from "react-i18next";
import { Link } from "react-aria-components";
import { AppHeader } from "../ui/AppHeader.js";

/** Shown to a signed-in user who reaches the administration area without the secretariat role. */
export function NotAllowedPage() {
  const { t } = useTranslation("admin");
  return (
    <>
      <AppHeader />
      <main id="main" className="page">
        <h1 className="page-title">{t("notAllowed.title")}</h1>
        <p>{t("notAllowed.detail")}</p>
        <p>
          <Link className="back-link" href="/">{t("nav.documents")}</Link>
        </p>
      </main>
    </>
  );
}
