import type { DocumentLanguage, DocumentStyle, ParagraphStatus } from "../../schemas/domain.js";
import { bracketedText, listBrackets } from "../brackets/tokens.js";
import { numberParagraphs } from "../paragraphs/numbering.js";
import type { DocumentBlock } from "./yBlocks.js";

/** One paragraph in the overview. */
export interface OverviewParagraph {
  pid: string;
  /** Label as shown in the margin ("5 bis", "(c)"). */
  label: string;
  /** How delegates say it ("OP5 bis"). */
  reference: string;
  status: ParagraphStatus;
  level: number;
  brackets: number;
  /** The paragraph's text with brackets written in, shortened. */
  excerpt: string;
}

/** Progress of a document: paragraphs per status and brackets still open. */
export interface OverviewCounts {
  open: number;
  agreed: number;
  deleted: number;
  brackets: number;
}

/** The document overview: counts and the list of paragraphs with labels and state. */
export interface Overview {
  counts: OverviewCounts;
  paragraphs: OverviewParagraph[];
}

const EXCERPT_CHARS = 160;

/** Computes the overview of a document from its blocks. */
export function computeOverview(blocks: DocumentBlock[], style: DocumentStyle, language: DocumentLanguage): Overview {
  const labels = numberParagraphs(blocks, style, language);
  const counts: OverviewCounts = { open: 0, agreed: 0, deleted: 0, brackets: 0 };
  const paragraphs: OverviewParagraph[] = [];
  for (const block of blocks) {
    if (block.kind !== "paragraph") continue;
    const label = labels.get(block.pid);
    const brackets = listBrackets(block.runs).length;
    counts[block.status] += 1;
    counts.brackets += brackets;
    const text = bracketedText(block.runs);
    paragraphs.push({
      pid: block.pid,
      label: label?.display ?? "",
      reference: label?.reference ?? "",
      status: block.status,
      level: block.level ?? 1,
      brackets,
      excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text,
    });
  }
  return { counts, paragraphs };
}
