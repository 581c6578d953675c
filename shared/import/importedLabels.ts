/**
 * What an import does with the labels of its source: every labelled
 * paragraph keeps its label as written (`importedLabel`), so "h)" after four
 * unlabelled lines stays h), never l), and "2.10.1" stays 2.10.1, never a).
 * Where the document's numbering still shows something the source did not
 * write, this says so line by line: a line without a label among labelled
 * ones is numbered as an addition (g bis)), and a label written twice in one
 * block is kept twice.
 */
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { OutlineBlock } from "../../schemas/outline.js";
import { keptLabel, numberParagraphs, type NumberingBlock } from "../paragraphs/numbering.js";

/** Reports, line by line, every paragraph whose shown label is not the one its source line wrote. */
export function reportLabels(
  blocks: OutlineBlock[],
  lineNumbers: number[],
  style: DocumentStyle,
  language: DocumentLanguage,
  warnings: string[],
): void {
  const numbering: NumberingBlock[] = blocks.map((block, i) => ({
    pid: String(i),
    kind: block.type,
    ...(block.type === "paragraph" ? { level: block.level ?? 1, importedLabel: block.importedLabel ?? null } : {}),
    ...(block.type === "verbPhrase" ? { part: block.part } : {}),
  }));
  const labels = numberParagraphs(numbering, style, language);
  // Blocks that restart numbering, as numberParagraphs reads them: a label repeats only within one.
  let run = 0;
  const firstLine = new Map<string, number>();
  blocks.forEach((block, i) => {
    if (style === "resolution" && (block.type === "verbPhrase" || block.type === "sectionHeading")) run += 1;
    if (block.type !== "paragraph") return;
    const label = labels.get(String(i));
    if (!label) return;
    const line = lineNumbers[i]!;
    if (keptLabel(numbering[i]!) === null) {
      // Sequential numbers are what the source would show; an addition's name is not.
      if (label.core.includes(" ")) {
        const where = label.core.startsWith("0 ") ? "before the first labelled paragraph" : "after the label before it";
        warnings.push(`line ${line}: no label in the source among labelled paragraphs; numbered "${label.display}" as an addition ${where}.`);
      }
      return;
    }
    // Bullets (–, •) do not count: every item of a list shows the same one.
    if (!/[\p{L}\p{N}]/u.test(label.core)) return;
    const key = `${run}\u0000${label.reference}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      warnings.push(`line ${line}: label "${label.display}" repeats the one on line ${first} in the same block; both are kept as written.`);
    } else {
      firstLine.set(key, line);
    }
  });
}
