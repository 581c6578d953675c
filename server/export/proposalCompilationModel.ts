import type { Author } from "../../schemas/api.js";
import type { DocumentLanguage, StakeholderGroup } from "../../schemas/domain.js";
import type { CompilationQuery, ProposalCompilation, ProposalKind, ProposalView } from "../../schemas/proposals.js";
import { compilationWordsOf, type CompilationWords } from "./compilationWords.js";
import { headerOf, isRightToLeft, type DocumentDetails } from "./exportModel.js";

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
  words: CompilationWords;
}

/** "Republic of Arcadia (Governments)"; a person without a delegation by their name. */
function proposerOf(author: Author | null, words: CompilationWords): string {
  if (!author) return words.unknownProposer;
  const who = author.delegation ?? author.name;
  return author.group ? words.proposer(who, words.groups[author.group]) : who;
}

/** The paragraph as proposed, marked the ITU way. */
function piecesOf(p: ProposalView, words: CompilationWords): Piece[] {
  switch (p.kind) {
    case "MOD":
      return (p.runs ?? []).map((r) => ({ text: r.text, mark: r.kind === "insert" ? "inserted" : r.kind === "delete" ? "deleted" : "plain" }));
    case "ADD":
      return [{ text: p.text ?? "", mark: "inserted" }];
    case "SUP":
      return [{ text: p.base, mark: "deleted" }];
    case "NOC":
      return [{ text: words.noChange, mark: "plain" }];
  }
}

function compiledProposal(p: ProposalView, words: CompilationWords): CompiledProposal {
  const pieces = piecesOf(p, words);
  const proposed = p.kind === "NOC" ? p.base : pieces.map((piece) => piece.text).join("");
  return {
    kind: p.kind,
    id: p.id,
    proposer: proposerOf(p.proposer, words),
    pieces,
    noChange: p.kind === "NOC",
    rtl: isRightToLeft(proposed),
    reasons: p.reasons,
    reasonsRtl: isRightToLeft(p.reasons),
    applied: p.status === "applied" && p.applied ? words.applied[p.applied.as] : null,
  };
}

/** The filters applied, in words: "Shown only: delegation Republic of Arcadia; kind MOD." */
function filtersOf(filters: CompilationQuery, words: CompilationWords): string {
  const parts = (["delegation", "group", "kind"] as const).flatMap((key) => {
    const value = filters[key];
    if (!value) return [];
    const shown = key === "group" && value in words.groups ? words.groups[value as StakeholderGroup] : value;
    return [`${words.filter[key]} ${shown}`];
  });
  return parts.length === 0 ? words.noFilters : words.shownOnly(parts);
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
  const words = compilationWordsOf(document.language);
  const blocks = compilation.blocks.filter((b) => b.proposals.length > 0).map((b): CompiledBlock => ({
    pid: b.pid,
    label: b.label || words.block[b.kind],
    text: b.text,
    rtl: isRightToLeft(b.text),
    proposals: b.proposals.map((p) => compiledProposal(p, words)),
    conflicts: b.conflicts.map(([a, c]) => words.conflict(a, c)),
  }));
  const orphans = compilation.orphans.map((p) => ({ ...compiledProposal(p, words), base: p.base, baseRtl: isRightToLeft(p.base) }));
  return {
    heading: words.heading,
    title: document.title,
    ...headerOf(document),
    language: document.language,
    counts: words.counts(compilation.counts),
    filters: filtersOf(filters, words),
    none: blocks.length === 0 && orphans.length === 0 ? words.none : null,
    blocks,
    orphans: orphans.length > 0 ? { heading: words.orphans, proposals: orphans } : null,
    words,
  };
}
