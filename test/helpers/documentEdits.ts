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
