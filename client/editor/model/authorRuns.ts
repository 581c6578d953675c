import type { Node as PmNode } from "@tiptap/pm/model";
import * as Y from "yjs";

/** Characters `from`..`to` of the document are the Yjs items of client `clientId` from `clock` on. */
export interface AuthorRun {
  from: number;
  to: number;
  clientId: number;
  clock: number;
}

/** A top-level block and the runs of its text, in order. */
export interface BlockRuns {
  node: PmNode;
  /** Position of the block in the editor's document (before its opening token). */
  pos: number;
  runs: AuthorRun[];
}

/**
 * Which Yjs client inserted each character of the editor's document, read
 * from the shared document the editor is bound to. Yjs keeps the inserting
 * client's id on every item, and the server binds each id to one signed-in
 * user, so this is who wrote the words, not who claims to have.
 *
 * Returns null when the two documents are not in step (the editor has a
 * change that has not reached the shared document yet): the caller keeps
 * its last reading until they are.
 */
export function readAuthorRuns(fragment: Y.XmlFragment, doc: PmNode): BlockRuns[] | null {
  const elements = fragment.toArray();
  if (elements.length !== doc.childCount) return null;
  const blocks: BlockRuns[] = [];
  let pos = 0;
  for (let index = 0; index < elements.length; index += 1) {
    const element = elements[index];
    const node = doc.child(index);
    if (!(element instanceof Y.XmlElement) || element.nodeName !== node.type.name) return null;
    const runs = readBlock(element, pos + 1);
    if (!runs || runs.end !== pos + 1 + node.content.size) return null;
    blocks.push({ node, pos, runs: runs.runs });
    pos += node.nodeSize;
  }
  return blocks;
}

/** The runs of one text block whose content starts at `start`, and where its content ends; null if it holds something unexpected. */
function readBlock(element: Y.XmlElement, start: number): { runs: AuthorRun[]; end: number } | null {
  const runs: AuthorRun[] = [];
  let offset = start;
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !item.countable) continue;
        const length = item.length;
        const last = runs[runs.length - 1];
        const { client, clock } = item.id;
        if (last && last.to === offset && last.clientId === client && last.clock + (last.to - last.from) === clock) last.to += length;
        else runs.push({ from: offset, to: offset + length, clientId: client, clock });
        offset += length;
      }
    } else if (child instanceof Y.XmlElement && child.length === 0) {
      // An inline leaf such as a hard break: one position, no words to attribute.
      offset += 1;
    } else {
      return null;
    }
  }
  return { runs, end: offset };
}
