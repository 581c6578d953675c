import * as Y from "yjs";
import { contentOf } from "../document/yBlocks.js";

/**
 * Quoted words of a block, anchored with Yjs relative positions so that they
 * follow concurrent edits: the same reading on the server (to check a quote
 * and report where it is) and in the browser (to highlight it live).
 *
 * A block's text is read as the editor counts positions inside it: each
 * character of its texts one unit (UTF-16), each inline node (a line break)
 * one unit, written "\n".
 */

/** Where quoted words are now: their offsets in the block's text and what stands there. */
export interface QuotePlace {
  state: "intact" | "changed" | "deleted";
  from: number;
  to: number;
  text: string;
}

/** A quote's two anchors, encoded. */
export interface QuoteAnchor {
  start: Uint8Array;
  end: Uint8Array;
}

/** The top-level elements of a document by pid (the first of a repeated pid). */
export function blocksByPid(doc: Y.Doc): Map<string, Y.XmlElement> {
  const byPid = new Map<string, Y.XmlElement>();
  for (const node of contentOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const pid = node.getAttribute("pid");
    if (typeof pid === "string" && pid && !byPid.has(pid)) byPid.set(pid, node);
  }
  return byPid;
}

/** Units a child of a block takes: its characters for a text, one for an inline node. */
function unitsOf(child: Y.XmlElement | Y.XmlText | Y.XmlHook): number {
  return child instanceof Y.XmlText ? child.length : 1;
}

/** The text of a block as quotes count it. */
export function blockText(element: Y.XmlElement): string {
  let text = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) {
        text += typeof op.insert === "string" ? op.insert : "\uFFFC";
      }
    } else text += "\n";
  }
  return text;
}

/**
 * The relative position of the unit at `offset` of a block (`assoc` 0: it
 * sticks to that unit) or of the unit before it (`assoc` -1: it sticks to the
 * unit before `offset`).
 */
function relativeAt(element: Y.XmlElement, offset: number, assoc: 0 | -1): Y.RelativePosition {
  const children = element.toArray();
  let before = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const units = unitsOf(child);
    // The unit the position sticks to lies inside this child.
    const unit = assoc === 0 ? offset : offset - 1;
    if (unit >= before && unit < before + units) {
      if (child instanceof Y.XmlText) return Y.createRelativePositionFromTypeIndex(child, offset - before, assoc);
      return Y.createRelativePositionFromTypeIndex(element, assoc === 0 ? i : i + 1, assoc);
    }
    before += units;
  }
  return Y.createRelativePositionFromTypeIndex(element, children.length, assoc);
}

/** Why a quote cannot be anchored, for the person quoting. */
export type QuoteProblem =
  | { problem: "not_found" }
  | { problem: "ambiguous"; occurrences: number };

/** Occurrences of a quote counted at most (the work stays bounded however long the block). */
const MAX_OCCURRENCES = 101;

/** Where `text` occurs in `whole` (overlapping ones too), at most {@link MAX_OCCURRENCES}. */
function occurrencesOf(whole: string, text: string): number[] {
  const found: number[] = [];
  for (let i = whole.indexOf(text); i >= 0 && found.length < MAX_OCCURRENCES; i = whole.indexOf(text, i + 1)) found.push(i);
  return found;
}

/**
 * Anchors `text` in a block. With `offset` (where the quoter saw the words
 * start), the occurrence nearest to it: the block may have changed since the
 * words were selected. Without it, the words must occur exactly once.
 */
export function anchorQuote(element: Y.XmlElement, text: string, offset?: number): (QuoteAnchor & { offset: number }) | QuoteProblem {
  const whole = blockText(element);
  const found = occurrencesOf(whole, text);
  if (found.length === 0) return { problem: "not_found" };
  if (offset === undefined && found.length > 1) return { problem: "ambiguous", occurrences: found.length };
  const at = offset === undefined ? found[0]! : found.reduce((best, i) => (Math.abs(i - offset) < Math.abs(best - offset) ? i : best));
  return {
    offset: at,
    start: Y.encodeRelativePosition(relativeAt(element, at, 0)),
    end: Y.encodeRelativePosition(relativeAt(element, at + text.length, -1)),
  };
}

/** The offset in a block's text an absolute position stands at, or null when it is not inside the block. */
function offsetIn(element: Y.XmlElement, position: Y.AbsolutePosition | null): number | null {
  if (!position) return null;
  const children = element.toArray();
  if (position.type === element) {
    let offset = 0;
    for (let i = 0; i < Math.min(position.index, children.length); i++) offset += unitsOf(children[i]!);
    return offset;
  }
  let before = 0;
  for (const child of children) {
    if (child === position.type) return before + position.index;
    before += unitsOf(child);
  }
  return null;
}

/**
 * Where a quote is now in its block: "intact" while the words between its
 * anchors are the words quoted, "changed" when words between them changed,
 * "deleted" when nothing is left between them (or they left the block).
 */
export function locateQuote(
  doc: Y.Doc, element: Y.XmlElement | undefined, quoted: string, anchor: QuoteAnchor,
  /** The block's text, when the caller reads it once for many quotes. */
  textOf: (element: Y.XmlElement) => string = blockText,
): QuotePlace {
  const gone: QuotePlace = { state: "deleted", from: 0, to: 0, text: "" };
  if (!element || element._item?.deleted) return gone;
  let start: Y.AbsolutePosition | null;
  let end: Y.AbsolutePosition | null;
  try {
    start = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(anchor.start), doc);
    end = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(anchor.end), doc);
  } catch {
    return gone;
  }
  const from = offsetIn(element, start);
  const to = offsetIn(element, end);
  if (from === null || to === null || to <= from) return { ...gone, from: from ?? 0, to: from ?? 0 };
  const text = textOf(element).slice(from, to);
  return { state: text === quoted ? "intact" : "changed", from, to, text };
}
