import { LATIN_LETTERS, LATIN_SUFFIXES, roman, roomReferences, type LanguageConventions } from "./conventions.js";

/**
 * French, as United Nations and ITU texts in French write it: items a), b); sub-items i), ii);
 * bis, ter in Latin. References: "par. 12" in a declaration, as the United Nations abbreviates
 * "paragraphe"; "PP a)" and "OP5" in a resolution, as in every language of the room.
 */
export const FR: LanguageConventions = {
  language: "fr",
  direction: "ltr",
  script: /\p{Script=Latin}/u,
  spacedWords: true,
  suffixJoiner: " ",
  letters: LATIN_LETTERS,
  romanNumeral: roman,
  suffixes: LATIN_SUFFIXES,
  forms: {
    declaration: { number: { before: "", after: "." }, letter: { before: "", after: ")" }, roman: { before: "", after: ")" } },
    resolution: { number: { before: "", after: "" }, letter: { before: "", after: ")" }, roman: { before: "", after: ")" } },
  },
  reference: roomReferences("par."),
  phrases: {
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
  phraseModifiers: ["en outre", "également", "aussi"],
  functionWords: ["le", "les", "des", "et", "du", "au", "aux", "une", "pour", "sur", "est", "dans", "par", "qui"],
  alsoReadLetters: [],
};
