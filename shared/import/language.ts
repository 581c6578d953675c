/**
 * Guesses the language of an imported draft: first from its verb phrases
 * (they are the most telling words of a resolution), then from common
 * function words that only one of the three languages uses.
 */
import type { DocumentLanguage } from "../../schemas/domain.js";

const LANGUAGES: DocumentLanguage[] = ["en", "es", "fr"];

// Words shared by Spanish and French ("de", "la", "que", "en") are left out on purpose.
const FUNCTION_WORDS: Record<DocumentLanguage, ReadonlySet<string>> = {
  en: new Set(["the", "and", "of", "to", "in", "that", "for", "with", "on", "is", "are", "its", "by", "this"]),
  es: new Set(["el", "los", "las", "del", "y", "por", "para", "con", "una", "al", "sus", "como", "sobre"]),
  fr: new Set(["le", "les", "des", "et", "du", "au", "aux", "une", "pour", "sur", "est", "dans", "par", "qui"]),
};

/**
 * The language with most votes: each verb phrase that belongs to one
 * language only votes for it; without a clear winner, function words decide.
 * Falls back to English.
 */
export function detectLanguage(phraseLanguages: DocumentLanguage[][], text: string): DocumentLanguage {
  const byPhrases = winner(count(phraseLanguages.filter((l) => l.length === 1).map((l) => l[0]!)));
  if (byPhrases) return byPhrases;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const votes = words.flatMap((w) => LANGUAGES.filter((l) => FUNCTION_WORDS[l].has(w)));
  return winner(count(votes)) ?? "en";
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
