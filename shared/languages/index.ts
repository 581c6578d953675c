/**
 * The conventions of every document language, by language: the one place
 * numbering and the import look them up.
 */
import { DocumentLanguage } from "../../schemas/domain.js";
import { AR } from "./ar.js";
import type { LanguageConventions } from "./conventions.js";
import { EN } from "./en.js";
import { ES } from "./es.js";
import { FR } from "./fr.js";
import { RU } from "./ru.js";
import { ZH } from "./zh.js";

/** Every language's table; a language without one does not compile. */
export const LANGUAGE_CONVENTIONS: Readonly<Record<DocumentLanguage, LanguageConventions>> = { ar: AR, zh: ZH, en: EN, fr: FR, ru: RU, es: ES };

/** The conventions of a document's language. */
export function conventionsOf(language: DocumentLanguage): LanguageConventions {
  return LANGUAGE_CONVENTIONS[language];
}

/** Every document language, in the UN's order (Arabic, Chinese, English, French, Russian, Spanish). */
export const LANGUAGES: readonly DocumentLanguage[] = DocumentLanguage.options;
