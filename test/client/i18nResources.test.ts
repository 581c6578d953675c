import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createI18n, loadLanguage, SUPPORTED_LANGUAGES } from "../../client/i18n/index.js";

// Every resource file is read from disk, so a namespace added in English is
// checked in every language without this test knowing its name.
const I18N_DIR = fileURLToPath(new URL("../../client/i18n/", import.meta.url));
const TRANSLATED = SUPPORTED_LANGUAGES.filter((language) => language !== "en");
const PLURAL_SUFFIX = /^(.*)_(zero|one|two|few|many|other)$/;

/**
 * Words a translation may keep exactly as English writes them: product and
 * format names, document-symbol parts and proposal codes. A value made only
 * of these, placeholders, markup and punctuation is the same in every language.
 */
const SAME_IN_EVERY_LANGUAGE = ["Accord", "Markdown", "Word", "PDF", "HTML", "CSV", "docx", "Rev.", "MOD", "ADD", "SUP", "NOC"];

/** Whole values a language writes exactly as English does: the right word there, not a leftover. */
const SAME_WORD: Partial<Record<string, readonly string[]>> = {
  fr: ["Administration", "Action", "Actions", "Date", "Document", "Documents", "Format"],
};

const NEUTRAL_WORD = new RegExp(`(?<!\\p{L})(?:${SAME_IN_EVERY_LANGUAGE.map((w) => w.replace(/[.]/g, "\\.")).join("|")})(?!\\p{L})`, "gu");

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, into: Flat, file: string): Flat {
  if (typeof value === "string") {
    into.set(prefix, value);
    return into;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${file}: ${prefix} is neither a string nor an object`);
  }
  for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into, file);
  return into;
}

function readFlat(file: string): Flat {
  return flatten(JSON.parse(readFileSync(I18N_DIR + file, "utf8")), "", new Map(), file);
}

/** Namespace name and file name prefix of every English resource file: en.json is "translation". */
function namespaces(): { namespace: string; prefix: string }[] {
  return readdirSync(I18N_DIR)
    .map((file) => /^(?:([\w-]+)\.)?en\.json$/.exec(file))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ namespace: match[1] ?? "translation", prefix: match[1] ? `${match[1]}.` : "" }));
}

function variables(value: string): string[] {
  return [...value.matchAll(/{{\s*([^\s,}]+)[^}]*}}/g)].map((m) => m[1] ?? "").sort();
}

function tags(value: string): string[] {
  return [...value.matchAll(/<\/?([A-Za-z][\w-]*)[^>]*>/g)].map((m) => m[0].replace(/\s.*?(\/?>)$/, "$1")).sort();
}

/** True when nothing of the value is English words: only placeholders, markup, allowed names and punctuation. */
function isLanguageNeutral(value: string): boolean {
  const rest = value.replace(/{{[^}]*}}/g, " ").replace(/<[^>]*>/g, " ").replace(NEUTRAL_WORD, " ");
  return !/\p{L}/u.test(rest);
}

/** The keys a language must have: English's, with each plural base in the language's own categories. */
function expectedKeys(english: Flat, language: string): Map<string, string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const expected = new Map<string, string>();
  for (const key of english.keys()) {
    const base = PLURAL_SUFFIX.exec(key)?.[1];
    if (base !== undefined && english.has(`${base}_other`)) {
      for (const category of categories) expected.set(`${base}_${category}`, base);
    } else {
      expected.set(key, key);
    }
  }
  return expected;
}

/** Every way one language's file of one namespace differs from the English one, one line each. */
function problemsOf(language: string, namespace: string, prefix: string): string[] {
  const file = `${prefix}${language}.json`;
  try {
    return compare(language, namespace, readFlat(`${prefix}en.json`), readFlat(file));
  } catch (error) {
    return [`${language}/${namespace}: cannot read ${file}: ${(error as Error).message}`];
  }
}

/** Differences between a translation and English, each naming language, namespace and key. */
function compare(language: string, namespace: string, english: Flat, translated: Flat): string[] {
  const where = `${language}/${namespace}`;
  const expected = expectedKeys(english, language);
  const problems: string[] = [];
  for (const key of expected.keys()) if (!translated.has(key)) problems.push(`${where}: missing key ${key}`);
  for (const [key, value] of translated) {
    const base = expected.get(key);
    if (base === undefined) {
      problems.push(`${where}: key ${key} is not in English${PLURAL_SUFFIX.test(key) ? " (or is not a plural category of this language)" : ""}`);
      continue;
    }
    if (value.trim() === "") {
      problems.push(`${where}: ${key} is empty`);
      continue;
    }
    const isPlural = base !== key;
    // The English forms this value translates: the key itself, or every form of its plural.
    const sources = isPlural ? [...english].filter(([k]) => PLURAL_SUFFIX.exec(k)?.[1] === base).map(([, v]) => v) : [english.get(key) ?? ""];
    const englishVariables = [...new Set(sources.flatMap(variables))].sort();
    const own = [...new Set(variables(value))].sort();
    // A plural form for one number only (Arabic's zero, one and two) may spell the number out instead of {{count}}.
    const required = isPlural && isExactNumber(language, key) ? englishVariables.filter((v) => v !== "count") : englishVariables;
    if (required.some((v) => !own.includes(v)) || own.some((v) => !englishVariables.includes(v))) {
      problems.push(`${where}: ${key} has {{${own.join("}}, {{")}}} but English has {{${englishVariables.join("}}, {{")}}}`);
    }
    if (JSON.stringify(tags(value)) !== JSON.stringify(tags(sources[0] ?? ""))) {
      problems.push(`${where}: ${key} has markup ${tags(value).join(" ") || "none"} but English has ${tags(sources[0] ?? "").join(" ") || "none"}`);
    }
    const sameWord = SAME_WORD[language]?.includes(value) ?? false;
    if (sources.includes(value) && !isLanguageNeutral(value) && !sameWord) {
      problems.push(`${where}: ${key} is still English: "${value}"`);
    }
  }
  return problems;
}

/** Whether a plural category of the language holds one number only (Arabic zero, one, two), so the number may be a word. */
function isExactNumber(language: string, key: string): boolean {
  const category = key.slice(key.lastIndexOf("_") + 1);
  const rules = new Intl.PluralRules(language);
  let members = 0;
  for (let n = 0; n <= 1000; n += 1) if (rules.select(n) === category) members += 1;
  return members === 1;
}

describe("interface translations", () => {
  it("offers exactly the six languages of the United Nations, English first as the fallback", () => {
    expect([...SUPPORTED_LANGUAGES]).toEqual(["en", "ar", "zh", "fr", "ru", "es"]);
  });

  for (const { namespace, prefix } of namespaces()) {
    for (const language of TRANSLATED) {
      it(`${language}/${namespace} has every English key, translated, with the same placeholders and markup`, () => {
        expect(problemsOf(language, namespace, prefix)).toEqual([]);
      });
    }
  }

  it("names the language, namespace and key of what is missing, extra or untranslated", () => {
    const english = new Map([["title", "Proposals"], ["n_one", "{{count}} proposal"], ["n_other", "{{count}} proposals"], ["pdf", "PDF"]]);
    const arabic = new Map([["title", "Proposals"], ["n_one", "اقتراح واحد"], ["n_two", "اقتراحان"], ["n_few", "{{count}} اقتراحات"], ["n_many", "{{count}} اقتراحا"], ["n_other", "{{n}} اقتراح"], ["pdf", "PDF"], ["n_zero", ""]]);
    expect(compare("ar", "proposals", english, arabic).sort()).toEqual([
      "ar/proposals: n_other has {{n}} but English has {{count}}",
      "ar/proposals: n_zero is empty",
      "ar/proposals: title is still English: \"Proposals\"",
    ]);
    arabic.delete("n_few");
    arabic.set("n_seven", "x");
    expect(compare("ar", "proposals", english, arabic)).toContain("ar/proposals: missing key n_few");
    expect(compare("ar", "proposals", english, arabic)).toContain("ar/proposals: key n_seven is not in English");
    expect(compare("zh", "proposals", english, new Map([["title", "提案"], ["n_one", "{{count}} 项"], ["n_other", "{{count}} 项"], ["pdf", "PDF"]])))
      .toEqual(["zh/proposals: key n_one is not in English (or is not a plural category of this language)"]);
  });

  it("lets a value stay English only when it is made of product names, codes and placeholders", () => {
    const english = new Map([["format", "Word (.docx)"], ["symbol", "Rev.{{number}} {{name}}"], ["words", "Words"], ["export", "Export"]]);
    expect(compare("es", "translation", english, english)).toEqual([
      "es/translation: words is still English: \"Words\"",
      "es/translation: export is still English: \"Export\"",
    ]);
  });

  it("loads every namespace of every language, as its file on disk reads", async () => {
    for (const language of TRANSLATED) {
      const loaded = await loadLanguage(language);
      for (const { namespace, prefix } of namespaces()) {
        expect(loaded[namespace as keyof typeof loaded], `${language}/${namespace}`).toEqual(JSON.parse(readFileSync(`${I18N_DIR}${prefix}${language}.json`, "utf8")));
      }
    }
  });

  it("words plurals by the language's own rules once the language is loaded", async () => {
    for (const language of TRANSLATED) await loadLanguage(language);
    const arabic = createI18n("ar");
    const arabicFile = readFlat("ar.json");
    expect(arabic.t("presence.count", { count: 2 })).toBe(arabicFile.get("presence.count_two"));
    expect(arabic.t("presence.count", { count: 11 })).toBe(arabicFile.get("presence.count_many")?.replace("{{count}}", "11"));
    const russian = createI18n("ru");
    const russianFile = readFlat("ru.json");
    expect(russian.t("presence.count", { count: 3 })).toBe(russianFile.get("presence.count_few")?.replace("{{count}}", "3"));
    expect(russian.t("presence.count", { count: 5 })).toBe(russianFile.get("presence.count_many")?.replace("{{count}}", "5"));
  });
});
