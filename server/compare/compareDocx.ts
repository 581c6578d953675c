import { AlignmentType, DeletedTextRun, Document, Footer, InsertedTextRun, Packer, PageNumber, Paragraph, TextRun, type ParagraphChild } from "docx";
import type { Author } from "../../schemas/api.js";
import type { ComparisonView } from "../../schemas/compare.js";
import type { DocumentLanguage } from "../../schemas/domain.js";
import { STYLES } from "../export/docx.js";
import { exportWordsOf } from "../export/exportWords.js";

/** Twentieths of a point per centimetre. */
const CM = 567;

/** How Word's Review pane names who made a change: the delegation, else the person, else the platform. */
function authorName(by: Author | null): string {
  return by?.delegation ?? by?.name ?? "Accord";
}

const STYLE_OF: Record<string, string> = {
  title: "AccordSubtitle",
  openingLine: "AccordOpeningLine",
  sectionHeading: "AccordHeading",
  verbPhrase: "AccordVerbPhrase",
};

/**
 * A comparison as a Word file with real tracked changes: every inserted
 * word a `w:ins` and every deleted word a `w:del`, its author the
 * delegation that made it, so Word's Review pane accepts or rejects them one
 * by one. Accepting every change gives the later text (labels as it numbers
 * them); rejecting every change gives the earlier words. Dated when the
 * later revision was issued, or `now` for the live text.
 */
export async function renderComparisonDocx(view: ComparisonView, title: string, now: Date, language: DocumentLanguage): Promise<Uint8Array> {
  const words = exportWordsOf(language);
  const date = (view.to ? new Date(view.to.issuedAt) : now).toISOString().replace(/\.\d{3}Z$/, "Z");
  let id = 0;
  // One tracked run per line of the change (a line break inside it is kept); each revision mark has its own id.
  const change = (op: "inserted" | "deleted", text: string, by: Author | null): ParagraphChild[] =>
    text.split("\n").map((line, i) => {
      const options = { id: ++id, author: authorName(by), date, text: line, ...(i > 0 ? { break: 1 } : {}) };
      return op === "inserted" ? new InsertedTextRun(options) : new DeletedTextRun(options);
    });
  const children: Paragraph[] = [
    new Paragraph({ style: "AccordTitle", children: [new TextRun(`${title}${words.colon}${view.from.name} → ${view.to?.name ?? words.compare.textNow}`)] }),
  ];
  for (const block of view.blocks) {
    const runs: ParagraphChild[] = block.pieces.flatMap((piece) => piece.op === "same"
      ? piece.text.split("\n").map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }))
      : change(piece.op, piece.text, piece.by));
    // A paragraph added or deleted as a whole: its paragraph mark is tracked too, so accepting (or rejecting) leaves no empty paragraph.
    const mark = block.change === "added" || block.change === "deleted"
      ? { run: { [block.change === "added" ? "insertion" : "deletion"]: { id: ++id, author: authorName(block.pieces[0]?.by ?? null), date } } }
      : {};
    if (block.kind !== "paragraph") {
      children.push(new Paragraph({ style: STYLE_OF[block.kind] ?? "AccordOpeningLine", children: runs, ...mark }));
      continue;
    }
    // The label the later text gives it; a deleted paragraph's own label goes with it.
    const label = block.change === "deleted"
      ? change("deleted", `${block.from?.label ?? ""}\t`, block.pieces[0]?.by ?? null)
      : block.change === "added"
        ? change("inserted", `${block.to?.label ?? ""}\t`, block.pieces[0]?.by ?? null)
        : [new TextRun(`${block.to?.label ?? ""}\t`)];
    children.push(new Paragraph({ style: "AccordParagraph", children: [...label, ...runs], ...mark }));
  }
  const document = new Document({
    creator: "Accord",
    title: `${title}${words.colon}${words.compare.comparison}`,
    styles: STYLES,
    sections: [{
      properties: { page: { size: { width: Math.round(21 * CM), height: Math.round(29.7 * CM) } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
      children,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
