import { describe, expect, it } from "vitest";
import { createI18n } from "../../client/i18n/index.js";
import { browserLanguage, directionOf, LANGUAGE_NAMES, reflectLanguage, showLanguage, textLanguage } from "../../client/i18n/language.js";

describe("the interface language", () => {
  it("starts in the first of the browser's languages that is one of the six, by primary subtag, else English", () => {
    expect(browserLanguage(["de-CH", "fr-CA", "ar"])).toBe("fr");
    expect(browserLanguage(["zh-Hant-TW", "en"])).toBe("zh");
    expect(browserLanguage(["es_419"])).toBe("es");
    expect(browserLanguage(["pt-BR", "de"])).toBe("en");
    expect(browserLanguage([])).toBe("en");
  });

  it("runs right to left for Arabic only, whatever the region", () => {
    expect(["ar", "ar-EG", "AR"].map(directionOf)).toEqual(["rtl", "rtl", "rtl"]);
    expect(["zh", "en", "fr", "ru", "es"].map(directionOf)).toEqual(["ltr", "ltr", "ltr", "ltr", "ltr"]);
    expect(textLanguage("ar")).toEqual({ lang: "ar", dir: "rtl" });
    expect(textLanguage(undefined)).toEqual({});
  });

  it("names each of the six languages in itself, in the United Nations' order", () => {
    expect(LANGUAGE_NAMES.map((l) => `${l.language} ${l.name}`)).toEqual(
      ["ar العربية", "zh 中文", "en English", "fr Français", "ru Русский", "es Español"]);
  });

  it("keeps lang and dir of the page's root in step with the language it switches to", async () => {
    const i18n = createI18n("en");
    const root = { lang: "", dir: "" } as HTMLElement;
    const stop = reflectLanguage(i18n, root, { title: "" });
    expect([root.lang, root.dir]).toEqual(["en", "ltr"]);
    await showLanguage(i18n, "ar");
    expect([root.lang, root.dir]).toEqual(["ar", "rtl"]);
    await showLanguage(i18n, "ru");
    expect([root.lang, root.dir]).toEqual(["ru", "ltr"]);
    stop();
    await showLanguage(i18n, "ar");
    expect(root.lang).toBe("ru");
  });
});
