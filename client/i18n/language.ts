import type { i18n } from "i18next";
import { interfaceLanguageOf, switchLanguage, type InterfaceLanguage } from "./index.js";

/** The six languages in the order the United Nations lists them, each named in itself. */
export const LANGUAGE_NAMES: ReadonlyArray<{ language: InterfaceLanguage; name: string }> = [
  { language: "ar", name: "العربية" },
  { language: "zh", name: "中文" },
  { language: "en", name: "English" },
  { language: "fr", name: "Français" },
  { language: "ru", name: "Русский" },
  { language: "es", name: "Español" },
];

const RIGHT_TO_LEFT = new Set<string>(["ar"]);

/** The writing direction of an interface or document language (a tag such as "ar" or "ar-EG"). */
export function directionOf(language: string): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(language.toLowerCase().split(/[-_]/)[0] ?? "") ? "rtl" : "ltr";
}

/** The first of the browser's preferred languages that is one of the six (by primary subtag), else English. */
export function browserLanguage(preferred: readonly string[]): InterfaceLanguage {
  for (const tag of preferred) {
    const language = interfaceLanguageOf(tag);
    if (language) return language;
  }
  return "en";
}

// A choice made on this device (before signing in, or by an account that then signed out) outlives
// the tab: the sign-in page shows it next time. The account's own choice is stored by the server.
const DEVICE_CHOICE_KEY = "accord.language";

function readDeviceChoice(): InterfaceLanguage | null {
  try {
    return interfaceLanguageOf(localStorage.getItem(DEVICE_CHOICE_KEY));
  } catch {
    // Storage refused (private mode, policy): the browser's preference still applies.
    return null;
  }
}

/** Remembers a language chosen on this device. */
export function rememberOnDevice(language: InterfaceLanguage): void {
  try {
    localStorage.setItem(DEVICE_CHOICE_KEY, language);
  } catch {
    // Not remembered past this page; the interface still switches.
  }
}

/** The language to start in before the account is known: this device's choice, else the browser's. */
export function startingLanguage(): InterfaceLanguage {
  return readDeviceChoice() ?? browserLanguage(navigator.languages ?? [navigator.language]);
}

/** Shows the interface in `language` (its resources fetched first); `<html lang dir>` follow through {@link reflectLanguage}. */
export function showLanguage(instance: i18n, language: InterfaceLanguage): Promise<void> {
  return instance.language === language ? Promise.resolve() : switchLanguage(instance, language);
}

/**
 * Keeps the document element's `lang` and `dir` and the window title in step
 * with the interface language, from now on; returns the function that stops it.
 */
export function reflectLanguage(
  instance: i18n,
  root: HTMLElement = document.documentElement,
  page: { title: string } = document,
): () => void {
  const apply = (language: string) => {
    root.lang = language;
    root.dir = directionOf(language);
    page.title = instance.t("app.name");
  };
  apply(instance.language);
  instance.on("languageChanged", apply);
  return () => instance.off("languageChanged", apply);
}

/** `lang` and `dir` for an element holding a document's text, in the document's language (none while it is unknown). */
export function textLanguage(language: string | undefined): { lang?: string; dir?: "ltr" | "rtl" } {
  return language ? { lang: language, dir: directionOf(language) } : {};
}
