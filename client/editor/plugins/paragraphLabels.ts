import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { DocumentLanguage, DocumentStyle, ParagraphStatus } from "../../../schemas/domain.js";
import { numberParagraphs, type ParagraphLabel } from "../../../shared/paragraphs/numbering.js";
import { readPmBlocks, type PmBlock } from "../model/pmBlocks.js";

/** The numbering of the current document: its blocks, their labels, and the margin decorations. */
export interface ParagraphLabelsState {
  blocks: PmBlock[];
  /** Label per block pid (placeholders included for blocks without a unique pid). */
  labels: Map<string, ParagraphLabel>;
  decorations: DecorationSet;
  /** Label and status of every paragraph in order: when it is unchanged, the old decorations are mapped, not rebuilt. */
  signature: string;
  /** Milliseconds the last recomputation took (for measurements). */
  lastComputeMs: number;
}

/** Options: how the document is numbered and how statuses are spelled out in the margin. */
export interface ParagraphLabelsOptions {
  style: DocumentStyle;
  language: DocumentLanguage;
  /** The words shown under the label of an agreed or deleted paragraph (a cue besides colour). */
  statusText: (status: Exclude<ParagraphStatus, "open">) => string;
}

/** Plugin key, for reading the labels from other code. */
export const paragraphLabelsKey = new PluginKey<ParagraphLabelsState>("paragraphLabels");

function compute(doc: PmNode, options: ParagraphLabelsOptions, previous?: { value: ParagraphLabelsState; tr: Transaction }): ParagraphLabelsState {
  const started = performance.now();
  const blocks = readPmBlocks(doc);
  const labels = numberParagraphs(blocks, options.style, options.language);
  const paragraphs = blocks.filter((b) => b.kind === "paragraph");
  const signature = paragraphs.map((b) => `${labels.get(b.pid)?.display ?? ""}|${b.status}`).join("\n");
  let decorations: DecorationSet | null = null;
  if (previous && previous.value.signature === signature) {
    // Typing changes no label: map the decorations. A Yjs update replaces the whole document, which
    // drops mapped node decorations; then the count no longer matches and they are rebuilt.
    const mapped = previous.value.decorations.map(previous.tr.mapping, doc);
    if (mapped.find().length === paragraphs.length) decorations = mapped;
  }
  decorations ??= DecorationSet.create(doc, paragraphs.map((block) => {
    const attrs: Record<string, string> = { "data-label": labels.get(block.pid)?.display ?? "" };
    if (block.status !== "open") attrs["data-status-label"] = options.statusText(block.status);
    return Decoration.node(block.pos, block.pos + block.node.nodeSize, attrs);
  }));
  return { blocks, labels, decorations, signature, lastComputeMs: performance.now() - started };
}

/**
 * Numbers the paragraphs from the live document with the shared numbering
 * rules (declaration or resolution style, frozen labels, bis/ter) and puts
 * each label in the margin as a node decoration (`data-label`, drawn by CSS),
 * with the status spelled out for agreed and deleted paragraphs.
 * Recomputed on every change; unchanged paragraphs are not read again.
 */
export function paragraphLabelsPlugin(options: ParagraphLabelsOptions): Plugin<ParagraphLabelsState> {
  return new Plugin<ParagraphLabelsState>({
    key: paragraphLabelsKey,
    state: {
      init: (_config, state) => compute(state.doc, options),
      apply: (tr, value) => (tr.docChanged ? compute(tr.doc, options, { value, tr }) : value),
    },
    props: {
      decorations(state) {
        return paragraphLabelsKey.getState(state)?.decorations ?? DecorationSet.empty;
      },
    },
  });
}

/** The numbering of `state`'s document; computed on the spot when the plugin is absent (tests, headless use). */
export function labelsOf(state: EditorState, fallback?: Omit<ParagraphLabelsOptions, "statusText">): ParagraphLabelsState {
  const value = paragraphLabelsKey.getState(state);
  if (value) return value;
  return compute(state.doc, { style: fallback?.style ?? "declaration", language: fallback?.language ?? "en", statusText: () => "" });
}

/** How people refer to the paragraph with `pid` ("OP7", "para 12"), or null when it has no label. */
export function referenceOf(state: EditorState, pid: string): string | null {
  return labelsOf(state).labels.get(pid)?.reference ?? null;
}
