import type { Node as PmNode } from "@tiptap/pm/model";
import * as Y from "yjs";

/**
 * Each live character's Yjs id (`client:clock`) and its position in `doc`,
 * a ProseMirror document the fragment mirrors (as y-tiptap writes it: one
 * element per block, one text per run of text, one element per inline node).
 */
export function characterPositions(fragment: Y.XmlFragment, doc: PmNode): Map<string, number> {
  const positions = new Map<string, number>();
  let blockPos = 0;
  fragment.toArray().forEach((element, index) => {
    let pos = blockPos + 1;
    blockPos += doc.child(index).nodeSize;
    for (const child of (element as Y.XmlElement).toArray()) {
      if (!(child instanceof Y.XmlText)) {
        pos += 1;
        continue;
      }
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        for (let k = 0; k < item.length; k++) positions.set(`${item.id.client}:${item.id.clock + k}`, pos++);
      }
    }
  });
  return positions;
}
