import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import adminEn from "./admin.en.json";
import proposalsEn from "./proposals.en.json";

/** Translations bundled with the client, by language. */
export const resources = { en: { translation: en, admin: adminEn, proposals: proposalsEn } } as const;

/** Creates the i18next instance for the app (English only for now); synchronous, resources are bundled. */
export function createI18n(language = "en"): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: "en",
    initAsync: false,
    // React escapes rendered text itself; DOM we build by hand uses textContent.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
