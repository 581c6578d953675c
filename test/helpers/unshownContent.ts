import * as Y from "yjs";
import { contentOf } from "../../shared/document/yBlocks.js";

/**
 * Content our editor cannot show, written the way a raw Yjs client (not our
 * editor) could write it. Each returns nothing; wrap several in one
 * `doc.transact` to make one update.
 */

/** A top-level block element with attributes and one text. */
export function blockElement(node: string, attributes: Record<string, unknown>, text: string): Y.XmlElement {
  const element = new Y.XmlElement(node);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value as string);
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  return element;
}

/** A bare Y.XmlText standing at the top of the content fragment, where a block should be. */
export function insertBareText(doc: Y.Doc, at: number, text: string): void {
  const bare = new Y.XmlText();
  bare.insert(0, text);
  contentOf(doc).insert(at, [bare]);
}

/** A block of a node type the editor does not know (`table`), holding `text`. */
export function insertUnknownBlock(doc: Y.Doc, at: number, node: string, text: string): void {
  contentOf(doc).insert(at, [blockElement(node, {}, text)]);
}

/** Puts the mark `mark` (a formatting key the editor does not know) on the first `word` of block `index`. */
export function markWord(doc: Y.Doc, index: number, word: string, mark: string): void {
  const text = firstText(doc, index);
  const from = plain(text).indexOf(word);
  if (from < 0) throw new Error(`"${word}" is not in block ${index}`);
  text.format(from, word.length, { [mark]: true });
}

/** Sets attribute `name` on block `index`. */
export function setAttribute(doc: Y.Doc, index: number, name: string, value: unknown): void {
  (contentOf(doc).get(index) as Y.XmlElement).setAttribute(name, value as string);
}

/** The first text of block `index`. */
export function firstText(doc: Y.Doc, index: number): Y.XmlText {
  const element = contentOf(doc).get(index) as Y.XmlElement;
  const text = element.toArray().find((child): child is Y.XmlText => child instanceof Y.XmlText);
  if (!text) throw new Error(`block ${index} has no text`);
  return text;
}

/** A text's characters without its formatting. */
export function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
}

/** Plain text of every top-level entry, in order (elements and bare texts alike). */
export function topLevelTexts(doc: Y.Doc): string[] {
  return contentOf(doc).toArray().map((node) => {
    if (node instanceof Y.XmlText) return plain(node);
    if (node instanceof Y.XmlElement) return node.toArray().map((child) => (child instanceof Y.XmlText ? plain(child) : "")).join("");
    return String(node);
  });
}
