import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import adminEn from "./admin.en.json";
import proposalsEn from "./proposals.en.json";

/** The interface languages: the six languages of the United Nations, English first (the fallback). */
export const SUPPORTED_LANGUAGES = ["en", "ar", "zh", "fr", "ru", "es"] as const;

/** One of the interface languages. */
export type InterfaceLanguage = (typeof SUPPORTED_LANGUAGES)[number];

const english = { translation: en, admin: adminEn, proposals: proposalsEn };

/** Every namespace of one language; the English files define the keys. */
export type LanguageResources = Record<keyof typeof english, object>;

/** Translations bundled with the client: English only, the fallback for a key any other language lacks. */
export const resources = { en: english } as const;

async function namespaces(
  translation: Promise<{ default: object }>,
  admin: Promise<{ default: object }>,
  proposals: Promise<{ default: object }>,
): Promise<LanguageResources> {
  const [t, a, p] = await Promise.all([translation, admin, proposals]);
  return { translation: t.default, admin: a.default, proposals: p.default };
}

// Each other language is a chunk of its own, fetched only by those who use it:
// bundled, the five would more than double the entry chunk every visitor loads.
const LOADERS: Record<Exclude<InterfaceLanguage, "en">, () => Promise<LanguageResources>> = {
  ar: () => namespaces(import("./ar.json"), import("./admin.ar.json"), import("./proposals.ar.json")),
  zh: () => namespaces(import("./zh.json"), import("./admin.zh.json"), import("./proposals.zh.json")),
  fr: () => namespaces(import("./fr.json"), import("./admin.fr.json"), import("./proposals.fr.json")),
  ru: () => namespaces(import("./ru.json"), import("./admin.ru.json"), import("./proposals.ru.json")),
  es: () => namespaces(import("./es.json"), import("./admin.es.json"), import("./proposals.es.json")),
};

// The module system caches each chunk anyway; this map only makes a loaded
// language readable synchronously, so createI18n stays synchronous.
const loaded = new Map<InterfaceLanguage, LanguageResources>([["en", english]]);

/** The interface language a tag such as "fr-CA" or "zh-Hans-CN" names, or null when it is none of the six. */
export function interfaceLanguageOf(tag: string | null | undefined): InterfaceLanguage | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return SUPPORTED_LANGUAGES.find((language) => language === primary) ?? null;
}

/** Fetches a language's resources (once); after it resolves, createI18n(language) shows that language. */
export async function loadLanguage(language: InterfaceLanguage): Promise<LanguageResources> {
  const known = loaded.get(language);
  if (known) return known;
  const fetched = await LOADERS[language as Exclude<InterfaceLanguage, "en">]();
  loaded.set(language, fetched);
  return fetched;
}

/**
 * Creates the i18next instance for the app, synchronously, with the languages
 * loaded so far. A language not loaded yet reads as English: to render in it
 * from the first paint, use initI18n (or await loadLanguage first).
 */
export function createI18n(language: string = "en"): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(loaded),
    lng: interfaceLanguageOf(language) ?? "en",
    fallbackLng: "en",
    supportedLngs: [...SUPPORTED_LANGUAGES],
    initAsync: false,
    // React escapes rendered text itself; DOM we build by hand uses textContent.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** Loads the language, then creates the instance in it: the first render is never English first. */
export async function initI18n(language: string): Promise<i18n> {
  const chosen = interfaceLanguageOf(language) ?? "en";
  await loadLanguage(chosen);
  return createI18n(chosen);
}

/** Switches a running instance to another language once its resources are in, so no text flashes English in between. */
export async function switchLanguage(instance: i18n, language: InterfaceLanguage): Promise<void> {
  const bundle = await loadLanguage(language);
  for (const [namespace, data] of Object.entries(bundle)) {
    if (!instance.hasResourceBundle(language, namespace)) instance.addResourceBundle(language, namespace, data);
  }
  await instance.changeLanguage(language);
}
