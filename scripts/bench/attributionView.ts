import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Author } from "../../schemas/api.js";
import type { StakeholderGroup } from "../../schemas/domain.js";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import { attributionKey, attributionPlugin } from "../../client/editor/plugins/attribution.js";
import { declaration } from "../../server/demo/content/declaration.js";
import { vision } from "../../server/demo/content/vision.js";
import { outlineToYUpdate } from "../../server/documents/outlineToYDoc.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";

/**
 * `npm run bench:attribution`: how long attribution view takes to read a
 * whole document and rebuild its decorations, which it does for every remote
 * change while it is on. Two shapes of history on each demo draft: 300
 * authors each inserting 3 phrases, and the worst case of 300 authors each
 * typing 20 characters at random places (one run per character).
 */
const AUTHORS = 300;
const REBUILDS = 60;
const GROUPS: StakeholderGroup[] = ["governments", "private_sector", "civil_society", "academia_technical", "international_organizations"];
const schema = getSchema(documentExtensions);

function history(blocks: typeof vision.blocks, edits: number, words: string): Y.Doc {
  const doc = new Y.Doc();
  const placer = { userId: "u", name: "Secretariat", delegation: null, group: null };
  Y.applyUpdate(doc, outlineToYUpdate(blocks, () => ({ placer, at: "2026-11-16T09:00:00.000Z" })));
  const paragraphs = doc.getXmlFragment(CONTENT_FIELD).toArray()
    .filter((e): e is Y.XmlElement => e instanceof Y.XmlElement && e.nodeName === "paragraph");
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let author = 0; author < AUTHORS; author++) {
    doc.clientID = 10_000 + author;
    for (let k = 0; k < edits; k++) {
      const text = paragraphs[Math.floor(random() * paragraphs.length)]!.get(0) as Y.XmlText;
      text.insert(Math.floor(random() * text.length), words, {});
    }
  }
  return doc;
}

function measure(doc: Y.Doc): { runs: number; median: number; p90: number } {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const authors = new Map<number, Author>();
  const plugin = attributionPlugin({
    fragment: () => fragment,
    onSharedChange: () => () => {},
    authorsOf: (id, _clock, length) => {
      if (id < 10_000) return [{ length, author: null }];
      let author = authors.get(id);
      if (!author) authors.set(id, author = { name: `Delegate ${id}`, delegation: `Delegation ${id % 60}`, group: GROUPS[id % GROUPS.length]! });
      return [{ length, author }];
    },
    onAuthorsChange: () => () => {},
    text: () => ({
      groupName: (g) => g, groupShort: (g) => g, noDelegation: () => "none",
      proposedBy: (list) => `Proposed by: ${list.join(", ")}`, wroteBy: (a) => a.name,
    }),
  });
  let state = EditorState.create({ doc: yXmlFragmentToProseMirrorRootNode(fragment, schema), plugins: [plugin] });
  state = state.apply(state.tr.setMeta(attributionKey, { mode: "group" }));
  const times: number[] = [];
  for (let i = 0; i < REBUILDS; i++) {
    const started = performance.now();
    state = state.apply(state.tr.setMeta(attributionKey, { refresh: true }));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const runs = attributionKey.getState(state)!.decorations.find().length;
  return { runs, median: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]! };
}

console.log(`attribution view: full rebuild, ${AUTHORS} authors, median and p90 of ${REBUILDS} rebuilds`);
for (const draft of [vision, declaration]) {
  for (const [shape, edits, words] of [["3 phrases each", 3, " and inclusive digital"], ["20 scattered characters each", 20, "x"]] as const) {
    const result = measure(history(draft.blocks, edits, words));
    console.log(`${draft.title.padEnd(28)} ${shape.padEnd(30)} ${String(result.runs).padStart(6)} decorations  ` +
      `median ${result.median.toFixed(1)} ms  p90 ${result.p90.toFixed(1)} ms`);
  }
}
