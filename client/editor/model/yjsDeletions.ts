import type { Node as PmNode } from "@tiptap/pm/model";
import { simpleDiff } from "lib0/diff";
import type { Range } from "./touchedBlocks.js";

/*
 * How @tiptap/y-tiptap writes a new ProseMirror document into Yjs
 * (`updateYFragment` in node_modules/@tiptap/y-tiptap/dist/y-tiptap.js),
 * replayed on the two documents alone to learn which characters the Yjs
 * update deletes, which it keeps but formats anew, and which top-level
 * elements it touches (judged in ./yjsWriteRules.ts). The server judges updates by their Yjs items, so a
 * paragraph split moves words by deleting them from one element and writing
 * them again in another, and a changed run of text is rewritten by a plain
 * string diff (common prefix and suffix kept, the middle deleted and
 * inserted), whatever the user meant to touch.
 *
 * Elements are paired the way y-tiptap pairs them, not by pid: by identity
 * with the nodes it last wrote (the document before the transaction: the
 * binding writes after every dispatch), in their order when blocks were
 * inserted or removed, otherwise by matching from both ends and comparing
 * children. Assumed, as y-tiptap keeps it: each Yjs child mirrors the node
 * it was last synced with (one Y.XmlText per run of text nodes).
 */

/** A child of a Yjs element, as the document before the transaction shows it. */
type YChild = YText | YElement;
/** A Y.XmlText: a run of text nodes starting at `from`. */
interface YText { kind: "text"; nodes: PmNode[]; from: number }
/** A Y.XmlElement: a node starting at `pos`. */
interface YElement { kind: "element"; node: PmNode; pos: number }

/** A child of a ProseMirror node as y-tiptap reads it: a run of text nodes, or a node. */
type PChild = PmNode[] | PmNode;

/** The children of `node` (its content starting at `start`) in the before document. */
function yChildrenOf(node: PmNode, start: number): YChild[] {
  const children: YChild[] = [];
  node.forEach((child, offset) => {
    const last = children[children.length - 1];
    if (child.isText && last?.kind === "text") last.nodes.push(child);
    else if (child.isText) children.push({ kind: "text", nodes: [child], from: start + offset });
    else children.push({ kind: "element", node: child, pos: start + offset });
  });
  return children;
}

/** Where each child of a list {@link pChildrenOf} made starts in the document after the transaction. */
const pPositions = new WeakMap<PChild[], number[]>();

/** The children of `node` (its content starting at `start`) in the document after the transaction. */
function pChildrenOf(node: PmNode, start: number): PChild[] {
  const children: PChild[] = [];
  const positions: number[] = [];
  node.forEach((child, offset) => {
    const last = children[children.length - 1];
    if (child.isText && Array.isArray(last)) last.push(child);
    else {
      children.push(child.isText ? [child] : child);
      positions.push(start + offset);
    }
  });
  pPositions.set(children, positions);
  return children;
}

const textOf = (nodes: readonly PmNode[]) => nodes.map((n) => n.text ?? "").join("");

/** y-tiptap's `mappedIdentity`: the Yjs child still stands for exactly these nodes. */
function identical(y: YChild, p: PChild): boolean {
  if (y.kind === "element") return y.node === p;
  return Array.isArray(p) && p.length === y.nodes.length && p.every((n, i) => n === y.nodes[i]);
}

/** y-tiptap's `equalAttrs`: the same values, attributes set to null counting as absent. */
function sameAttributes(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a).filter((key) => a[key] !== null);
  if (keys.length !== Object.keys(b).filter((key) => b[key] !== null).length) return false;
  return keys.every((key) => a[key] === b[key] ||
    (typeof a[key] === "object" && typeof b[key] === "object" && sameAttributes(a[key] as Record<string, unknown>, b[key] as Record<string, unknown>)));
}

/**
 * y-tiptap's `equalYTextPText` on a run written from `a` and the run `b`:
 * the same text in the same pieces, as many marks, and each mark of `a`
 * equal to the first mark of its type in `b`. So a piece under two
 * different brackets never reads as equal, even to itself.
 */
function sameRuns(a: readonly PmNode[], b: readonly PmNode[]): boolean {
  return a.length === b.length && a.every((n, i) => {
    const other = b[i]!;
    return n.text === other.text && n.marks.length === other.marks.length && n.marks.every((mark) => {
      const first = other.marks.find((m) => m.type === mark.type);
      return first !== undefined && sameAttributes(mark.attrs, first.attrs);
    });
  });
}

/** The very same runs of text: same pieces, same marks. */
function identicalRuns(a: readonly PmNode[], b: readonly PmNode[]): boolean {
  return a.length === b.length && a.every((n, i) => n.eq(b[i]!));
}

/**
 * Whether `node`, written into Yjs, compares equal to `p`: name, attributes
 * and children, runs of text compared by `runs`. An element's own marks are
 * not written (a bracket on a hard break stays in the editor), so they do
 * not count.
 */
function sameInYjs(node: PmNode, p: PmNode, runs: (a: readonly PmNode[], b: readonly PmNode[]) => boolean): boolean {
  if (node === p) return true;
  if (node.type !== p.type || !sameAttributes(node.attrs, p.attrs)) return false;
  const ys = pChildrenOf(node, 0);
  const ps = pChildrenOf(p, 0);
  return ys.length === ps.length && ys.every((y, i) => {
    const other = ps[i]!;
    if (Array.isArray(y)) return Array.isArray(other) && runs(y, other);
    return !Array.isArray(other) && sameInYjs(y, other, runs);
  });
}

/** Whether writing `p` over the element written from `node` changes nothing in Yjs. */
const unchangedInYjs = (node: PmNode, p: PmNode) => sameInYjs(node, p, identicalRuns);

/** y-tiptap's `equalYTypePNode`: same name, attributes and content (text compared with its marks, its way). */
function equal(y: YChild, p: PChild): boolean {
  if (y.kind === "element") return !Array.isArray(p) && sameInYjs(y.node, p, sameRuns);
  return Array.isArray(p) && sameRuns(y.nodes, p);
}

/** y-tiptap's `matchNodeName`: a Yjs element and a node of the same type, which it updates in place. */
function sameName(y: YChild, p: PChild): boolean {
  return y.kind === "element" && !Array.isArray(p) && y.node.type.name === p.type.name;
}

/**
 * What the modelled update does to `before`: the characters it deletes, and
 * the top-level blocks whose Yjs element it changes in place (attributes or
 * content) or deletes, by position (with, to be safe, unchanged blocks
 * holding text under two brackets that y-tiptap writes again).
 */
export interface YjsWrite {
  deletions: Range[];
  blocks: number[];
  /**
   * Characters of `before` the update keeps but formats anew (y-tiptap
   * formats a rewritten run of text as a whole): each stretch from `from` in
   * `before` is the stretch from `to` in `after`, which has its marks.
   */
  reformatted: { from: number; to: number; length: number }[];
}

/** Where the update is: `top` while children of the document itself are paired. */
interface Out { write: YjsWrite; top: boolean }

/** Records every character inside a Yjs child that is deleted (and a top-level element as changed). */
function deleteChild(y: YChild, out: Out): void {
  const range = y.kind === "text"
    ? { from: y.from, to: y.from + textOf(y.nodes).length }
    : { from: y.pos + 1, to: y.pos + y.node.nodeSize - 1 };
  if (range.to > range.from) out.write.deletions.push(range);
  if (out.top && y.kind === "element") out.write.blocks.push(y.pos);
}

/** y-tiptap's `updateYText`: one string diff over the run, whatever its marks. */
function updateText(y: YText, p: PmNode[], pFrom: number, out: Out): void {
  const was = textOf(y.nodes);
  const { index, remove, insert } = simpleDiff(was, textOf(p));
  if (remove > 0) out.write.deletions.push({ from: y.from + index, to: y.from + index + remove });
  const { reformatted } = out.write;
  if (index > 0) reformatted.push({ from: y.from, to: pFrom, length: index });
  const suffix = was.length - index - remove;
  if (suffix > 0) reformatted.push({ from: y.from + index + remove, to: pFrom + index + insert.length, length: suffix });
}

/** y-tiptap's `updateYFragment` on an element paired with `p`. */
function updateElement(y: YElement, p: PmNode, pPos: number, out: Out): void {
  if (y.node === p) return;
  if (unchangedInYjs(y.node, p)) {
    // Equal content deletes nothing. But y-tiptap never finds text under two brackets equal, and formats
    // it again, which can replace format items inside the element: counted as touched, to be safe.
    if (out.top && !sameInYjs(y.node, p, sameRuns)) out.write.blocks.push(y.pos);
    return;
  }
  if (out.top) out.write.blocks.push(y.pos);
  updateChildren(yChildrenOf(y.node, y.pos + 1), pChildrenOf(p, pPos + 1), { write: out.write, top: false });
}

/** y-tiptap's `computeChildEqualityFactor`: how many children match from both ends, and whether one is the very node. */
function equalityFactor(y: YElement, p: PmNode): { factor: number; foundMapped: boolean } {
  const ys = yChildrenOf(y.node, y.pos + 1);
  const ps = pChildrenOf(p, 0);
  const min = Math.min(ys.length, ps.length);
  let left = 0;
  let right = 0;
  let foundMapped = false;
  for (; left < min; left++) {
    if (identical(ys[left]!, ps[left]!)) foundMapped = true;
    else if (!equal(ys[left]!, ps[left]!)) break;
  }
  for (; left + right < min; right++) {
    const [yr, pr] = [ys[ys.length - right - 1]!, ps[ps.length - right - 1]!];
    if (identical(yr, pr)) foundMapped = true;
    else if (!equal(yr, pr)) break;
  }
  return { factor: left + right, foundMapped };
}

/** y-tiptap's `updateMatchingYChild`: update in place when kinds line up, else replace. */
function updateMatching(y: YChild, p: PChild, pPos: number, out: Out): void {
  if (y.kind === "text" && Array.isArray(p)) {
    if (!equal(y, p)) updateText(y, p, pPos, out);
  } else if (y.kind === "element" && sameName(y, p)) {
    updateElement(y, p as PmNode, pPos, out);
  } else {
    deleteChild(y, out);
  }
}

/**
 * y-tiptap's `findMappedChildAnchors`: Yjs children whose very node is still
 * among the new children, the longest run of them in order. Runs of text are
 * never anchors (y-tiptap looks them up by a freshly built array).
 */
function anchorsOf(ys: YChild[], ps: PChild[]): { yIndex: number; pIndex: number }[] {
  const pIndex = new Map<PmNode, number>();
  ps.forEach((p, i) => {
    if (!Array.isArray(p) && !pIndex.has(p)) pIndex.set(p, i);
  });
  const candidates: { yIndex: number; pIndex: number }[] = [];
  ys.forEach((y, yIndex) => {
    const at = y.kind === "element" ? pIndex.get(y.node) : undefined;
    if (at !== undefined) candidates.push({ yIndex, pIndex: at });
  });
  if (candidates.length === 0) return [];
  const predecessors: number[] = new Array<number>(candidates.length);
  const tails: number[] = [];
  for (let index = 0; index < candidates.length; index++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (candidates[tails[middle]!]!.pIndex < candidates[index]!.pIndex) low = middle + 1;
      else high = middle;
    }
    predecessors[index] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = index;
  }
  const anchors: { yIndex: number; pIndex: number }[] = [];
  for (let index = tails[tails.length - 1]!; index !== -1; index = predecessors[index]!) anchors.push(candidates[index]!);
  return anchors.reverse();
}

/** y-tiptap's `reconcileMappedChildren`: after a move, children between anchors are paired by position. */
function reconcileMoved(ys: YChild[], ps: PChild[], out: Out): boolean {
  const anchors = anchorsOf(ys, ps);
  if (anchors.length < 2 || !anchors.some((a) => a.yIndex !== a.pIndex)) return false;
  const pPos = pPositions.get(ps)!;
  const between = (yStart: number, yEnd: number, pStart: number, pEnd: number) => {
    const matching = Math.min(yEnd - yStart, pEnd - pStart);
    for (let i = 0; i < matching; i++) updateMatching(ys[yStart + i]!, ps[pStart + i]!, pPos[pStart + i]!, out);
    for (let i = yStart + matching; i < yEnd; i++) deleteChild(ys[i]!, out);
  };
  let y = 0;
  let p = 0;
  for (const anchor of anchors) {
    between(y, anchor.yIndex, p, anchor.pIndex);
    y = anchor.yIndex + 1;
    p = anchor.pIndex + 1;
  }
  between(y, ys.length, p, ps.length);
  return true;
}

/** y-tiptap's children update of `updateYFragment`. */
function updateChildren(ys: YChild[], ps: PChild[], out: Out): void {
  if (reconcileMoved(ys, ps, out)) return;
  const pPos = pPositions.get(ps)!;
  const min = Math.min(ys.length, ps.length);
  let left = 0;
  let right = 0;
  for (; left < min; left++) {
    if (!identical(ys[left]!, ps[left]!) && !equal(ys[left]!, ps[left]!)) break;
  }
  for (; right + left + 1 < min; right++) {
    const [yr, pr] = [ys[ys.length - right - 1]!, ps[ps.length - right - 1]!];
    if (!identical(yr, pr) && !equal(yr, pr)) break;
  }
  while (ys.length - left - right > 0 && ps.length - left - right > 0) {
    const [leftY, leftP] = [ys[left]!, ps[left]!];
    const [rightY, rightP] = [ys[ys.length - right - 1]!, ps[ps.length - right - 1]!];
    if (leftY.kind === "text" && Array.isArray(leftP)) {
      if (!equal(leftY, leftP)) updateText(leftY, leftP, pPos[left]!, out);
      left += 1;
      continue;
    }
    let updateLeft = sameName(leftY, leftP);
    let updateRight = sameName(rightY, rightP);
    if (updateLeft && updateRight) {
      const l = equalityFactor(leftY as YElement, leftP as PmNode);
      const r = equalityFactor(rightY as YElement, rightP as PmNode);
      if (l.foundMapped && !r.foundMapped) updateRight = false;
      else if (!l.foundMapped && r.foundMapped) updateLeft = false;
      else if (l.factor < r.factor) updateLeft = false;
      else updateRight = false;
    }
    if (updateLeft) {
      updateElement(leftY as YElement, leftP as PmNode, pPos[left]!, out);
      left += 1;
    } else if (updateRight) {
      updateElement(rightY as YElement, rightP as PmNode, pPos[ps.length - right - 1]!, out);
      right += 1;
    } else {
      deleteChild(leftY, out);
      left += 1;
    }
  }
  // What is left of the Yjs children is deleted (a lone run of text is emptied instead: the same characters).
  for (let i = left; i < ys.length - right; i++) deleteChild(ys[i]!, out);
}

/**
 * The characters of `before` (ranges of its positions, which may span hard
 * breaks: they hold no characters) that the Yjs update y-tiptap writes for
 * the change from `before` to `after` deletes.
 */
export function yjsDeletions(before: PmNode, after: PmNode): Range[] {
  return yjsWrite(before, after).deletions;
}

/** What the Yjs update y-tiptap writes for the change from `before` to `after` deletes and changes. */
export function yjsWrite(before: PmNode, after: PmNode): YjsWrite {
  const write: YjsWrite = { deletions: [], blocks: [], reformatted: [] };
  if (before !== after) updateChildren(yChildrenOf(before, 0), pChildrenOf(after, 0), { write, top: true });
  return write;
}
