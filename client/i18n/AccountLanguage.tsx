import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSessionContext } from "../session/SessionContext.js";
import type { InterfaceLanguage } from "./index.js";
import { showLanguage } from "./language.js";

/** Shows the interface in an account's chosen language whenever there is one; null leaves the language as it is. */
export function useAccountLanguage(chosen: InterfaceLanguage | null): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (chosen) void showLanguage(i18n, chosen);
  }, [chosen, i18n]);
}

/**
 * Once signed in, the account's own choice of interface language wins over the
 * browser's and this device's; an account that never chose keeps what is shown.
 */
export function AccountLanguage(): null {
  const { state } = useSessionContext();
  useAccountLanguage(state.status === "signed-in" ? state.user.locale : null);
  return null;
}
