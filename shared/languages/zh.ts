import { LATIN_LETTERS, type LanguageConventions } from "./conventions.js";

const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1-99 in Chinese numerals: 一, 十, 十一, 二十一 ... */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** ㈠ ... ㈩ (U+3220-3229), as UN Chinese writes sub-items; past ten, the numeral in parentheses. */
function parenthesizedIdeograph(n: number): string {
  return n >= 1 && n <= 10 ? String.fromCodePoint(0x321f + n) : `(${chineseNumber(n)})`;
}

/** "又回顾" (recalling also), "还回顾", "进一步回顾": the same phrase, again. */
const again = (phrases: string[]) => phrases.flatMap((p) => [p, `又${p}`, `还${p}`, `进一步${p}`]);

/** "5之二" in a reference goes after 段: 第5段之二. */
function paragraph(prefix: string, label: string, sub: string | null): string {
  const at = label.indexOf("之");
  const [root, suffix] = at < 0 ? [label, ""] : [label.slice(0, at), label.slice(at)];
  return `${prefix}第${root}${sub ?? ""}段${suffix}`;
}

/**
 * Chinese, as United Nations documents in Chinese write it: 1., 2.; items (a), (b) in Latin
 * letters; sub-items ㈠ ㈡; "bis" as 之二, "ter" as 之三 (第5条之二 is article 5 bis); references
 * 执行部分第5段 (operative), 序言部分第(c)段 (preambular), 第12段.
 */
export const ZH: LanguageConventions = {
  language: "zh",
  direction: "ltr",
  script: /\p{Script=Han}/u,
  spacedWords: false,
  suffixJoiner: "",
  letters: LATIN_LETTERS,
  romanNumeral: parenthesizedIdeograph,
  suffixes: Array.from({ length: 19 }, (_, i) => `之${chineseNumber(i + 2)}`),
  forms: {
    declaration: { number: { before: "", after: "." }, letter: { before: "(", after: ")" }, roman: { before: "", after: "" } },
    resolution: { number: { before: "", after: "" }, letter: { before: "(", after: ")" }, roman: { before: "", after: "" } },
  },
  reference: (part, label, sub) =>
    paragraph(part === "operative" ? "执行部分" : part === "preambular" ? "序言部分" : "", label, sub),
  phrases: {
    preambular: again([
      "回顾", "忆及", "考虑到", "认识到", "确认", "注意到", "注意", "铭记", "强调", "重申", "欢迎", "深信",
      "意识到", "认为", "申明", "承认", "关切地注意到", "表示关切", "深为关切", "审议了", "念及", "鉴于",
      "满意地注意到", "赞赏", "决心", "希望",
    ]),
    operative: again([
      "做出决议", "作出决议", "决议", "决定", "责成", "请", "邀请", "鼓励", "敦促", "吁请", "呼吁", "要求",
      "建议", "批准", "核可", "通过", "赞同", "支持", "欢迎", "表示", "重申", "强调", "注意到", "授权",
    ]),
  },
  phraseModifiers: [],
  functionWords: ["的", "和", "在", "与", "及", "其", "是", "了"],
  alsoReadLetters: [],
};
