import { getSchema } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Plugin } from "@tiptap/pm/state";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import type { ParagraphStatus } from "../../schemas/domain.js";
import type { RuleUser } from "../../shared/document/changeRules.js";

/** The editor's schema, exactly as the browser and the server build it. */
export const schema = getSchema(documentExtensions);

/** People of the demo process, as the rules see them. */
export const people = {
  arcadia: { id: "u-arcadia", displayName: "Elena Marek", role: "delegate", delegation: { name: "Republic of Arcadia", stakeholderGroup: "governments" } },
  civil: { id: "u-civil", displayName: "Amara Diallo", role: "delegate", delegation: { name: "Digital Rights Network", stakeholderGroup: "civil_society" } },
  chair: { id: "u-chair", displayName: "Jonas Lindqvist", role: "facilitator", delegation: null },
  observer: { id: "u-observer", displayName: "Nadia Petrova", role: "observer", delegation: null },
} satisfies Record<string, RuleUser>;

/** A bracket placed by `who` (default Arcadia) with id `id`. */
export function bracket(id: string, who: RuleUser = people.arcadia, extra: Partial<BracketAttrs> = {}): BracketAttrs {
  return {
    id,
    alt: null,
    userId: who.id,
    name: who.displayName,
    delegation: who.delegation?.name ?? null,
    group: who.delegation?.stakeholderGroup ?? null,
    at: "2026-11-16T09:00:00.000Z",
    ...extra,
  };
}

/** Text carrying the given brackets. */
export function t(text: string, ...brackets: BracketAttrs[]): PmNode {
  return schema.text(text, brackets.map((b) => schema.marks.bracket!.create(b)));
}

type Inline = string | PmNode;
const inline = (content: Inline[]) => content.map((c) => (typeof c === "string" ? schema.text(c) : c));

/** A paragraph with its negotiated attributes. */
export function p(attrs: { pid: string | null; status?: ParagraphStatus; level?: number; frozenLabel?: string | null; importedLabel?: string | null }, ...content: Inline[]): PmNode {
  return schema.nodes.paragraph!.create({ status: "open", level: 1, frozenLabel: null, ...attrs }, inline(content));
}

/** A section heading. */
export function h(pid: string, text: string): PmNode {
  return schema.nodes.sectionHeading!.create({ pid }, inline([text]));
}

/** A document of blocks. */
export function doc(...blocks: PmNode[]): PmNode {
  return schema.nodes.doc!.create(null, blocks);
}

/** The position just before the `occurrence`-th appearance of `text` in the document's text blocks. */
export function posOf(node: PmNode, text: string, occurrence = 0): number {
  let seen = 0;
  let found = -1;
  node.descendants((block, pos) => {
    if (found >= 0 || !block.isTextblock) return found < 0;
    const content = block.textBetween(0, block.content.size, "\n", "\n");
    let index = content.indexOf(text);
    while (index >= 0) {
      if (seen++ === occurrence) {
        found = pos + 1 + index;
        return false;
      }
      index = content.indexOf(text, index + 1);
    }
    return false;
  });
  if (found < 0) throw new Error(`"${text}" not in the document`);
  return found;
}

/** An editor state over `node`, with `plugins`, the selection covering `select` (text) or at `caret` (position). */
export function stateOf(node: PmNode, options: { plugins?: Plugin[]; select?: string; caret?: number } = {}): EditorState {
  const state = EditorState.create({ doc: node, schema, plugins: options.plugins ?? [] });
  if (options.select !== undefined) {
    const from = posOf(node, options.select);
    return state.apply(state.tr.setSelection(TextSelection.create(node, from, from + options.select.length)));
  }
  if (options.caret !== undefined) return state.apply(state.tr.setSelection(TextSelection.create(node, options.caret)));
  return state;
}

/** Text of every block, one string per block. */
export function texts(node: PmNode): string[] {
  const out: string[] = [];
  node.forEach((block) => out.push(block.textContent));
  return out;
}

/** A counter-based id source: b1, b2 ... */
export function ids(prefix = "n"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
