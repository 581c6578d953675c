import type { Node as PmNode } from "@tiptap/pm/model";
import { BracketAttrs } from "../../../schemas/brackets.js";
import { ParagraphStatus } from "../../../schemas/domain.js";
import { BRACKET_MARK } from "../../../shared/brackets/fromDelta.js";
import { listBrackets, type TextRun } from "../../../shared/brackets/tokens.js";
import { isFrozenStatus, type BlockState, type EarlierContent } from "../../../shared/document/changeRules.js";
import { contentKey, type InlinePiece } from "../../../shared/document/contentKey.js";
import type { DocumentBlock } from "../../../shared/document/yBlocks.js";
import type { NumberingBlock } from "../../../shared/paragraphs/numbering.js";

/** A top-level block of the editor's document, read the way the server reads the Yjs document. */
export interface PmBlock extends DocumentBlock {
  /** Position of the block in the document (before its opening token). */
  pos: number;
  node: PmNode;
  /** The pid as stored; `pid` stands in with a unique placeholder when this is missing or repeated. */
  storedPid: string | null;
}

type BlockContent = Omit<DocumentBlock, "pid">;

const KINDS = new Set<string>(["title", "openingLine", "sectionHeading", "verbPhrase", "paragraph"]);

/** PM nodes are immutable and shared between states, so a node's reading never changes. */
const contentCache = new WeakMap<PmNode, BlockContent>();
const stateCache = new WeakMap<PmNode, BlockState>();

/** The bracket marks of an inline node, validated like everything else read from the shared document. */
export function bracketsOf(node: PmNode): BracketAttrs[] {
  const brackets: BracketAttrs[] = [];
  for (const mark of node.marks) {
    if (mark.type.name !== BRACKET_MARK) continue;
    const parsed = BracketAttrs.safeParse(mark.attrs);
    if (parsed.success) brackets.push(parsed.data);
  }
  return brackets;
}

/** The runs of a text block; a hard break reads as "\n", so run offsets equal document offsets. */
export function runsOf(block: PmNode): TextRun[] {
  const runs: TextRun[] = [];
  block.forEach((child) => {
    runs.push({ text: child.isText ? (child.text ?? "") : "\n", brackets: bracketsOf(child) });
  });
  return runs;
}

function readContent(node: PmNode): BlockContent | null {
  const cached = contentCache.get(node);
  if (cached) return cached;
  if (!KINDS.has(node.type.name)) return null;
  const kind = node.type.name as NumberingBlock["kind"];
  const status = ParagraphStatus.safeParse(node.attrs.status);
  const content: BlockContent = {
    kind,
    level: Number(node.attrs.level ?? 1) >= 2 ? 2 : 1,
    part: node.attrs.part === "operative" ? "operative" : "preambular",
    frozenLabel: typeof node.attrs.frozenLabel === "string" && node.attrs.frozenLabel ? node.attrs.frozenLabel : null,
    importedLabel: typeof node.attrs.importedLabel === "string" && node.attrs.importedLabel ? node.attrs.importedLabel : null,
    status: kind === "paragraph" && status.success ? status.data : "open",
    runs: runsOf(node),
  };
  contentCache.set(node, content);
  return content;
}

/**
 * Every pid's imported label this window has seen in a document it had (never in a change it
 * is judging): an undo that puts back a deleted imported paragraph restores its label, as the
 * server, which remembers the same, allows.
 */
const seenImportedLabels = new Map<string, string>();

/** Remembers the imported labels of a document this window had: call with the state before a change. */
export function rememberImportedLabels(doc: PmNode): void {
  doc.forEach((node) => {
    const pid = pidOf(node);
    if (pid !== null && typeof node.attrs.importedLabel === "string" && node.attrs.importedLabel) {
      seenImportedLabels.set(pid, node.attrs.importedLabel);
    }
  });
}

/** What this window saw earlier, for the rules' restorations (brackets are checked by the server alone). */
export const EARLIER_IN_THIS_WINDOW: EarlierContent = {
  bracket: () => false,
  importedLabel: (pid, label) => seenImportedLabels.get(pid) === label,
};

/** The runs of a top-level block, read once per node. */
export function blockRuns(block: PmNode): TextRun[] {
  return readContent(block)?.runs ?? runsOf(block);
}

/** The stored pid of a block node, or null. */
export function pidOf(node: PmNode): string | null {
  return typeof node.attrs.pid === "string" && node.attrs.pid ? node.attrs.pid : null;
}

/**
 * Every top-level block in order, with its position. Unchanged blocks are
 * read once (the reading is cached per node), so a keystroke costs one
 * paragraph plus a walk over the top level.
 */
export function readPmBlocks(doc: PmNode): PmBlock[] {
  const blocks: PmBlock[] = [];
  const seen = new Set<string>();
  doc.forEach((node, pos) => {
    const content = readContent(node);
    if (!content) return;
    const storedPid = pidOf(node);
    // Labels and lists are keyed by pid: a missing or repeated one (until pid integrity fixes it) gets a placeholder.
    const pid = storedPid && !seen.has(storedPid) ? storedPid : `~${pos}`;
    seen.add(pid);
    blocks.push({ ...content, pid, pos, node, storedPid });
  });
  return blocks;
}

/** The inline pieces of a block node, as {@link contentKey} reads them. */
function inlinePiecesOf(block: PmNode): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  block.forEach((child) => {
    pieces.push(child.isText
      ? { text: child.text ?? "", marks: child.marks.map((m) => ({ name: m.type.name, attrs: m.attrs })) }
      : { node: child.type.name });
  });
  return pieces;
}

/** What the change rules compare of a block node (cached per node). */
export function blockStateOf(node: PmNode): BlockState | null {
  const cached = stateCache.get(node);
  if (cached) return cached;
  const content = readContent(node);
  if (!content) return null;
  const state: BlockState = {
    pid: pidOf(node) ?? "",
    kind: content.kind,
    status: content.status,
    frozenLabel: content.frozenLabel ?? null,
    level: content.level ?? 1,
    // Stored attributes only: the Yjs element holds no attribute whose value is null.
    attributes: Object.fromEntries(Object.entries(node.attrs).filter(([, v]) => v !== null)) as BlockState["attributes"],
    text: content.runs.map((r) => r.text).join(""),
    content: isFrozenStatus(content.status) ? contentKey(inlinePiecesOf(node)) : "",
    brackets: new Map(listBrackets(content.runs).map((b) => [b.bracket.id, b])),
  };
  stateCache.set(node, state);
  return state;
}
