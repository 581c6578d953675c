import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { TOKEN_PATTERN } from "./sharedState.js";

/** The plain text of a document's content, one line per block. */
export function documentText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(CONTENT_FIELD)
    .toArray()
    .map((block) => (block instanceof Y.XmlElement ? block.toArray().map(plainText).join("") : ""))
    .join("\n");
}

function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (!(node instanceof Y.XmlText)) return "";
  return (node.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

/** The XmlText of block `index` (creating it if the block is empty), where a user would type. */
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

/** Counts each token `⟦eE#S⟧` in a text, keyed `E#S`. */
export function countTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const key = `${match[1]}#${match[2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
