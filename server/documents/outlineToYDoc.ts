import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { BracketPlacer } from "../../schemas/brackets.js";
import { documentSchema } from "../../schemas/editor/extensions.js";
import type { OutlineBlock } from "../../schemas/outline.js";
import { parseBracketedText } from "../../shared/brackets/parse.js";
import { BRACKET_MARK } from "../../shared/brackets/fromDelta.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { newPid } from "../../shared/paragraphs/pid.js";

type PmText = { type: "text"; text: string; marks?: { type: string; attrs: Record<string, unknown> }[] };
type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmText[] };

/** Who placed the typed brackets of block `index`, and when. */
export type PlacerFor = (index: number) => { placer: BracketPlacer; at: string };

function inline(text: string, index: number, placerFor: PlacerFor): PmText[] {
  const { placer, at } = placerFor(index);
  const { runs } = parseBracketedText(text, placer, at, newPid);
  return runs.map((run) => ({
    type: "text",
    text: run.text,
    ...(run.brackets.length ? { marks: run.brackets.map((b) => ({ type: BRACKET_MARK, attrs: b })) } : {}),
  }));
}

function toNode(block: OutlineBlock, index: number, placerFor: PlacerFor): PmNode {
  const content = inline(block.text, index, placerFor);
  const pid = newPid();
  switch (block.type) {
    case "paragraph":
      return {
        type: "paragraph",
        attrs: { pid, status: "open", level: block.level ?? 1, ...(block.importedLabel ? { importedLabel: block.importedLabel } : {}) },
        content,
      };
    case "verbPhrase":
      return { type: "verbPhrase", attrs: { pid, part: block.part }, content };
    default:
      return { type: block.type, attrs: { pid }, content };
  }
}

/**
 * Builds the Yjs state of a document from an outline through the same schema
 * the editor uses; typed square brackets become bracket marks attributed to
 * whoever `placerFor` names (the importer, or demo delegations).
 */
export function outlineToYUpdate(blocks: OutlineBlock[], placerFor: PlacerFor): Uint8Array {
  const json = { type: "doc", content: blocks.map((b, i) => toNode(b, i, placerFor)) };
  const doc = prosemirrorJSONToYDoc(documentSchema(), json, CONTENT_FIELD);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
