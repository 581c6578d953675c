import type * as Y from "yjs";
import type { ParagraphAttribution } from "../../schemas/api.js";
import type { DocumentLanguage, DocumentStyle, ParagraphStatus } from "../../schemas/domain.js";
import { bracketTokens, type BracketToken } from "../../shared/brackets/tokens.js";
import { readBlocks, type DocumentBlock } from "../../shared/document/yBlocks.js";
import { numberParagraphs, withoutKeptLabels, type ParagraphLabel } from "../../shared/paragraphs/numbering.js";
import { exportWordsOf } from "./exportWords.js";

/** What an export is of. */
export type ExportVariant = "agreed" | "negotiation";

/** One block of an exported document, ready for any format. */
export interface ExportBlock {
  kind: DocumentBlock["kind"];
  pid: string;
  level: number;
  status: ParagraphStatus;
  /** The margin label ("5 bis.", "(a)"), empty for blocks without one. */
  label: string;
  /** How delegates name it ("OP5 bis"), empty for blocks without one. */
  reference: string;
  /** The text as brackets, alternatives and words, balanced. In the agreed text: words only. */
  tokens: BracketToken[];
  /** Agreed text exported with open paragraphs marked: this one is not yet agreed. */
  notAgreed: boolean;
  /** Negotiation text: who proposed words in the paragraph, by share of its text. */
  proposers: { name: string; delegation: string | null }[];
  /** The block's text is written right to left (its first strong letter is Arabic, Hebrew ...). */
  rtl: boolean;
}

// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their presentation forms).
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LETTER = /[\p{L}]/u;

/** Whether a text reads right to left: its first letter of any script belongs to a right-to-left one (Unicode's first-strong rule). */
export function isRightToLeft(text: string): boolean {
  for (const char of text) {
    if (RTL_LETTER.test(char)) return true;
    if (STRONG_LETTER.test(char)) return false;
  }
  return false;
}

/** What a document prints in its header, as the secretariat describes it. */
export interface DocumentDetails {
  /** "WSIS+20/MPP/3/Rev.2", or "". */
  symbol: string;
  /** YYYY-MM-DD, or "". */
  date: string;
  /** "Geneva", or "". */
  place: string;
}

/** A document as an export renders it. */
export interface ExportDocument {
  variant: ExportVariant;
  title: string;
  /**
   * Whether the title heads the export. Not when the document's first title block stands after
   * other blocks (a cover note before a resolution): it is then exported in its place, as a block.
   */
  showTitle: boolean;
  /** The document symbol for the page header, or "". */
  symbol: string;
  /** Place and date as the document's language writes them ("Geneva, 16 December 2025"), or "". */
  dateline: string;
  style: DocumentStyle;
  language: DocumentLanguage;
  blocks: ExportBlock[];
  /** Negotiation text: brackets name who placed them ("[shall ensure - Arcadia]"). */
  compilation: boolean;
}

/** A paragraph the agreed text cannot contain yet. */
export interface OpenParagraph {
  pid: string;
  reference: string;
  status: ParagraphStatus;
}

/** What the document is, for any export. */
export interface ExportSource {
  doc: Y.Doc;
  title: string;
  style: DocumentStyle;
  language: DocumentLanguage;
  details?: DocumentDetails;
}

/** The header lines of a document: its symbol, and its place and date in its own language. */
export function headerOf(source: Pick<ExportSource, "details" | "language">): Pick<ExportDocument, "symbol" | "dateline"> {
  const details = source.details ?? { symbol: "", date: "", place: "" };
  const words = exportWordsOf(source.language);
  const date = details.date
    ? new Intl.DateTimeFormat(words.dateLocale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
      .format(new Date(`${details.date}T00:00:00Z`))
    : "";
  return { symbol: details.symbol, dateline: [details.place, date].filter(Boolean).join(words.comma) };
}

const plainTokens = (block: DocumentBlock): BracketToken[] => {
  const text = block.runs.map((r) => r.text).join("");
  return text ? [{ kind: "text", text }] : [];
};

/** The paragraphs of a document that are not agreed (open, whatever their brackets), in order, with their references now. */
export function openParagraphs(source: ExportSource): OpenParagraph[] {
  const blocks = readBlocks(source.doc);
  const labels = numberParagraphs(blocks, source.style, source.language);
  return blocks
    .filter((b) => b.kind === "paragraph" && b.status === "open")
    .map((b) => ({ pid: b.pid, reference: labels.get(b.pid)?.reference ?? "", status: b.status }));
}

/**
 * The agreed text for the High-Level Event: paragraphs marked deleted are
 * left out and every paragraph is numbered afresh in sequence (the numbers
 * a revision issued now would give: no bis, no ter); no brackets, no
 * attribution. Open paragraphs are left out unless `markOpen`, when they are
 * kept, their words without brackets, and marked as not yet agreed.
 */
export function agreedText(source: ExportSource, options: { markOpen: boolean }): ExportDocument {
  const kept = readBlocks(source.doc).filter((b) => b.kind !== "paragraph" ||
    b.status === "agreed" || (b.status === "open" && options.markOpen));
  const labels = numberParagraphs(withoutKeptLabels(kept), source.style, source.language);
  const { head, titleBlock } = documentHead(source, kept);
  return {
    variant: "agreed",
    ...head,
    compilation: false,
    blocks: kept.filter((b) => b !== titleBlock).map((b) => exportBlock(b, labels, {
      tokens: plainTokens(b),
      notAgreed: b.kind === "paragraph" && b.status === "open",
      proposers: [],
    })),
  };
}

/**
 * The negotiation text as it stands: every block, labels as they are now
 * (bis, ter), every bracket and alternative, each paragraph's status, and who
 * proposed words in it.
 */
export function negotiationText(source: ExportSource, attribution: ParagraphAttribution[], options: { compilation: boolean }): ExportDocument {
  const blocks = readBlocks(source.doc);
  const labels = numberParagraphs(blocks, source.style, source.language);
  const proposers = new Map(attribution.map((p) => [p.pid, p.contributors]));
  const { head, titleBlock } = documentHead(source, blocks);
  return {
    variant: "negotiation",
    ...head,
    compilation: options.compilation,
    blocks: blocks.filter((b) => b !== titleBlock).map((b) => exportBlock(b, labels, {
      tokens: bracketTokens(b.runs),
      notAgreed: false,
      proposers: (proposers.get(b.pid) ?? []).map((c) => ({ name: c.name, delegation: c.delegation })),
    })),
  };
}

/** A block as exports render it: what every variant shares, and what it says of the text. */
function exportBlock(
  b: DocumentBlock,
  labels: Map<string, ParagraphLabel>,
  text: Pick<ExportBlock, "tokens" | "notAgreed" | "proposers">,
): ExportBlock {
  const words = text.tokens.map((t) => (t.kind === "text" ? t.text : "")).join("");
  return {
    kind: b.kind,
    pid: b.pid,
    level: b.level ?? 1,
    status: b.status,
    label: labels.get(b.pid)?.display ?? "",
    reference: labels.get(b.pid)?.reference ?? "",
    rtl: isRightToLeft(words),
    ...text,
  };
}

/** What every export of a document starts with, and the title block it came from (then not repeated as a block). */
function documentHead(source: ExportSource, blocks: DocumentBlock[]): {
  head: Pick<ExportDocument, "title" | "showTitle" | "symbol" | "dateline" | "style" | "language">;
  titleBlock: DocumentBlock | null;
} {
  const title = titleOf(blocks, source.title);
  return {
    head: { title: title.text, showTitle: title.showTitle, ...headerOf(source), style: source.style, language: source.language },
    titleBlock: title.block,
  };
}

/**
 * The document's title as its first title block says it, else as the document is named; the
 * block it came from, which is then not repeated. Further title blocks (a resolution's subject and
 * history under its number) are exported as blocks of their own.
 */
function titleOf(blocks: DocumentBlock[], fallback: string): { text: string; block: DocumentBlock | null; showTitle: boolean } {
  const title = blocks.find((b) => b.kind === "title") ?? null;
  const text = title?.runs.map((r) => r.text).join("").trim() || fallback;
  if (title && title !== blocks[0]) return { text, block: null, showTitle: false };
  return { text, block: title, showTitle: true };
}

const HEADING_WORDS_CHARS = 60;

/**
 * Each block in order with how a reader finds it: its reference and its
 * first words ("PP (b): the resolutions of the Economic …"), since a
 * reference alone repeats across the parts of a resolution.
 */
export function blockHeadings(source: ExportSource): { pid: string; heading: string }[] {
  const blocks = readBlocks(source.doc);
  const labels = numberParagraphs(blocks, source.style, source.language);
  const named = exportWordsOf(source.language).block;
  return blocks.map((b) => {
    const text = b.runs.map((r) => r.text).join("").replace(/\s+/g, " ").trim();
    const words = text.length > HEADING_WORDS_CHARS ? `${text.slice(0, HEADING_WORDS_CHARS - 1)}…` : text;
    const reference = labels.get(b.pid)?.reference || (b.kind === "title" ? named.title : b.kind === "sectionHeading" ? named.sectionHeading : "");
    return { pid: b.pid, heading: reference && words ? `${reference}: ${words}` : reference || words };
  });
}

/** Who a bracket names in the compilation style: the delegation, else the person. */
export function placerOf(token: Extract<BracketToken, { kind: "open" | "close" }>): string {
  return token.bracket.delegation ?? token.bracket.name;
}
