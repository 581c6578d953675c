import * as Y from "yjs";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { DocumentLanguage, DocumentStyle, ParagraphStatus } from "../../schemas/domain.js";
import { isBracketAttribute } from "../../shared/brackets/fromDelta.js";
import { bracketTokens, openingText } from "../../shared/brackets/tokens.js";
import { BracketAttrs as BracketAttrsSchema } from "../../schemas/brackets.js";
import { markOfKey, nodeRule, validMarkValue } from "../../shared/documentRules.js";
import { describeType, editorCanShow, validateContent, type ContentProblem } from "../../shared/document/validateContent.js";
import { contentOf, readBlock } from "../../shared/document/yBlocks.js";
import { numberParagraphs, type NumberingBlock } from "../../shared/paragraphs/numbering.js";

/** A mark on some words that the editor cannot show: unknown, or with a value it cannot read. */
export interface UnreadMark {
  key: string;
  kind: "unknownMark" | "invalidMark";
}

/** A piece of a block's text as the read-only view draws it. */
export type ShownInline =
  | { kind: "text"; text: string; unreadMarks: UnreadMark[] }
  | { kind: "glyph"; text: string }
  | { kind: "break" }
  /** Something inside the text the editor cannot show (an unknown inline node, an embedded object), with any text it holds. */
  | { kind: "unknown"; what: string; text: string };

/** One top-level entry of the content fragment, in order. */
export interface ShownBlock {
  index: number;
  /** A block type the editor knows, or null for anything else standing at the top. */
  kind: NumberingBlock["kind"] | null;
  /** The node type as stored (`paragraph`, `table`), or what stands there instead of an element (`text`). */
  node: string;
  /** The computed label of a paragraph ("5 bis."), or null. */
  label: string | null;
  level: 1 | 2;
  status: ParagraphStatus | null;
  inline: ShownInline[];
  /** What the editor cannot show here, named above the block (marks and inline nodes are marked in the text). */
  notes: ContentProblem[];
  /** Whether anything in this block is beyond the editor. */
  unshowable: boolean;
  /** For unknown attributes: their stored values, as text. */
  attributeValues: Record<string, string>;
}

/** A document read straight from its Y.Doc for showing it read-only. */
export interface ShownDocument {
  blocks: ShownBlock[];
  /** How many places hold something the editor cannot show. */
  places: number;
}

const VALUE_CHARS = 80;

/**
 * Reads everything in the content fragment, in order, for the read-only view
 * of a document the editor cannot show: known blocks with their labels and
 * bracket glyphs, and whatever else stands there with the text it holds.
 * Only reads; works on any Yjs content.
 */
export function readUnshownDocument(doc: Y.Doc, style: DocumentStyle, language: DocumentLanguage): ShownDocument {
  const problems = validateContent(doc).filter((p) => !editorCanShow(p));
  const byBlock = new Map<number, ContentProblem[]>();
  for (const problem of problems) {
    if (problem.block === null) continue;
    byBlock.set(problem.block, [...(byBlock.get(problem.block) ?? []), problem]);
  }

  const numbering: NumberingBlock[] = [];
  const blocks = contentOf(doc).toArray().map((node, index) => {
    const [shown, known] = readEntry(node, index, byBlock.get(index) ?? []);
    // Numbered by position, not pid: a missing or repeated pid must not move another paragraph's label.
    if (known) numbering.push({ ...known, pid: String(index) });
    return shown;
  });
  const labels = numberParagraphs(numbering, style, language);
  for (const block of blocks) block.label = labels.get(String(block.index))?.display ?? null;
  return { blocks, places: problems.length };
}

function readEntry(node: unknown, index: number, problems: ContentProblem[]): [ShownBlock, NumberingBlock | null] {
  const shown: ShownBlock = {
    index,
    kind: null,
    node: nameOf(node),
    label: null,
    level: 1,
    status: null,
    inline: [],
    notes: problems,
    unshowable: problems.length > 0,
    attributeValues: {},
  };
  const known = node instanceof Y.XmlElement && nodeRule(node.nodeName)?.place === "block" ? readBlock(node) : null;
  if (!known || !(node instanceof Y.XmlElement)) {
    const text = textOf(node);
    if (text) shown.inline.push({ kind: "text", text, unreadMarks: [] });
    return [shown, null];
  }
  // Marks and inline nodes are drawn where they stand in the text; the rest is named above it.
  shown.notes = problems.filter((p) => p.kind === "unknownAttribute" || p.kind === "unknownContent");
  shown.kind = known.kind;
  shown.level = known.level === 2 ? 2 : 1;
  shown.status = known.kind === "paragraph" ? known.status : null;
  shown.inline = readInline(node);
  for (const problem of shown.notes) {
    if (problem.kind === "unknownAttribute") shown.attributeValues[problem.attribute] = valueText(node.getAttribute(problem.attribute));
  }
  return [shown, known];
}

/** A run of a block's content: text with its brackets and unread marks, or a piece that is not text. */
type Run =
  | { text: string; brackets: BracketAttrs[]; unreadMarks: UnreadMark[]; piece?: undefined }
  | { text: string; brackets: BracketAttrs[]; unreadMarks: UnreadMark[]; piece: ShownInline };

/** One character standing for a piece that is not text, so bracket tokens keep it in place. */
const PIECE = "\uFFFC";

function readInline(element: Y.XmlElement): ShownInline[] {
  const runs: Run[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert === "string") runs.push(textRun(op.insert, op.attributes ?? {}));
        else runs.push(pieceRun({ kind: "unknown", what: nameOf(op.insert), text: textOf(op.insert) }));
      }
    } else if (child instanceof Y.XmlElement && isPlainBreak(child)) {
      runs.push(pieceRun({ kind: "break" }));
    } else {
      runs.push(pieceRun({ kind: "unknown", what: nameOf(child), text: textOf(child) }));
    }
  }
  // A piece inside bracketed words stays inside the bracket: it takes the brackets on both sides of it.
  runs.forEach((run, i) => {
    if (!run.piece) return;
    const before = runs.slice(0, i).reverse().find((r) => !r.piece)?.brackets ?? [];
    const after = runs.slice(i + 1).find((r) => !r.piece)?.brackets ?? [];
    run.brackets = before.filter((b) => after.some((a) => a.id === b.id));
  });
  return withGlyphs(runs);
}

function textRun(text: string, attributes: Record<string, unknown>): Run {
  const brackets: BracketAttrs[] = [];
  const unreadMarks: UnreadMark[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const mark = markOfKey(key);
    if (!mark) unreadMarks.push({ key, kind: "unknownMark" });
    else if (!validMarkValue(mark, value)) unreadMarks.push({ key, kind: "invalidMark" });
    else if (isBracketAttribute(key)) brackets.push(BracketAttrsSchema.parse(value));
  }
  return { text, brackets, unreadMarks };
}

function pieceRun(piece: ShownInline): Run {
  return { text: PIECE, brackets: [], unreadMarks: [], piece };
}

function isPlainBreak(element: Y.XmlElement): boolean {
  return element.nodeName === "hardBreak" && element.length === 0 && Object.keys(element.getAttributes()).length === 0;
}

/** Draws the brackets between the runs (shared/brackets/tokens.ts), keeping each run's own marking. */
function withGlyphs(runs: Run[]): ShownInline[] {
  const out: ShownInline[] = [];
  let run = 0;
  let offset = 0;
  for (const token of bracketTokens(runs)) {
    if (token.kind !== "text") {
      out.push({ kind: "glyph", text: token.kind === "open" ? openingText(token.altIndex) : "]" });
      continue;
    }
    // The token's text is the next runs' text, joined; hand each run's part out with its own marking.
    let left = token.text.length;
    while (left > 0) {
      while (runs[run]!.text.length === offset) {
        run += 1;
        offset = 0;
      }
      const current = runs[run]!;
      const take = Math.min(left, current.text.length - offset);
      if (current.piece) out.push(current.piece);
      else appendText(out, current.text.slice(offset, offset + take), current.unreadMarks);
      offset += take;
      left -= take;
    }
  }
  return out;
}

function appendText(out: ShownInline[], text: string, unreadMarks: UnreadMark[]): void {
  const last = out[out.length - 1];
  const same = (a: UnreadMark[], b: UnreadMark[]) =>
    a.length === b.length && a.every((m, i) => m.key === b[i]!.key && m.kind === b[i]!.kind);
  if (last?.kind === "text" && same(last.unreadMarks, unreadMarks)) last.text += text;
  else out.push({ kind: "text", text, unreadMarks });
}

/** All the text a Yjs value holds, whatever its type. */
function textOf(value: unknown): string {
  if (value instanceof Y.Text) {
    return (value.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : textOf(op.insert))).join("");
  }
  if (value instanceof Y.XmlFragment) return value.toArray().map(textOf).filter((t) => t.length > 0).join(" ");
  if (value instanceof Y.AbstractType) return valueText(value.toJSON());
  if (typeof value === "string") return value;
  return value === null || value === undefined ? "" : valueText(value);
}

/** A stored value as a short line of text. */
function valueText(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text;
}

/** An element's node name, or what stands there instead (`text`, `Y.Map`). */
function nameOf(value: unknown): string {
  return value instanceof Y.XmlElement ? value.nodeName : describeType(value);
}
