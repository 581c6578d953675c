/**
 * The italic phrases that open the blocks of a resolution, per language.
 * Entries are matched at the start of a line on whole words, so "recalling"
 * also covers "recalling further" and "encarga" covers "encarga al
 * Secretario General". Lists are not exhaustive; add phrases as drafts show
 * them.
 */
import type { DocumentLanguage } from "../../schemas/domain.js";

/** The part of a resolution a verb phrase opens. */
export type ResolutionPart = "preambular" | "operative";

/** One known opening phrase (lower case, as matched). */
export interface KnownPhrase {
  text: string;
  part: ResolutionPart;
  language: DocumentLanguage;
}

const LISTS: Record<DocumentLanguage, Record<ResolutionPart, string[]>> = {
  en: {
    preambular: [
      "recalling", "considering", "having considered", "recognizing", "recognising", "noting", "taking note",
      "taking into account", "taking into consideration", "bearing in mind", "keeping in mind", "aware",
      "being aware", "fully aware", "convinced", "emphasizing", "emphasising", "welcoming", "reaffirming",
      "reiterating", "acknowledging", "mindful", "having regard", "observing", "stressing", "underlining",
      "highlighting", "concerned", "deeply concerned", "expressing", "affirming", "guided by", "having examined",
      "having noted", "alarmed", "believing", "desiring", "appreciating", "cognizant", "conscious", "encouraged",
      "determined", "in view of", "referring", "pointing out",
    ],
    operative: [
      "resolves", "decides", "instructs", "invites", "requests", "encourages", "calls upon", "calls on", "urges",
      "endorses", "approves", "recommends", "adopts", "authorizes", "authorises", "charges", "asks", "appeals",
      "agrees", "accepts", "directs", "supports", "commends", "declares", "confirms", "establishes", "designates",
      "reaffirms", "welcomes", "takes note", "expresses", "emphasizes", "emphasises", "stresses", "underlines",
    ],
  },
  es: {
    preambular: [
      "recordando", "considerando", "reconociendo", "observando", "tomando nota", "tomando en consideración",
      "tomando en cuenta", "teniendo en cuenta", "teniendo presente", "consciente", "conscientes", "convencido",
      "convencida", "convencidos", "convencidas", "destacando", "subrayando", "reafirmando", "reiterando",
      "acogiendo con satisfacción", "acogiendo con beneplácito", "acogiendo", "celebrando", "habida cuenta",
      "preocupado", "preocupada", "profundamente preocupado", "profundamente preocupada", "señalando",
      "poniendo de relieve", "afirmando", "expresando", "advirtiendo", "visto", "vistos", "habiendo examinado",
      "habiendo considerado", "deseoso", "deseosa", "haciendo notar", "recalcando", "apreciando", "guiado",
      "guiada", "en vista de", "refiriéndose",
    ],
    operative: [
      "resuelve", "decide", "encarga", "encomienda", "invita", "pide", "solicita", "alienta", "anima", "insta",
      "exhorta", "acuerda", "aprueba", "hace suyo", "hace suya", "respalda", "recomienda", "adopta", "autoriza",
      "ruega", "hace un llamamiento", "reafirma", "acoge con satisfacción", "toma nota", "expresa",
      "subraya", "destaca", "declara", "confirma", "apoya",
    ],
  },
  fr: {
    preambular: [
      "rappelant", "considérant", "reconnaissant", "notant", "prenant note", "tenant compte",
      "prenant en considération", "consciente", "conscient", "conscients", "conscientes", "convaincue",
      "convaincu", "convaincus", "convaincues", "soulignant", "réaffirmant", "réitérant", "se félicitant",
      "accueillant avec satisfaction", "ayant à l'esprit", "gardant à l'esprit", "observant", "constatant",
      "ayant examiné", "ayant pris note", "vu", "préoccupée", "préoccupé", "profondément préoccupée",
      "profondément préoccupé", "sachant", "affirmant", "insistant", "estimant", "compte tenu", "eu égard",
      "mettant l'accent", "mettant en évidence", "appréciant", "désireuse", "désireux", "exprimant", "relevant",
    ],
    operative: [
      "décide", "charge", "invite", "demande", "encourage", "prie", "recommande", "approuve", "exhorte", "engage",
      "appelle", "adopte", "autorise", "souscrit", "entérine", "fait sienne", "fait siens", "lance un appel",
      "souligne", "réaffirme", "se félicite", "prend note", "exprime", "déclare", "confirme", "soutient",
      "accueille avec satisfaction",
    ],
  },
};

/** Every known phrase, longest first so that "taking note" wins over "taking". */
export const KNOWN_PHRASES: readonly KnownPhrase[] = (Object.keys(LISTS) as DocumentLanguage[])
  .flatMap((language) =>
    (["preambular", "operative"] as const).flatMap((part) =>
      LISTS[language][part].map((text) => ({ text, part, language })),
    ),
  )
  .sort((a, b) => b.text.length - a.text.length);

/** Words a phrase may carry after it ("considerando además") that still leave it a bare phrase. */
const MODIFIERS = ["further", "also", "además", "asimismo", "también", "en outre", "également", "aussi"];
/** English sometimes puts the adverb first: "further resolves", "also recalling". */
const LEADING_ADVERB = /^(?:further|also|furthermore|moreover)\s+/;

/** Preambular phrases stand alone or nearly; operative ones may name a long addressee. */
const MAX_WORDS: Record<ResolutionPart, number> = { preambular: 12, operative: 30 };

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
  const source = line.replace(/^[\s*_/]+/, "").replace(/[\s*_/,:;]+$/, "");
  if (source === "" || /[.;]$/.test(line.trim())) return null;
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
  const words = folded.split(/\s+/).length;
  if (words > MAX_WORDS[phrase.part]) return null;
  return { text: source, part: phrase.part, languages: languagesOf(phrase.text) };
}

/** Lower case with non-breaking spaces as spaces; keeps string length so offsets map back to the source. */
function fold(text: string): string {
  const folded = text.replace(/[\u00A0\u202F]/g, " ").toLowerCase();
  return folded.length === text.length ? folded : text.replace(/[\u00A0\u202F]/g, " ");
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
    if (after === undefined || !isLetter(after)) return phrase;
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
