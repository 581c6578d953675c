import { LATIN_LETTERS, LATIN_SUFFIXES, roman, type LanguageConventions } from "./conventions.js";

const join = (label: string, sub: string | null) => (sub ? `${label} ${sub}` : label);

/** а б в ... я without ё, й, ъ, ы, ь: the Cyrillic letters older Russian texts label items with. */
const CYRILLIC_ITEM_LETTERS = [
  "а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л", "м", "н", "о", "п", "р", "с", "т", "у", "ф", "х",
  "ц", "ч", "ш", "щ", "э", "ю", "я",
];

/**
 * Russian, as ITU texts in Russian write it (the Constitution and Council resolutions: "учитывая,
 * a) что ...", "b) что ...", "abis)"): Latin letters a), b); sub-items i), ii); bis, ter in Latin.
 * References as United Nations Russian writes them: "п. 5 постановляющей части", "п. c) преамбулы".
 */
export const RU: LanguageConventions = {
  language: "ru",
  direction: "ltr",
  script: /\p{Script=Cyrillic}/u,
  spacedWords: true,
  suffixJoiner: " ",
  letters: LATIN_LETTERS,
  romanNumeral: roman,
  suffixes: LATIN_SUFFIXES,
  forms: {
    declaration: { number: { before: "", after: "." }, letter: { before: "", after: ")" }, roman: { before: "", after: ")" } },
    resolution: { number: { before: "", after: "" }, letter: { before: "", after: ")" }, roman: { before: "", after: ")" } },
  },
  reference: (part, label, sub) =>
    part === "operative" ? `п. ${join(label, sub)} постановляющей части`
      : part === "preambular" ? `п. ${join(label, sub)} преамбулы`
        : `п. ${join(label, sub)}`,
  phrases: {
    preambular: [
      "напоминая", "ссылаясь на", "ссылаясь", "учитывая", "принимая во внимание", "признавая", "отмечая",
      "принимая к сведению", "памятуя", "будучи убеждена", "будучи убежден", "будучи убеждены", "сознавая",
      "осознавая", "подчеркивая", "вновь подтверждая", "подтверждая", "приветствуя", "с удовлетворением отмечая",
      "с озабоченностью отмечая", "особо отмечая", "выражая", "будучи обеспокоена", "будучи глубоко обеспокоена",
      "рассмотрев", "руководствуясь", "имея в виду", "считая", "полагая", "констатируя", "желая", "исходя из",
    ],
    operative: [
      "решает", "постановляет", "поручает", "предлагает", "просит", "призывает", "настоятельно призывает",
      "рекомендует", "одобряет", "утверждает", "принимает", "поддерживает", "поощряет", "приветствует",
      "принимает к сведению", "вновь подтверждает", "подтверждает", "подчеркивает", "заявляет", "выражает",
      "уполномочивает", "соглашается", "обращается с призывом", "высоко оценивает",
    ],
  },
  phraseModifiers: ["также", "далее", "кроме того"],
  functionWords: ["и", "в", "не", "на", "что", "с", "по", "для", "из", "к", "о"],
  alsoReadLetters: [CYRILLIC_ITEM_LETTERS],
};
