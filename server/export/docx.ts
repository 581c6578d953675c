import {
  AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TextRun, type IParagraphOptions,
} from "docx";
import { openingText, type BracketToken } from "../../shared/brackets/tokens.js";
import type { CommentsCompilation } from "./commentsCompilation.js";
import { isRightToLeft, placerOf, type ExportBlock, type ExportDocument } from "./exportModel.js";
import { exportWordsOf } from "./exportWords.js";

/** Twentieths of a point per centimetre. */
const CM = 567;
/** Where a paragraph's text starts after its label. */
const LABEL_WIDTH = Math.round(1.25 * CM);
const SUB_INDENT = LABEL_WIDTH;

/**
 * Every look is a named style, none is direct formatting, so a reader can
 * restyle the whole document in Word: the title, the opening line, section
 * headings, verb phrases, numbered paragraphs (hanging label), sub-paragraphs,
 * the proposers' line; brackets and status tags are character styles.
 */
export const STYLES = {
  default: {
    // Latin text in Times New Roman; Chinese, Japanese and Korean in SimSun; Arabic (a complex script) in Simplified Arabic.
    document: { run: { font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun", cs: "Simplified Arabic" }, size: 24 }, paragraph: { spacing: { after: 160, line: 276 } } },
  },
  paragraphStyles: [
    { id: "AccordTitle", name: "Accord Title", basedOn: "Normal", next: "Normal", run: { bold: true, size: 28 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } } },
    { id: "AccordSubtitle", name: "Accord Subtitle", basedOn: "Normal", next: "Normal", run: { bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } } },
    { id: "AccordHeaderSymbol", name: "Accord Document Symbol", basedOn: "AccordHeader", next: "AccordHeader", run: { bold: true } },
    { id: "AccordHeader", name: "Accord Page Header", basedOn: "Normal", next: "Normal", run: { size: 18 }, paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 0 } } },
    { id: "AccordOpeningLine", name: "Accord Opening Line", basedOn: "Normal", next: "Normal", paragraph: { spacing: { before: 240, after: 240 } } },
    { id: "AccordHeading", name: "Accord Section Heading", basedOn: "Normal", next: "Normal", run: { bold: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 360, after: 240 }, keepNext: true } },
    { id: "AccordVerbPhrase", name: "Accord Verb Phrase", basedOn: "Normal", next: "Normal", run: { italics: true }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
    {
      id: "AccordParagraph", name: "Accord Numbered Paragraph", basedOn: "Normal", next: "AccordParagraph",
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { left: LABEL_WIDTH, hanging: LABEL_WIDTH }, tabStops: [{ type: TabStopType.LEFT, position: LABEL_WIDTH }] },
    },
    {
      id: "AccordSubParagraph", name: "Accord Sub-paragraph", basedOn: "AccordParagraph", next: "AccordSubParagraph",
      paragraph: { indent: { left: SUB_INDENT + LABEL_WIDTH, hanging: LABEL_WIDTH }, tabStops: [{ type: TabStopType.LEFT, position: SUB_INDENT + LABEL_WIDTH }] },
    },
    { id: "AccordProposers", name: "Accord Proposed By", basedOn: "Normal", next: "AccordParagraph", run: { italics: true, size: 20 }, paragraph: { indent: { left: LABEL_WIDTH }, spacing: { after: 200 } } },
    { id: "AccordComment", name: "Accord Comment", basedOn: "Normal", next: "AccordComment", paragraph: { indent: { left: LABEL_WIDTH } } },
    { id: "AccordQuote", name: "Accord Quote", basedOn: "Normal", next: "AccordComment", run: { italics: true }, paragraph: { indent: { left: LABEL_WIDTH } } },
  ],
  characterStyles: [
    { id: "AccordBracket", name: "Accord Bracket", basedOn: "DefaultParagraphFont", run: { bold: true } },
    { id: "AccordStatus", name: "Accord Status", basedOn: "DefaultParagraphFont", run: { bold: true } },
    { id: "AccordDeleted", name: "Accord Deleted Text", basedOn: "DefaultParagraphFont", run: { strike: true } },
  ],
};

function runs(tokens: BracketToken[], compilation: boolean, deleted: boolean, rtl: boolean): TextRun[] {
  const out: TextRun[] = [];
  const direction = rtl ? { rightToLeft: true } : {};
  for (const t of tokens) {
    if (t.kind === "text") {
      t.text.split("\n").forEach((line, i) => out.push(new TextRun({ text: line, break: i > 0 ? 1 : 0, ...direction, ...(deleted ? { style: "AccordDeleted" } : {}) })));
    } else {
      const glyph = t.kind === "open" ? openingText(t.altIndex) : compilation ? ` - ${placerOf(t)}]` : "]";
      out.push(new TextRun({ text: glyph, style: "AccordBracket", ...direction }));
    }
  }
  return out;
}

function blockParagraphs(b: ExportBlock, doc: ExportDocument): Paragraph[] {
  const deleted = doc.variant === "negotiation" && b.status === "deleted";
  const text = runs(b.tokens, doc.compilation, deleted, b.rtl);
  // Direction is the paragraph's, not a look: a right-to-left paragraph is marked so (its label then stands on the right).
  const style = (id: string): IParagraphOptions => ({ style: id, ...(b.rtl ? { bidirectional: true } : {}) });
  const words = exportWordsOf(doc.language);
  const direction = b.rtl ? { rightToLeft: true } : {};
  switch (b.kind) {
    case "title":
      return [new Paragraph({ ...style("AccordSubtitle"), children: text })];
    case "openingLine":
      return [new Paragraph({ ...style("AccordOpeningLine"), children: text })];
    case "sectionHeading":
      return [new Paragraph({ ...style("AccordHeading"), children: text })];
    case "verbPhrase":
      return text.length ? [new Paragraph({ ...style("AccordVerbPhrase"), children: text })] : [];
    case "paragraph": {
      const tags: TextRun[] = [];
      if (doc.variant === "negotiation" && b.status !== "open") tags.push(new TextRun({ text: ` ${words.status[b.status]}`, style: "AccordStatus", ...direction }));
      if (b.notAgreed) tags.push(new TextRun({ text: ` ${words.notAgreed}`, style: "AccordStatus", ...direction }));
      const paragraph = new Paragraph({
        ...style(b.level >= 2 ? "AccordSubParagraph" : "AccordParagraph"),
        children: [new TextRun({ text: b.label, ...direction }), new TextRun({ text: "\t" }), ...text, ...tags],
      });
      if (doc.variant !== "negotiation" || b.proposers.length === 0) return [paragraph];
      const names = [...new Set(b.proposers.map((p) => p.delegation ?? p.name))].join(words.comma);
      return [paragraph, new Paragraph({ ...style("AccordProposers"), children: [new TextRun({ text: `${words.proposedBy} ${names}`, ...direction })] })];
    }
  }
}

/**
 * The document as a Word file: A4, the symbol and the place and date in the
 * header of every page (the title when it has no symbol), the page number in
 * the footer, the title, then each block in its style.
 */
export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  const document = new Document({
    creator: "Accord",
    title: doc.title,
    styles: STYLES,
    sections: [{
      properties: { page: { size: { width: Math.round(21 * CM), height: Math.round(29.7 * CM) }, margin: { top: Math.round(2.5 * CM), bottom: Math.round(2.5 * CM), left: Math.round(2.2 * CM), right: Math.round(2.2 * CM) } } },
      headers: {
        default: new Header({
          children: (doc.symbol || doc.dateline ? [doc.symbol, doc.dateline].filter(Boolean) : [doc.title])
            .map((line, i) => new Paragraph({ style: i === 0 && doc.symbol ? "AccordHeaderSymbol" : "AccordHeader", children: [new TextRun(line)] })),
        }),
      },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
      children: [
        ...(doc.showTitle ? [new Paragraph({
          style: "AccordTitle", ...(isRightToLeft(doc.title) ? { bidirectional: true } : {}),
          children: [new TextRun({ text: doc.title, ...(isRightToLeft(doc.title) ? { rightToLeft: true } : {}) })],
        })] : []),
        ...doc.blocks.flatMap((b) => blockParagraphs(b, doc)),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** The comments compilation as a Word file: each paragraph's heading, then its threads. */
export async function renderCommentsDocx(compilation: CommentsCompilation): Promise<Uint8Array> {
  const children: Paragraph[] = [new Paragraph({ style: "AccordTitle", children: [new TextRun(compilation.heading)] })];
  for (const group of compilation.groups) {
    children.push(new Paragraph({ style: "AccordHeading", children: [new TextRun(group.heading)] }));
    for (const thread of group.threads) {
      if (thread.quote) children.push(new Paragraph({ style: "AccordQuote", children: [new TextRun(`“${thread.quote}”${thread.quoteNote ? ` (${thread.quoteNote})` : ""}`)] }));
      if (thread.resolved) children.push(new Paragraph({ style: "AccordComment", children: [new TextRun({ text: thread.resolved, style: "AccordStatus" })] }));
      for (const comment of thread.comments) {
        children.push(new Paragraph({
          style: "AccordComment",
          children: [new TextRun({ text: `${comment.byline}: `, style: "AccordStatus" }),
            ...comment.text.split("\n").map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }))],
        }));
      }
    }
  }
  const document = new Document({ creator: "Accord", title: compilation.heading, styles: STYLES, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
