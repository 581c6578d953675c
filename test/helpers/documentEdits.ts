import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";

/** The XmlText of the n-th block of a document (0-based), where a user would type. */
export function blockText(doc: Y.Doc, index: number): Y.XmlText {
  const block = doc.getXmlFragment(CONTENT_FIELD).get(index);
  if (!(block instanceof Y.XmlElement)) throw new Error(`no block ${index}`);
  let text = block.get(0);
  if (!(text instanceof Y.XmlText)) {
    text = new Y.XmlText();
    block.insert(0, [text]);
  }
  return text as Y.XmlText;
}

/** Appends words at the end of the n-th block, as typing would. */
export function typeAtEnd(doc: Y.Doc, index: number, words: string): void {
  const text = blockText(doc, index);
  text.insert(text.length, words);
}

/**
 * `count` changes to a copy of `doc`, each of `items` characters typed one
 * at a time at the same place in the n-th block (each before the last: one
 * Yjs item per character) and merged into one update, the c-th change
 * typing the digit c: large changes, as a paste would not make them.
 */
export function changesOfManyItems(doc: Y.Doc, index: number, count: number, items: number): Uint8Array[] {
  const source = new Y.Doc();
  Y.applyUpdate(source, Y.encodeStateAsUpdate(doc));
  const at = blockText(source, index).length;
  return Array.from({ length: count }, (_, change) => {
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    source.on("update", collect);
    for (let i = 0; i < items; i++) blockText(source, index).insert(at, String(change % 10));
    source.off("update", collect);
    return Y.mergeUpdates(updates);
  });
}
