import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { Button } from "react-aria-components";
import { useSessionContext } from "./SessionContext.js";

/** Where the login page should return to, carried in the navigation state. */
export interface ReturnTo {
  from?: string;
  expired?: boolean;
}

/** Layout route: renders its children for a signed-in user, otherwise sends them to /login. */
export function RequireSession() {
  const { state, revalidate } = useSessionContext();
  const location = useLocation();
  const { t } = useTranslation();
  switch (state.status) {
    case "checking":
      return <p className="page-message" role="status">{t("app.loading")}</p>;
    case "unreachable":
      return (
        <div className="page-message" role="alert">
          <p>{t("errors.network")}</p>
          <Button className="button" onPress={() => revalidate(true)}>{t("errors.retry")}</Button>
        </div>
      );
    case "signed-out": {
      const returnTo: ReturnTo = { from: location.pathname + location.search, expired: state.expired };
      return <Navigate to="/login" replace state={returnTo} />;
    }
    case "signed-in":
      return <Outlet />;
  }
}
