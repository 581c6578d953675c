import { LATIN_LETTERS, LATIN_SUFFIXES, roman, roomReferences, type LanguageConventions } from "./conventions.js";

/**
 * English, as United Nations documents write it (UN Editorial Manual): operative paragraphs
 * 1, 2 ...; sub-paragraphs (a), (b); under them (i), (ii). References as delegates say them
 * aloud in the room: "OP5 bis", "PP (c)", "para 12".
 */
export const EN: LanguageConventions = {
  language: "en",
  direction: "ltr",
  script: /\p{Script=Latin}/u,
  spacedWords: true,
  suffixJoiner: " ",
  letters: LATIN_LETTERS,
  romanNumeral: roman,
  suffixes: LATIN_SUFFIXES,
  forms: {
    declaration: { number: { before: "", after: "." }, letter: { before: "(", after: ")" }, roman: { before: "(", after: ")" } },
    resolution: { number: { before: "", after: "" }, letter: { before: "(", after: ")" }, roman: { before: "(", after: ")" } },
  },
  reference: roomReferences("para"),
  phrases: {
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
  phraseModifiers: ["further", "also"],
  functionWords: ["the", "and", "of", "to", "in", "that", "for", "with", "on", "is", "are", "its", "by", "this"],
  alsoReadLetters: [],
};
