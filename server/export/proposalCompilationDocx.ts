import { AlignmentType, BorderStyle, Document, Footer, Header, Packer, PageNumber, Paragraph, Tab, TabStopType, TextRun, type IRunOptions } from "docx";
import { STYLES } from "./docx.js";
import type { CompilationExport, CompiledProposal, Piece } from "./proposalCompilationModel.js";

/** Twentieths of a point per centimetre. */
const CM = 567;
/** Where the id stands after the kind ("MOD<tab>EUR/12A3/1"), and the reasons after "Reasons:". */
const TAB = Math.round(2.5 * CM);

/**
 * The compilation's looks as named styles beside the house ones (docx.ts),
 * so the secretariat restyles the whole compilation in Word: the proposal's
 * line (kind and id), the proposer, the paragraph as proposed, the reasons,
 * the applied note, the conflict note, and the inserted and deleted words.
 * The strike and underline are also set on the runs themselves: they are
 * what a MOD says, not a look, and survive any restyling.
 */
const COMPILATION_STYLES = {
  ...STYLES,
  paragraphStyles: [
    ...STYLES.paragraphStyles,
    { id: "AccordCompilationSummary", name: "Accord Compilation Summary", basedOn: "Normal", next: "Normal", paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
    {
      id: "AccordBaseText", name: "Accord Base Text", basedOn: "AccordParagraph", next: "AccordProposal",
      paragraph: { spacing: { before: 480, after: 240 }, keepNext: true, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "999999", space: 4 } } },
    },
    {
      id: "AccordProposal", name: "Accord Proposal", basedOn: "Normal", next: "AccordProposer", run: { bold: true },
      paragraph: { spacing: { before: 240, after: 0 }, keepNext: true, tabStops: [{ type: TabStopType.LEFT, position: TAB }] },
    },
    { id: "AccordProposer", name: "Accord Proposer", basedOn: "Normal", next: "AccordProposedText", run: { italics: true, size: 20 }, paragraph: { spacing: { after: 120 }, keepNext: true } },
    { id: "AccordProposedText", name: "Accord Proposed Text", basedOn: "Normal", next: "AccordReasons", paragraph: { alignment: AlignmentType.JUSTIFIED, keepNext: true } },
    {
      id: "AccordReasons", name: "Accord Reasons", basedOn: "Normal", next: "AccordProposal", run: { size: 22 },
      paragraph: { indent: { left: TAB, hanging: TAB }, tabStops: [{ type: TabStopType.LEFT, position: TAB }] },
    },
    { id: "AccordApplied", name: "Accord Applied", basedOn: "Normal", next: "AccordProposal", run: { bold: true, italics: true, size: 20 } },
    { id: "AccordConflict", name: "Accord Conflict", basedOn: "Normal", next: "AccordBaseText", run: { bold: true, size: 20 }, paragraph: { spacing: { before: 120 } } },
  ],
  characterStyles: [
    ...STYLES.characterStyles,
    { id: "AccordProposedInsertion", name: "Accord Proposed Insertion", basedOn: "DefaultParagraphFont", run: { underline: {} } },
    { id: "AccordProposedDeletion", name: "Accord Proposed Deletion", basedOn: "DefaultParagraphFont", run: { strike: true } },
    { id: "AccordReasonsLabel", name: "Accord Reasons Label", basedOn: "DefaultParagraphFont", run: { bold: true } },
  ],
};

/** Runs of words, a line break inside kept as a break. */
function lines(text: string, options: Omit<IRunOptions, "text" | "break"> = {}): TextRun[] {
  return text.split("\n").map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

/** A real tab (`w:tab`), as ITU documents put between a proposal's kind and id. */
const tab = () => new TextRun({ children: [new Tab()] });

const MARKS = {
  plain: {},
  inserted: { underline: {}, style: "AccordProposedInsertion" },
  deleted: { strike: true, style: "AccordProposedDeletion" },
} as const;

function pieceRuns(pieces: Piece[], rtl: boolean): TextRun[] {
  return pieces.flatMap((piece) => lines(piece.text, { ...MARKS[piece.mark], ...(rtl ? { rightToLeft: true } : {}) }));
}

/** A paragraph of the text's own words: right to left when they are. */
const direction = (rtl: boolean) => (rtl ? { bidirectional: true } : {});

/** A proposal's paragraphs; `base` (an orphan's paragraph as it was) goes before the reasons. */
function proposalParagraphs(p: CompiledProposal, words: CompilationExport["words"], base: Paragraph[] = []): Paragraph[] {
  const out = [
    new Paragraph({ style: "AccordProposal", children: [new TextRun(p.kind), tab(), new TextRun(p.id)] }),
    new Paragraph({ style: "AccordProposer", children: [new TextRun(p.proposer)] }),
    new Paragraph({
      style: "AccordProposedText",
      ...direction(p.rtl && !p.noChange),
      children: p.noChange ? [new TextRun({ text: p.pieces[0]!.text, italics: true })] : pieceRuns(p.pieces, p.rtl),
    }),
    ...base,
  ];
  if (p.reasons) {
    out.push(new Paragraph({
      style: "AccordReasons",
      children: [new TextRun({ text: words.reasons, style: "AccordReasonsLabel" }), tab(), ...lines(p.reasons, p.reasonsRtl ? { rightToLeft: true } : {})],
    }));
  }
  if (p.applied) out.push(new Paragraph({ style: "AccordApplied", children: [new TextRun(p.applied)] }));
  return out;
}

/**
 * The compilation of proposals as a Word file: A4, the document's symbol and
 * place and date in the header of every page (its title when it has no
 * symbol), page numbers in the footer; the heading, the counts and filters,
 * then each block with its proposals in the ITU layout (MOD: deleted words
 * `w:strike`, inserted words `w:u`), conflicts under the block, and the
 * proposals on paragraphs no longer in the text last.
 */
export async function renderCompilationDocx(model: CompilationExport): Promise<Uint8Array> {
  const { words } = model;
  const children: Paragraph[] = [
    new Paragraph({ style: "AccordTitle", children: [new TextRun(model.heading)] }),
    new Paragraph({ style: "AccordSubtitle", children: [new TextRun(model.symbol ? `${model.title} (${model.symbol})` : model.title)] }),
    new Paragraph({ style: "AccordCompilationSummary", children: [new TextRun(model.counts)] }),
    new Paragraph({ style: "AccordCompilationSummary", children: [new TextRun(model.filters)] }),
  ];
  if (model.none) children.push(new Paragraph({ style: "AccordCompilationSummary", children: [new TextRun({ text: model.none, italics: true })] }));
  for (const block of model.blocks) {
    children.push(new Paragraph({
      style: "AccordBaseText", ...direction(block.rtl),
      children: [new TextRun(block.label), tab(), ...lines(block.text, block.rtl ? { rightToLeft: true } : {})],
    }));
    for (const p of block.proposals) children.push(...proposalParagraphs(p, words));
    for (const conflict of block.conflicts) children.push(new Paragraph({ style: "AccordConflict", children: [new TextRun(conflict)] }));
  }
  if (model.orphans) {
    children.push(new Paragraph({ style: "AccordHeading", children: [new TextRun(model.orphans.heading)] }));
    for (const p of model.orphans.proposals) {
      const base = p.base && p.kind === "NOC" ? [
        new Paragraph({ style: "AccordProposer", children: [new TextRun(words.orphanBase)] }),
        new Paragraph({ style: "AccordProposedText", ...direction(p.baseRtl), children: lines(p.base, p.baseRtl ? { rightToLeft: true } : {}) }),
      ] : [];
      children.push(...proposalParagraphs(p, words, base));
    }
  }
  const headerLines = model.symbol || model.dateline ? [model.symbol, model.dateline].filter(Boolean) : [model.title];
  const document = new Document({
    creator: "Accord",
    title: `${model.heading}: ${model.title}`,
    styles: COMPILATION_STYLES,
    sections: [{
      properties: { page: { size: { width: Math.round(21 * CM), height: Math.round(29.7 * CM) }, margin: { top: Math.round(2.5 * CM), bottom: Math.round(2.5 * CM), left: Math.round(2.2 * CM), right: Math.round(2.2 * CM) } } },
      headers: {
        default: new Header({
          children: headerLines.map((line, i) => new Paragraph({ style: i === 0 && model.symbol ? "AccordHeaderSymbol" : "AccordHeader", children: [new TextRun(line)] })),
        }),
      },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
      children,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
