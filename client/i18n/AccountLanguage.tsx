import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSessionContext } from "../session/SessionContext.js";
import { showLanguage } from "./language.js";

/**
 * Once signed in, the account's own choice of interface language wins over the
 * browser's and this device's; an account that never chose keeps what is shown.
 */
export function AccountLanguage(): null {
  const { state } = useSessionContext();
  const { i18n } = useTranslation();
  const chosen = state.status === "signed-in" ? state.user.locale : null;
  useEffect(() => {
    if (chosen) void showLanguage(i18n, chosen);
  }, [chosen, i18n]);
  return null;
}
