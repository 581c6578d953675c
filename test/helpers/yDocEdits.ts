import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { isBracketAttribute } from "../../shared/brackets/fromDelta.js";
import { contentOf, readBlocks } from "../../shared/document/yBlocks.js";
import { newPid } from "../../shared/paragraphs/pid.js";

/** Index of the first top-level paragraph matching a predicate on its block. */
export function findParagraph(doc: Y.Doc, test: (b: ReturnType<typeof readBlocks>[number]) => boolean): number {
  const blocks = contentOf(doc).toArray();
  for (let i = 0; i < blocks.length; i++) {
    const el = blocks[i];
    if (!(el instanceof Y.XmlElement) || el.nodeName !== "paragraph") continue;
    const block = readBlocks(doc).find((b) => b.pid === el.getAttribute("pid"));
    if (block && test(block)) return i;
  }
  throw new Error("no such paragraph");
}

/** The element and its first text of top-level block `index`. */
export function elementAt(doc: Y.Doc, index: number): { element: Y.XmlElement; text: Y.XmlText } {
  const element = contentOf(doc).get(index) as Y.XmlElement;
  return { element, text: element.get(0) as Y.XmlText };
}

/** Takes every bracket off block `index`, leaving the words (what "remove brackets" does). */
export function unbracketAll(doc: Y.Doc, index: number): void {
  const { text } = elementAt(doc, index);
  doc.transact(() => {
    let offset = 0;
    for (const op of text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]) {
      const keys = Object.keys(op.attributes ?? {}).filter(isBracketAttribute);
      if (keys.length) text.format(offset, op.insert.length, Object.fromEntries(keys.map((k) => [k, null])));
      offset += op.insert.length;
    }
  });
}

/** Brackets `length` characters at `from` in block `index` with the given attribution. */
export function placeBracket(doc: Y.Doc, index: number, from: number, length: number, attrs: BracketAttrs): void {
  elementAt(doc, index).text.format(from, length, { [`bracket--${attrs.id.padEnd(8, "x").slice(0, 8)}`]: attrs });
}

/** A bracket attributed to `user`, as the editor would stamp it. */
export function bracketBy(user: UserView, id: string): BracketAttrs {
  return {
    id,
    alt: null,
    userId: user.id,
    name: user.displayName,
    delegation: user.delegation?.name ?? null,
    group: user.delegation?.stakeholderGroup ?? null,
    at: new Date().toISOString(),
  };
}

/** Inserts a new open paragraph with `text` before the block standing at `index` of the content (a fresh pid); returns it. */
export function insertParagraph(doc: Y.Doc, index: number, text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("pid", newPid());
  paragraph.setAttribute("status", "open");
  paragraph.setAttribute("level", 1 as unknown as string);
  paragraph.insert(0, [new Y.XmlText(text)]);
  contentOf(doc).insert(index, [paragraph]);
  return paragraph;
}
