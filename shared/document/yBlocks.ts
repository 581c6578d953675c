import * as Y from "yjs";
import { ParagraphStatus } from "../../schemas/domain.js";
import { runsFromDelta } from "../brackets/fromDelta.js";
import { listBrackets, type TextRun } from "../brackets/tokens.js";
import { CONTENT_FIELD } from "../collab/documentFields.js";
import { markOfKey } from "../documentRules.js";
import { isFrozenStatus, type BlockState } from "./changeRules.js";
import { contentKey, type InlinePiece } from "./contentKey.js";
import type { NumberingBlock } from "../paragraphs/numbering.js";

/** A top-level block of a document as read headlessly from its Yjs state. */
export interface DocumentBlock extends NumberingBlock {
  status: ParagraphStatus;
  runs: TextRun[];
}

const KINDS = new Set<NumberingBlock["kind"]>(["title", "openingLine", "sectionHeading", "verbPhrase", "paragraph"]);

/** The content fragment of a document. */
export function contentOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CONTENT_FIELD);
}

/** What numbering and status need of a block: its attributes, without reading its text. */
export type BlockHead = Omit<DocumentBlock, "runs">;

/** Reads one top-level element's attributes; unknown node types read as null. Much cheaper than {@link readBlock}. */
export function readBlockHead(element: Y.XmlElement): BlockHead | null {
  const kind = element.nodeName as NumberingBlock["kind"];
  if (!KINDS.has(kind)) return null;
  const attrs = element.getAttributes() as Record<string, unknown>;
  const status = ParagraphStatus.safeParse(attrs.status);
  return {
    pid: typeof attrs.pid === "string" ? attrs.pid : "",
    kind,
    level: Number(attrs.level ?? 1) >= 2 ? 2 : 1,
    part: attrs.part === "operative" ? "operative" : "preambular",
    frozenLabel: typeof attrs.frozenLabel === "string" && attrs.frozenLabel ? attrs.frozenLabel : null,
    importedLabel: typeof attrs.importedLabel === "string" && attrs.importedLabel ? attrs.importedLabel : null,
    status: kind === "paragraph" && status.success ? status.data : "open",
  };
}

/** Reads one top-level element; unknown node types read as null (skipped by every consumer). */
export function readBlock(element: Y.XmlElement): DocumentBlock | null {
  const head = readBlockHead(element);
  if (!head) return null;
  const runs: TextRun[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) runs.push(...runsFromDelta(child.toDelta()));
    else if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") runs.push({ text: "\n", brackets: [] });
  }
  return { ...head, runs };
}

/** Every block of a document in order. */
export function readBlocks(doc: Y.Doc): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  for (const node of contentOf(doc).toArray()) {
    if (node instanceof Y.XmlElement) {
      const block = readBlock(node);
      if (block) blocks.push(block);
    }
  }
  return blocks;
}

/** The top-level element of the content fragment that contains `type`, or null. */
export function topLevelElement(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): Y.XmlElement | null {
  let current: Y.AbstractType<unknown> | null = type;
  while (current && current._item) {
    const parent = current._item.parent as Y.AbstractType<unknown> | null;
    if (parent === fragment) return current instanceof Y.XmlElement ? current : null;
    current = parent;
  }
  return null;
}

/** Plain text of a block, without bracket glyphs. */
export function plainText(block: { runs: TextRun[] }): string {
  return block.runs.map((r) => r.text).join("");
}

/** The inline pieces of a block element, as {@link contentKey} reads them. */
export function inlinePieces(element: Y.XmlElement): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== "string") {
          pieces.push({ node: "embed" });
          continue;
        }
        const marks = Object.entries(op.attributes ?? {}).map(([key, attrs]) => ({ name: markOfKey(key) ?? key, attrs }));
        pieces.push({ text: op.insert, marks });
      }
    } else if (child instanceof Y.XmlElement) pieces.push({ node: child.nodeName });
    else pieces.push({ node: "unknown" });
  }
  return pieces;
}

/** What the change rules compare of a block element, or null for a node type that is not a block. */
export function blockStateOf(element: Y.XmlElement): BlockState | null {
  const block = readBlock(element);
  if (!block) return null;
  return {
    pid: block.pid,
    kind: block.kind,
    status: block.status,
    frozenLabel: block.frozenLabel ?? null,
    level: block.level ?? 1,
    attributes: element.getAttributes() as BlockState["attributes"],
    text: plainText(block),
    content: isFrozenStatus(block.status) ? contentKey(inlinePieces(element)) : "",
    brackets: new Map(listBrackets(block.runs).map((b) => [b.bracket.id, b])),
  };
}
