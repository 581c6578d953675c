/**
 * Recognisers for the unlabelled lines that are not plain paragraphs:
 * resolution headings, opening lines, annex headings, declaration section
 * headings, and the ITU amendment markup (ADD/MOD/SUP/NOC, Reasons) that
 * stays in the text as content but deserves a warning.
 */

// Russian, Arabic (which has no capitals) and Chinese name a resolution their own way: "РЕЗОЛЮЦИЯ 75", "القرار 75", "第75号决议".
const RESOLUTION_WORD = "(?:RESOLUCI[ÓO]N|R[ÉE]SOLUTION|DECISI[ÓO]N|D[ÉE]CISION|RECOMENDACI[ÓO]N|RECOMMENDATION" +
  "|РЕЗОЛЮЦИЯ|РЕШЕНИЕ|РЕКОМЕНДАЦИЯ|القرار|قرار|المقرر|التوصية)";
const DRAFT = "(?:(?:DRAFT|PROYECTO DE|PROJET DE|ПРОЕКТ|مشروع)\\s+)?";
const CHINESE_RESOLUTION_HEADING = /^(?:第\s*\d+\s*号(?:决议|决定|建议)|(?:决议|决定)草案)/;
// "RESOLUCIÓN 75 (Rev. ...)", "DRAFT RESOLUTION [EUR/1]", "RÉSOLUTION 1332 (MODIFIÉE 2024)".
const RESOLUTION_HEADING_UPPER = new RegExp(`^${DRAFT}${RESOLUTION_WORD}(?:\\s+\\S.*)?$`);
// Title case only when short and numbered: "Resolution 75 (Rev. Dubai, 2018)".
const RESOLUTION_HEADING_TITLE = /^(?:Draft\s+)?(?:Resoluci[óo]n|R[ée]solution)\s+[\dA-Z[]/;

const ANNEX_UPPER = /^(?:ANEXO|ANNEX|ANNEXE)\b[^\p{Ll}]*$/u;
const ANNEX_TITLE = /^(?:Anexo|Annex|Annexe)(?:\s+(?:\d+|[A-Z]|[IVX]+))?$/;

const AMENDMENT = /^(ADD|MOD|SUP|NOC)(?:\s+\S.*)?$/;
const REASONS = /^(?:Motivos?|Reasons?|Motifs?)\s*:/i;

const LETTERED_HEADING = /^(?:[A-Z]|[IVXL]+)\.\s+\p{Lu}/u;
const CLOSING_PUNCTUATION = /[.;:,。；：，،؛]$/;
/** A comma as Latin, Chinese and Arabic texts write it. */
const COMMA_END = /[,，،]$/;

function wordCount(text: string): number {
  return text.trim().split(/\s+/).length;
}

/** "RESOLUCIÓN 75 (Rev. Ginebra, 2022)" and the like: the heading line of an ITU or UN resolution. */
export function isResolutionHeading(text: string): boolean {
  if (wordCount(text) > 15) return false;
  if (RESOLUTION_HEADING_UPPER.test(text) || CHINESE_RESOLUTION_HEADING.test(text)) return true;
  return RESOLUTION_HEADING_TITLE.test(text) && wordCount(text) <= 10 && !CLOSING_PUNCTUATION.test(text);
}

/** The line naming the body ("El Consejo de la UIT,", "إن مؤتمر المندوبين المفوضين ...،"): ends with a comma. */
export function isOpeningLineText(text: string): boolean {
  return COMMA_END.test(text.trimEnd()) && wordCount(text) <= 40;
}

/** "ANEXO", "ANNEX 2", "ANNEXE A LA RÉSOLUTION 1332": the start of an annex. */
export function isAnnexHeading(text: string): boolean {
  return ANNEX_UPPER.test(text) || ANNEX_TITLE.test(text);
}

/** A short line that reads as a title (no closing punctuation): the line after an annex heading. */
export function isShortTitle(text: string): boolean {
  return wordCount(text) <= 15 && !CLOSING_PUNCTUATION.test(text);
}

/** "A. Preamble", "II. Vision": a declaration's section heading. */
export function isLetteredHeading(text: string): boolean {
  return LETTERED_HEADING.test(text) && wordCount(text) <= 12 && !CLOSING_PUNCTUATION.test(text);
}

/** "1<TAB>Introducción": a numbered heading (short, capitalised, no closing punctuation). */
export function isNumberedHeadingText(text: string): boolean {
  return /^\p{Lu}/u.test(text) && wordCount(text) <= 8 && !CLOSING_PUNCTUATION.test(text);
}

/** The amendment marker of an ITU proposal line ("MOD ATU/35A18/1"), or null. */
export function amendmentMarker(text: string): string | null {
  return AMENDMENT.exec(text)?.[1] ?? null;
}

/** A "Motivos:" / "Reasons:" / "Motifs :" line of an ITU proposal. */
export function isReasonsLine(text: string): boolean {
  return REASONS.test(text);
}

/** The warning for a line of amendment markup kept as a paragraph, or null for any other line. */
export function amendmentWarning(text: string, lineNumber: number): string | null {
  const marker = amendmentMarker(text);
  if (marker) return `line ${lineNumber}: "${text}" is an amendment marker (${marker}); kept as a paragraph.`;
  if (isReasonsLine(text)) return `line ${lineNumber}: "${text.slice(0, 40)}" gives the reasons of a proposal; kept as a paragraph.`;
  return null;
}

/** Last words after which a title line goes on ("... on the implementation of" / "the outcomes ..."). */
const CONNECTORS = new Set([
  "of", "on", "and", "for", "the", "to", "in", "at", "by", "with", "a", "an",
  "de", "del", "la", "las", "el", "los", "y", "e", "en", "sobre", "para", "por", "con", "al", "a",
  "du", "des", "le", "les", "et", "à", "au", "aux", "pour", "sur", "dans", "d'", "l'",
]);

/**
 * Whether a title line continues on the next: the next starts in lower case,
 * or this one ends with a comma or a word that cannot end a title. A line
 * ending a sentence, a resolution heading ("RESOLUTION 75 (Rev. ...)") and
 * the history line ("(Johannesburg, 2008; ...)") stand alone.
 */
export function continuesTitle(text: string, next: string): boolean {
  if (/[.;:!?)）。]$/.test(text) || next.startsWith("(") || isResolutionHeading(text) || isResolutionHeading(next)) return false;
  // "We, the Ministers," opens the text; it never ends a title.
  if (isOpeningLineText(next)) return false;
  if (/^\p{Ll}/u.test(next) || text.endsWith(",")) return true;
  // As written: "Annex A" ends with a name, "... on the" with a connector.
  return CONNECTORS.has(text.split(/\s+/).pop()!);
}
