import type { Author } from "../../schemas/api.js";
import type { DocumentLanguage, StakeholderGroup } from "../../schemas/domain.js";
import type { CompilationQuery, ProposalCompilation, ProposalKind, ProposalView } from "../../schemas/proposals.js";
import { headerOf, isRightToLeft, type DocumentDetails } from "./exportModel.js";

/**
 * Every fixed word the compilation's exports print, in one place (English
 * for now): a translation replaces this table and nothing else.
 */
export const COMPILATION_WORDS = {
  heading: "Compilation of proposals",
  counts: (counts: ProposalCompilation["counts"]) => {
    const total = counts.MOD + counts.ADD + counts.SUP + counts.NOC;
    return `${total} proposal${total === 1 ? "" : "s"}: MOD ${counts.MOD}, ADD ${counts.ADD}, SUP ${counts.SUP}, NOC ${counts.NOC}.`;
  },
  noFilters: "All submitted proposals.",
  filters: "Shown only:",
  filter: { delegation: "delegation", group: "stakeholder group", kind: "kind" } satisfies Record<keyof CompilationQuery, string>,
  none: "No proposals match.",
  reasons: "Reasons:",
  noChange: "No change",
  applied: { bracketed: "Applied, in brackets", agreed: "Applied as agreed" },
  conflict: (a: string, b: string) => `${a} and ${b} change the same words.`,
  orphans: "Proposals on paragraphs no longer in the text",
  orphanBase: "The paragraph as it was:",
  unknownProposer: "Proposer unknown",
  /** How a block without a label is named above its text. */
  block: { title: "Title", openingLine: "Opening line", sectionHeading: "Heading", verbPhrase: "Verb phrase", paragraph: "Paragraph" },
  groups: {
    governments: "Governments",
    private_sector: "Private sector",
    civil_society: "Civil society",
    academia_technical: "Academia and technical community",
    international_organizations: "International organizations",
  } satisfies Record<StakeholderGroup, string>,
} as const;

/** How a piece of proposed text is marked: as it stands, inserted (underlined) or deleted (struck through). */
export type PieceMark = "plain" | "inserted" | "deleted";

/** A run of a proposed paragraph's words with its mark. */
export interface Piece {
  text: string;
  mark: PieceMark;
}

/** One proposal as the compilation's exports print it. */
export interface CompiledProposal {
  kind: ProposalKind;
  id: string;
  /** "Republic of Arcadia (Governments)". */
  proposer: string;
  /** The paragraph as proposed: a MOD's runs, an ADD underlined, a SUP struck, a NOC's "No change". */
  pieces: Piece[];
  /** A NOC's pieces are words of the export, not of the text. */
  noChange: boolean;
  /** The proposed paragraph reads right to left. */
  rtl: boolean;
  reasons: string;
  reasonsRtl: boolean;
  /** "Applied as agreed", or null while only submitted. */
  applied: string | null;
}

/** A block of the text with the proposals on it. */
export interface CompiledBlock {
  pid: string;
  /** The margin label ("5 bis."), or what kind of block it is. */
  label: string;
  /** The block's words as they stand. */
  text: string;
  rtl: boolean;
  proposals: CompiledProposal[];
  /** "EUR/12A3/1 and ARC/2 change the same words." */
  conflicts: string[];
}

/** The compilation of proposals as the Word file, the web page and the PDF print it. */
export interface CompilationExport {
  heading: string;
  /** The document's title. */
  title: string;
  /** The document symbol for the title and the page header, or "". */
  symbol: string;
  /** Place and date ("Geneva, 16 December 2025"), or "". */
  dateline: string;
  language: string;
  counts: string;
  filters: string;
  /** Said when nothing matches. */
  none: string | null;
  /** The blocks that have proposals, in the order of the text. */
  blocks: CompiledBlock[];
  /** Proposals whose paragraph is gone, each with the paragraph as it was (printed for a NOC: the others show its words). */
  orphans: { heading: string; proposals: (CompiledProposal & { base: string; baseRtl: boolean })[] } | null;
  words: typeof COMPILATION_WORDS;
}

/** "Republic of Arcadia (Governments)"; a person without a delegation by their name. */
function proposerOf(author: Author | null): string {
  if (!author) return COMPILATION_WORDS.unknownProposer;
  const group = author.group ? ` (${COMPILATION_WORDS.groups[author.group]})` : "";
  return `${author.delegation ?? author.name}${group}`;
}

/** The paragraph as proposed, marked the ITU way. */
function piecesOf(p: ProposalView): Piece[] {
  switch (p.kind) {
    case "MOD":
      return (p.runs ?? []).map((r) => ({ text: r.text, mark: r.kind === "insert" ? "inserted" : r.kind === "delete" ? "deleted" : "plain" }));
    case "ADD":
      return [{ text: p.text ?? "", mark: "inserted" }];
    case "SUP":
      return [{ text: p.base, mark: "deleted" }];
    case "NOC":
      return [{ text: COMPILATION_WORDS.noChange, mark: "plain" }];
  }
}

function compiledProposal(p: ProposalView): CompiledProposal {
  const pieces = piecesOf(p);
  const words = p.kind === "NOC" ? p.base : pieces.map((piece) => piece.text).join("");
  return {
    kind: p.kind,
    id: p.id,
    proposer: proposerOf(p.proposer),
    pieces,
    noChange: p.kind === "NOC",
    rtl: isRightToLeft(words),
    reasons: p.reasons,
    reasonsRtl: isRightToLeft(p.reasons),
    applied: p.status === "applied" && p.applied ? COMPILATION_WORDS.applied[p.applied.as] : null,
  };
}

/** The filters applied, in words: "Shown only: delegation Republic of Arcadia; kind MOD." */
function filtersOf(filters: CompilationQuery): string {
  const parts = (["delegation", "group", "kind"] as const).flatMap((key) => {
    const value = filters[key];
    if (!value) return [];
    const shown = key === "group" && value in COMPILATION_WORDS.groups ? COMPILATION_WORDS.groups[value as StakeholderGroup] : value;
    return [`${COMPILATION_WORDS.filter[key]} ${shown}`];
  });
  return parts.length === 0 ? COMPILATION_WORDS.noFilters : `${COMPILATION_WORDS.filters} ${parts.join("; ")}.`;
}

/**
 * The compilation of proposals laid out as an ITU compilation: a heading
 * with the document's title and symbol, the counts and the filters, then
 * each block of the text that has proposals, in the order of the text, with
 * its words as they stand and each proposal's kind, id, proposer, paragraph
 * as proposed, reasons and whether it was applied; the MODs in conflict
 * named under it; proposals on paragraphs no longer in the text last.
 */
export function compilationExport(
  document: { title: string; language: DocumentLanguage; details: DocumentDetails },
  compilation: ProposalCompilation,
  filters: CompilationQuery,
): CompilationExport {
  const words = COMPILATION_WORDS;
  const blocks = compilation.blocks.filter((b) => b.proposals.length > 0).map((b): CompiledBlock => ({
    pid: b.pid,
    label: b.label || words.block[b.kind],
    text: b.text,
    rtl: isRightToLeft(b.text),
    proposals: b.proposals.map(compiledProposal),
    conflicts: b.conflicts.map(([a, c]) => words.conflict(a, c)),
  }));
  const orphans = compilation.orphans.map((p) => ({ ...compiledProposal(p), base: p.base, baseRtl: isRightToLeft(p.base) }));
  return {
    heading: words.heading,
    title: document.title,
    ...headerOf(document),
    language: document.language,
    counts: words.counts(compilation.counts),
    filters: filtersOf(filters),
    none: blocks.length === 0 && orphans.length === 0 ? words.none : null,
    blocks,
    orphans: orphans.length > 0 ? { heading: words.orphans, proposals: orphans } : null,
    words,
  };
}
