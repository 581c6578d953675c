/**
 * Paragraph labels as flattened Word documents show them: a label, a TAB,
 * the text. A label can be read several ways ("i)" is a letter or a roman
 * one; "46" is forty-six or a struck 4 glued to an inserted 6), so this file
 * lists the readings and labelSequence.ts picks one by context.
 */
import { LATIN_SUFFIXES } from "../paragraphs/numbering.js";

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
const INTEGER = /^(\d+)\.?$/;
const SUFFIXED = new RegExp(`^(\\d+)\\s+(${LATIN_SUFFIXES.join("|")})\\.?$`, "i");
const TOKEN = /\(?([a-z]+|\d+)\)/giy;
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
export function readLabel(label: string): LabelReading[] {
  if (BULLET.test(label)) return [{ scheme: "bullet", value: 0, depth: 1 }];
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
  return tokens ? readTokenList(tokens) : [];
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

/** The value of a lower-case roman numeral already checked against ROMAN. */
export function romanValue(numeral: string): number {
  const digit: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const here = digit[numeral[i]!]!;
    const next = digit[numeral[i + 1] ?? ""] ?? 0;
    total += here < next ? -here : here;
  }
  return total;
}
