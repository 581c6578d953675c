import type { LanguageConventions } from "./conventions.js";

/** The Arabic letters in the abjad order (أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ), as UN Arabic letters items: (أ) (ب) (ج) (د) (هـ) ... */
const ABJAD = [
  "أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش",
  "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
];

/** Ordinal adverbs after "مكرراً" for the third insertion on: ثانياً (the 2nd repetition), ثالثاً ... */
const ORDINALS = ["ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً"];

/** Both a masculine body (ITU: "إن مؤتمر المندوبين المفوضين") and a feminine one (UN: "إن الجمعية العامة"), each also after "و". */
const withAnd = (phrases: string[]) => phrases.flatMap((p) => [p, `و${p}`]);

const join = (label: string, sub: string | null) => (sub ? `${label} ${sub}` : label);

/**
 * Arabic, as United Nations documents in Arabic write it: numbers in Western digits ("1 -" in a
 * declaration), items (أ) (ب) (ج) in the abjad order, sub-items ’1‘ ’2‘ (digits between
 * quotation marks), "bis" as "مكرراً"; references "الفقرة 5 من المنطوق", "الفقرة (ج) من الديباجة".
 * Right to left.
 */
export const AR: LanguageConventions = {
  language: "ar",
  direction: "rtl",
  script: /\p{Script=Arabic}/u,
  spacedWords: true,
  suffixJoiner: " ",
  letters: ABJAD,
  romanNumeral: (n) => String(n),
  suffixes: ["مكرراً", ...ORDINALS.map((o) => `مكرراً ${o}`)],
  forms: {
    declaration: { number: { before: "", after: " -" }, letter: { before: "(", after: ")" }, roman: { before: "’", after: "‘" } },
    resolution: { number: { before: "", after: "" }, letter: { before: "(", after: ")" }, roman: { before: "’", after: "‘" } },
  },
  reference: (part, label, sub) =>
    part === "operative" ? `الفقرة ${join(label, sub)} من المنطوق`
      : part === "preambular" ? `الفقرة ${join(label, sub)} من الديباجة`
        : `الفقرة ${join(label, sub)}`,
  phrases: {
    preambular: withAnd([
      "إذ يشير إلى", "إذ تشير إلى", "إذ يشير", "إذ تشير", "إذ يذكر", "إذ تذكر", "إذ يضع في اعتباره", "إذ تضع في اعتبارها",
      "إذ يضع في حسبانه", "إذ تضع في حسبانها", "إذ يعترف", "إذ تعترف", "إذ يلاحظ", "إذ تلاحظ",
      "إذ يأخذ في الاعتبار", "إذ تأخذ في الاعتبار", "إذ يدرك", "إذ تدرك", "إذ يؤكد", "إذ تؤكد",
      "إذ يحيط علماً", "إذ تحيط علماً", "إذ يحيط علما", "إذ تحيط علما", "إذ يرحب", "إذ ترحب",
      "إذ يعيد تأكيد", "إذ تعيد تأكيد", "إذ يشدد", "إذ تشدد", "إذ يساوره القلق", "إذ يساورها القلق",
      "إذ يسلم", "إذ تسلم", "إذ يقر", "إذ تقر", "إذ يرى", "إذ ترى", "اقتناعاً منه", "اقتناعاً منها",
      "اقتناعا منه", "اقتناعا منها", "اعترافاً منه", "اعترافاً منها", "وقد نظر", "وقد نظرت",
    ]),
    operative: withAnd([
      "يقرر", "تقرر", "يكلف", "تكلف", "يدعو", "تدعو", "يطلب", "تطلب", "يرجو", "ترجو", "يحث", "تحث", "يهيب",
      "تهيب", "يشجع", "تشجع", "يوافق", "توافق", "يعتمد", "تعتمد", "يوصي", "توصي", "يؤيد", "تؤيد", "يرحب",
      "ترحب", "يحيط علماً", "تحيط علماً", "يحيط علما", "تحيط علما", "يعرب", "تعرب", "يعلن", "تعلن", "يؤكد",
      "تؤكد", "يعيد تأكيد", "تعيد تأكيد", "يشدد", "تشدد", "يأذن", "تأذن", "يناشد", "تناشد",
    ]),
  },
  phraseModifiers: ["أيضاً", "أيضا", "كذلك"],
  functionWords: ["في", "من", "على", "إلى", "التي", "الذي", "أن", "مع", "عن", "هذه"],
  alsoReadLetters: [],
};
