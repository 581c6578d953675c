import { LATIN_LETTERS, LATIN_SUFFIXES, roman, roomReferences, type LanguageConventions } from "./conventions.js";

/**
 * Spanish, as ITU and United Nations texts in Spanish write it (the ITU resolutions in
 * fixtures/): items a), b); sub-items i), ii); bis, ter in Latin. References: "párr. 12" in a
 * declaration, as the United Nations abbreviates "párrafo"; "PP a)" and "OP5" in a resolution, as
 * negotiators say them in every language of the room. References are computed, never stored.
 */
export const ES: LanguageConventions = {
  language: "es",
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
  reference: roomReferences("párr."),
  phrases: {
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
  phraseModifiers: ["además", "asimismo", "también"],
  // Words Spanish shares with French ("de", "la", "que", "en") are left out on purpose.
  functionWords: ["el", "los", "las", "del", "y", "por", "para", "con", "una", "al", "sus", "como", "sobre"],
  alsoReadLetters: [],
};
