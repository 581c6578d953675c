/**
 * Guesses the language of an imported draft: first by its script (Arabic,
 * Chinese and Russian each have their own), then, among the languages
 * written in the winning script, from its verb phrases (they are the most
 * telling words of a resolution), then from common function words that only
 * one of those languages uses. Scripts, phrases and function words are each
 * language's table (shared/languages/).
 */
import type { DocumentLanguage } from "../../schemas/domain.js";
import { LANGUAGE_CONVENTIONS, LANGUAGES } from "../languages/index.js";

const FUNCTION_WORDS = new Map<DocumentLanguage, ReadonlySet<string>>(
  LANGUAGES.map((l) => [l, new Set(LANGUAGE_CONVENTIONS[l].functionWords)]),
);

/** Where nothing else decides. */
const FALLBACK: DocumentLanguage = "en";

/**
 * The languages written in the script most of the text's letters are in
 * (several for the Latin script), or every language when the text has no
 * letters.
 */
function languagesOfScript(text: string): DocumentLanguage[] {
  const tally = new Map<string, number>();
  for (const char of text) {
    for (const language of LANGUAGES) {
      const script = LANGUAGE_CONVENTIONS[language].script;
      if (script.test(char)) {
        tally.set(script.source, (tally.get(script.source) ?? 0) + 1);
        break;
      }
    }
  }
  const [top] = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  if (!top) return [...LANGUAGES];
  return LANGUAGES.filter((l) => LANGUAGE_CONVENTIONS[l].script.source === top[0]);
}

/**
 * The language of a text: its script decides when only one language is
 * written in it; otherwise each verb phrase that belongs to one of the
 * script's languages only votes for it; without a clear winner, function
 * words decide. Falls back to English, or to the script's first language.
 */
export function detectLanguage(phraseLanguages: DocumentLanguage[][], text: string): DocumentLanguage {
  const candidates = languagesOfScript(text);
  if (candidates.length === 1) return candidates[0]!;
  const own = phraseLanguages.map((l) => l.filter((language) => candidates.includes(language)));
  const byPhrases = winner(count(own.filter((l) => l.length === 1).map((l) => l[0]!)));
  if (byPhrases) return byPhrases;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const votes = words.flatMap((w) => candidates.filter((l) => FUNCTION_WORDS.get(l)!.has(w)));
  return winner(count(votes)) ?? (candidates.includes(FALLBACK) ? FALLBACK : candidates[0]!);
}

function count(votes: DocumentLanguage[]): Map<DocumentLanguage, number> {
  const tally = new Map<DocumentLanguage, number>();
  for (const vote of votes) tally.set(vote, (tally.get(vote) ?? 0) + 1);
  return tally;
}

/** The language with strictly the most votes, or null on a tie or no votes. */
function winner(tally: Map<DocumentLanguage, number>): DocumentLanguage | null {
  const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] === first[1])) return null;
  return first[0];
}
