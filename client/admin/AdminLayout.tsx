import { useTranslation } from "react-i18next";
import { Link, Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { Outlet, useLocation } from "react-router";
import { can } from "../../shared/permissions.js";
import { useCurrentUser } from "../session/SessionContext.js";
import { AppHeader } from "../ui/AppHeader.js";
import { NotAllowedPage } from "./NotAllowedPage.js";
import "./admin.css";

const SECTIONS = ["delegations", "people", "documents", "audit"] as const;

/** `/admin/*`: the secretariat's area, one tab per section; anyone else sees why they cannot enter. */
export function AdminLayout() {
  const { t } = useTranslation("admin");
  const user = useCurrentUser();
  const { pathname } = useLocation();
  if (!can(user, "accounts.manage")) return <NotAllowedPage />;
  const section = SECTIONS.find((s) => pathname.startsWith(`/admin/${s}`)) ?? "delegations";

  return (
    <>
      <AppHeader />
      <main id="main" className="page page--wide">
        <Link className="back-link" href="/">{t("nav.documents")}</Link>
        <h1 className="page-title">{t("title")}</h1>
        <Tabs className="admin-tabs" selectedKey={section}>
          <TabList className="admin-tabs__list" aria-label={t("nav.sections")}>
            {SECTIONS.map((s) => (
              <Tab key={s} id={s} href={`/admin/${s}`} className="admin-tabs__tab">{t(`sections.${s}`)}</Tab>
            ))}
          </TabList>
          <TabPanel id={section} className="admin-tabs__panel">
            <Outlet />
          </TabPanel>
        </Tabs>
      </main>
    </>
  );
}
