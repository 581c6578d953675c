import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Link } from "react-aria-components";
import { useNavigate } from "react-router";
import { can } from "../../shared/permissions.js";
import { logout } from "../api/auth.js";
import { useCurrentUser, useSessionContext } from "../session/SessionContext.js";
import { LanguageSwitcher } from "./LanguageSwitcher.js";
import { delegationLabel } from "./userLabels.js";

/** The bar on top of every signed-in page: the brand, page-specific content, the user, the language and "Sign out". */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const session = useSessionContext();
  const navigate = useNavigate();

  const signOut = async () => {
    // The session is gone locally whatever the server answers; a failed call only leaves a dead cookie.
    await logout();
    session.signedOut();
    navigate("/login", { replace: true });
  };

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">{t("app.skipToContent")}</a>
      <span className="brand">{t("app.name")}</span>
      <div className="app-header__page">{children}</div>
      {can(user, "accounts.manage") && (
        <Link className="button button--quiet" style={{ textDecoration: "none" }} href="/admin">{t("nav.link", { ns: "admin" })}</Link>
      )}
      <div className="app-header__user">
        <span className="visually-hidden">{t("session.signedInAs")}</span>
        <span className="user-name">{user.displayName}</span>
        <span className="user-delegation">{delegationLabel(t, user.delegation?.name ?? null, user.role)}</span>
      </div>
      <LanguageSwitcher onDark />
      <Button className="button button--quiet" onPress={signOut}>{t("session.signOut")}</Button>
    </header>
  );
}
