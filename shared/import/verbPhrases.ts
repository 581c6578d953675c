/**
 * The italic phrases that open the blocks of a resolution, per language.
 * The lists are each language's table (shared/languages/). Entries are
 * matched at the start of a line on whole words, so "recalling" also covers
 * "recalling further" and "encarga" covers "encarga al Secretario General";
 * Chinese, written without spaces, matches without a word boundary ("责成"
 * covers "责成秘书长"). Lists are not exhaustive; add phrases as drafts show
 * them.
 */
import type { DocumentLanguage } from "../../schemas/domain.js";
import { LANGUAGE_CONVENTIONS, LANGUAGES } from "../languages/index.js";

/** The part of a resolution a verb phrase opens. */
export type ResolutionPart = "preambular" | "operative";

/** One known opening phrase (lower case, as matched). */
export interface KnownPhrase {
  text: string;
  part: ResolutionPart;
  language: DocumentLanguage;
  /** The phrase ends on a word boundary (every language written with spaces between words). */
  bounded: boolean;
}

/** Every known phrase, longest first so that "taking note" wins over "taking". */
export const KNOWN_PHRASES: readonly KnownPhrase[] = LANGUAGES
  .flatMap((language) =>
    (["preambular", "operative"] as const).flatMap((part) =>
      LANGUAGE_CONVENTIONS[language].phrases[part].map((text) => ({
        text: fold(text), part, language, bounded: LANGUAGE_CONVENTIONS[language].spacedWords,
      })),
    ),
  )
  .sort((a, b) => b.text.length - a.text.length);

/** Words a phrase may carry after it ("considerando además") that still leave it a bare phrase. */
const MODIFIERS: readonly string[] = LANGUAGES.flatMap((l) => LANGUAGE_CONVENTIONS[l].phraseModifiers);
/** English sometimes puts the adverb first: "further resolves", "also recalling". */
const LEADING_ADVERB = /^(?:further|also|furthermore|moreover)\s+/;

/** Preambular phrases stand alone or nearly; operative ones may name a long addressee. */
const MAX_WORDS: Record<ResolutionPart, number> = { preambular: 12, operative: 30 };
/** The same for a language written without spaces, in characters: "进一步考虑到", "责成电信发展局主任". */
const MAX_CHARS: Record<ResolutionPart, number> = { preambular: 12, operative: 24 };

/** Ends a paragraph, never a phrase: a full stop or semicolon (Latin, Chinese, Arabic). */
const SENTENCE_END = /[.;。；؛]$/;
/** Trailing punctuation that is not part of a phrase: commas and colons (Latin, Chinese, Arabic), lost italics. */
const TRAILING = /[\s*_/,:;，：；、،؛]+$/;

/** A line read as a verb phrase: its text as the source shows it, and what it matched. */
export interface VerbPhraseMatch {
  /** The phrase without trailing punctuation, after dropping struck phrases glued before it. */
  text: string;
  part: ResolutionPart;
  /** Languages the phrase belongs to ("consciente" is Spanish and French). */
  languages: DocumentLanguage[];
  /** The struck text dropped before the phrase ("considerando" in "considerandorecordando"), if any. */
  struck?: string;
}

/** Reads a whole line (no label, no TAB) as an opening verb phrase, or returns null. */
export function matchVerbPhrase(line: string): VerbPhraseMatch | null {
  // Lost italics may leave markers (*recalling*,); trailing commas and colons are not part of the phrase.
  const source = line.replace(/^[\s*_/]+/, "").replace(TRAILING, "");
  if (source === "" || SENTENCE_END.test(line.trim())) return null;
  const folded = fold(source);
  // Cheap guard before the glue scan: long lines are paragraphs.
  if (folded.split(/\s+/).length > MAX_WORDS.operative + 1) return null;

  // Glued tracked changes: "considerandorecordando" is "considerando" struck, "recordando" inserted.
  for (let at = folded.length - 1; at > 0; at--) {
    if (!isLetter(folded[at - 1]!) || !isLetter(folded[at]!)) continue;
    const right = phraseAt(folded.slice(at));
    if (right && isStruckPhrase(folded.slice(0, at), right)) {
      const rest = matchVerbPhrase(source.slice(at));
      if (rest) return { ...rest, struck: source.slice(0, at) + (rest.struck ?? "") };
    }
  }

  const phrase = phraseAt(folded);
  if (!phrase) return null;
  const size = phrase.bounded ? folded.split(/\s+/).length : [...folded].length;
  if (size > (phrase.bounded ? MAX_WORDS : MAX_CHARS)[phrase.part]) return null;
  return { text: source, part: phrase.part, languages: languagesOf(phrase.text) };
}

/**
 * Lower case with non-breaking spaces as spaces, and Arabic alef and yeh forms as drafts type them
 * interchangeably (إلى, الى, إلي); keeps string length so offsets map back to the source.
 */
function fold(text: string): string {
  const spaced = text.replace(/[\u00A0\u202F]/g, " ").replace(/[أإآ]/g, "ا").replace(/ى/g, "ي");
  const folded = spaced.toLowerCase();
  return folded.length === text.length ? folded : spaced;
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

/** The known phrase a folded line starts with, on a word boundary. */
function phraseAt(folded: string): KnownPhrase | null {
  const text = folded.replace(LEADING_ADVERB, "");
  for (const phrase of KNOWN_PHRASES) {
    if (!text.startsWith(phrase.text)) continue;
    const after = text[phrase.text.length];
    if (!phrase.bounded || after === undefined || !isLetter(after)) return phrase;
  }
  return null;
}

/** Whether the text glued before a phrase is itself a struck phrase (possibly with its addressee). */
function isStruckPhrase(left: string, right: KnownPhrase): boolean {
  const trimmed = left.trim().replace(LEADING_ADVERB, "");
  const start = phraseAt(trimmed);
  if (start) {
    const tail = trimmed.slice(start.text.length).trim();
    if (tail === "" || MODIFIERS.includes(tail)) return true;
    // "encarga al Secretario Generalencarga a la Secretaria General": the same verb, a new addressee.
    return start.part === "operative" && start.text === right.text;
  }
  // A struck first word of a longer phrase: "tomando" of "tomando nota".
  return KNOWN_PHRASES.some((p) => p.text.startsWith(`${trimmed} `));
}

function languagesOf(text: string): DocumentLanguage[] {
  return KNOWN_PHRASES.filter((p) => p.text === text).map((p) => p.language);
}
