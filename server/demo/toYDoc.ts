import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema } from "../../schemas/editor/extensions.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { newPid } from "../../shared/paragraphs/pid.js";
import type { DemoBlock } from "./content/types.js";

type PmNode = { type: string; attrs?: Record<string, unknown>; content?: { type: "text"; text: string }[] };

function toNode(block: DemoBlock): PmNode {
  const content = block.text ? [{ type: "text" as const, text: block.text }] : [];
  const pid = newPid();
  switch (block.type) {
    case "paragraph":
      return { type: "paragraph", attrs: { pid, status: "open", level: block.level ?? 1 }, content };
    case "verbPhrase":
      return { type: "verbPhrase", attrs: { pid, part: block.part }, content };
    default:
      return { type: block.type, attrs: { pid }, content };
  }
}

/** Builds the Yjs state of a document from blocks, through the same schema the editor uses. */
export function blocksToYUpdate(blocks: DemoBlock[]): Uint8Array {
  const json = { type: "doc", content: blocks.map(toNode) };
  const doc = prosemirrorJSONToYDoc(documentSchema(), json, CONTENT_FIELD);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
