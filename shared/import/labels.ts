/**
 * Paragraph labels as flattened Word documents show them: a label, a TAB,
 * the text. A label can be read several ways ("i)" is a letter or a roman
 * one; "46" is forty-six or a struck 4 glued to an inserted 6), so this file
 * lists the readings and labelSequence.ts picks one by context.
 */
import { LATIN_SUFFIXES, romanValue } from "../languages/conventions.js";
import { LANGUAGE_CONVENTIONS, LANGUAGES } from "../languages/index.js";
import { chineseNumber } from "../languages/zh.js";

/** How a label counts: 1 2 3, a b c, i ii iii, or an unnumbered bullet (–). */
export type LabelScheme = "number" | "letter" | "roman" | "bullet";

/** One way to read a label. */
export interface LabelReading {
  scheme: LabelScheme;
  /** The value the label shows now: for glued tracked changes, the inserted (last) one. */
  value: number;
  /** Levels of a dotted number ("2.10.1" has 3); 1 otherwise. */
  depth: number;
  /** The struck label glued before the current one by flattened tracked changes ("4" in "46"). */
  struck?: string;
}

/** A line split into its label cell and its text. */
export interface LabelledLine {
  /** The label as the source shows it (trimmed), or null when the line has none. */
  label: string | null;
  /** The line starts with an empty label cell (a TAB and no label). */
  tabLed: boolean;
  /** The line had a TAB anywhere (a verb phrase never has one). */
  hadTab: boolean;
  /** The text without the label, inner TABs turned into spaces. */
  text: string;
}

const BULLET = /^[\u2013\u2014\u2022\u00B7\u25AA\u25E6\u2212*-]$/;
const DOTTED = /^(\d+(?:\.\d+)+)\.?$/;
// "12." in English, "12 -" in Arabic.
const INTEGER = /^(\d+)(?:\.|\s*-)?$/;
const TOKEN = /\(?([\p{L}\p{M}]+|\d+)\)/giuy;

/** Every language's insertion suffix, each with its index in the canonical (Latin) list: "مكرراً" and "之二" are bis. */
const SUFFIX_INDEX = new Map<string, number>(
  LANGUAGES.flatMap((l) => LANGUAGE_CONVENTIONS[l].suffixes.map((s, i): [string, number] => [s.toLowerCase(), i])),
);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const SUFFIXED = new RegExp(
  `^(\\d+)\\s*(${[...SUFFIX_INDEX.keys()].sort((a, b) => b.length - a.length).map(escaped).join("|")})\\.?$`, "iu",
);

/** A number with an insertion suffix in any language's words, as a canonical core: "5 مكرراً" and "5之二" are "5 bis". */
export function suffixedCore(label: string): string | null {
  const match = SUFFIXED.exec(toAsciiDigits(label.trim()));
  return match ? `${match[1]} ${LATIN_SUFFIXES[SUFFIX_INDEX.get(match[2]!.toLowerCase())!]}` : null;
}

/** Arabic-Indic and Persian digits as ASCII ones: labels are numbers whatever digits a source used. */
function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

/** Letter sequences other than the Latin one that labels are written in: the Arabic abjad, Russian а б в. */
const OTHER_LETTERS: readonly (readonly string[])[] = [...new Set(LANGUAGES.flatMap((l) => [
  LANGUAGE_CONVENTIONS[l].letters, ...LANGUAGE_CONVENTIONS[l].alsoReadLetters,
]))].filter((sequence) => sequence[0] !== "a");

/** Letters compared as drafts type them: alef with or without hamza, heh with or without its tatweel (هـ). */
const plainLetter = (letter: string) => letter.replace(/[أإآ]/g, "ا").replace(/\u0640/g, "").toLowerCase();

/** Cyrillic letters typed for the Latin ones they look like ("а)" for "a)", "с)" for "c)"). */
const LOOKALIKE: Record<string, string> = { "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x" };

/** 一 ... 九十九: the value of a Chinese numeral label ("(一)"), as UN Chinese numbers sub-items. */
const CHINESE_VALUE = new Map(Array.from({ length: 99 }, (_, i) => [chineseNumber(i + 1), i + 1] as const));
/** ㈠ ... ㈩: one character each. */
const PARENTHESIZED_IDEOGRAPH = /^[\u3220-\u3229]$/u;
/** ’1‘, ‘1’, '1': sub-items as UN Arabic numbers them. */
const QUOTED_NUMBER = /^[’‘'](\d+)[’‘']$/;
const ROMAN = /^m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

/** Splits a cleaned line at its first TAB into label and text, when what precedes the TAB is a label. */
export function splitLabel(line: string): LabelledLine {
  const tab = line.indexOf("\t");
  if (tab < 0) return { label: null, tabLed: false, hadTab: false, text: line.trim() };
  const prefix = line.slice(0, tab).trim();
  const rest = spaceTabs(line.slice(tab + 1));
  if (prefix === "") return { label: null, tabLed: true, hadTab: true, text: rest };
  if (readLabel(prefix).length > 0) return { label: prefix, tabLed: false, hadTab: true, text: rest };
  return { label: null, tabLed: false, hadTab: true, text: spaceTabs(line) };
}

function spaceTabs(text: string): string {
  return text.replace(/\t+/g, " ").trim();
}

/** Every plausible reading of a label; empty when the string is not a label at all. */
export function readLabel(written: string): LabelReading[] {
  const label = toAsciiDigits(written);
  if (BULLET.test(label)) return [{ scheme: "bullet", value: 0, depth: 1 }];
  if (PARENTHESIZED_IDEOGRAPH.test(label)) return [{ scheme: "roman", value: label.codePointAt(0)! - 0x321f, depth: 1 }];
  const quoted = QUOTED_NUMBER.exec(label);
  if (quoted) return [{ scheme: "roman", value: Number(quoted[1]), depth: 1 }];
  const dotted = DOTTED.exec(label);
  if (dotted) {
    const parts = dotted[1]!.split(".");
    return [{ scheme: "number", value: Number(parts[parts.length - 1]), depth: parts.length }];
  }
  const suffixed = SUFFIXED.exec(label);
  if (suffixed) return [{ scheme: "number", value: Number(suffixed[1]), depth: 1 }];
  const integer = INTEGER.exec(label);
  if (integer) return readDigits(integer[1]!);
  const tokens = readTokens(label);
  if (!tokens) return [];
  return tokens.every((t) => /^(?:[a-z]+|\d+)$/.test(t)) ? readTokenList(tokens) : readOtherTokens(tokens);
}

/**
 * Labels in another script: a letter of the Arabic abjad or of the Russian
 * alphabet ("(ب)", "б)"), a Cyrillic letter typed for its Latin lookalike,
 * or a Chinese numeral for a sub-item ("(二)").
 */
function readOtherTokens(tokens: string[]): LabelReading[] {
  const last = plainLetter(tokens[tokens.length - 1]!);
  const struck = tokens.length > 1 ? tokens.slice(0, -1).join("") : undefined;
  const readings: LabelReading[] = [];
  for (const sequence of OTHER_LETTERS) {
    const plain = sequence.map(plainLetter);
    if (tokens.every((t) => plain.includes(plainLetter(t)))) {
      readings.push(withStruck({ scheme: "letter", value: plain.indexOf(last) + 1, depth: 1 }, struck));
    }
  }
  const latin = tokens.map((t) => LOOKALIKE[t.toLowerCase()]);
  if (latin.every((t) => t !== undefined)) {
    readings.push(...readTokenList(latin as string[]).filter((r) => !readings.some((o) => o.scheme === r.scheme && o.value === r.value)));
  }
  if (tokens.length === 1 && CHINESE_VALUE.has(last)) readings.push({ scheme: "roman", value: CHINESE_VALUE.get(last)!, depth: 1 });
  return readings;
}

/** "46": forty-six, or 4 struck and 6 inserted (each split whose parts have no leading zero). */
function readDigits(digits: string): LabelReading[] {
  const readings: LabelReading[] = [{ scheme: "number", value: Number(digits), depth: 1 }];
  for (let at = 1; at < digits.length; at++) {
    const struck = digits.slice(0, at);
    const current = digits.slice(at);
    if (current.startsWith("0")) continue;
    readings.push({ scheme: "number", value: Number(current), depth: 1, struck });
  }
  return readings;
}

/** "a)", "(iv)", "i)ii)", "(e)(f)": the tokens, or null when the string is anything else. */
function readTokens(label: string): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN.exec(label)) !== null) {
    const whole = match[0];
    // "(a" without its ")" or "a)" with a stray "(" elsewhere is not a label.
    if (whole.startsWith("(") !== label.startsWith("(")) return null;
    tokens.push(match[1]!.toLowerCase());
    if (TOKEN.lastIndex === label.length) return tokens;
  }
  return null;
}

function readTokenList(tokens: string[]): LabelReading[] {
  const last = tokens[tokens.length - 1]!;
  const struck = tokens.length > 1 ? tokens.slice(0, -1).join("") : undefined;
  if (tokens.every((t) => /^\d+$/.test(t))) return [withStruck({ scheme: "number", value: Number(last), depth: 1 }, struck)];

  const readings: LabelReading[] = [];
  if (tokens.every((t) => t.length === 1 && /[a-z]/.test(t))) {
    readings.push(withStruck({ scheme: "letter", value: letterValue(last), depth: 1 }, struck));
  } else if (tokens.length === 1 && last.length === 2 && /^[a-z]{2}$/.test(last)) {
    // "ef)": e struck, f inserted; "aa)" is also the 27th letter label.
    if (last[0] !== last[1]) readings.push({ scheme: "letter", value: letterValue(last[1]!), depth: 1, struck: last[0]! });
    readings.push({ scheme: "letter", value: 26 * letterValue(last[0]!) + letterValue(last[1]!), depth: 1 });
  }
  if (tokens.every((t) => ROMAN.test(t))) {
    readings.push(withStruck({ scheme: "roman", value: romanValue(last), depth: 1 }, struck));
  }
  return readings;
}

function withStruck(reading: LabelReading, struck: string | undefined): LabelReading {
  return struck === undefined ? reading : { ...reading, struck };
}

function letterValue(letter: string): number {
  return letter.charCodeAt(0) - 96;
}

