import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { pidOf } from "../model/pmBlocks.js";
import { isFromYjs } from "../model/remote.js";
import { blocksInRanges, mapRanges, touchedRanges, type Range, type TopBlock } from "../model/touchedBlocks.js";

/** Plugin key; its meta marks the transactions this plugin appends. */
export const pidIntegrityKey = new PluginKey("pidIntegrity");

/** What the plugin needs from its host. */
export interface PidIntegrityOptions {
  /** Fixes are written only by someone who may edit (observers never write). */
  isEditable: () => boolean;
  newPid: () => string;
}

/** Where the local transactions of one dispatch changed the final document. */
function localRanges(transactions: readonly Transaction[]): Range[] | null {
  let ranges: Range[] = [];
  for (const tr of transactions) {
    if (!tr.docChanged) continue;
    if (isFromYjs(tr)) return null;
    ranges = [...mapRanges(ranges, tr.mapping), ...touchedRanges(tr).after];
  }
  return ranges;
}

/**
 * The blocks that need a fresh pid: touched blocks without one, and touched
 * blocks repeating a pid that an untouched block (or an earlier touched one)
 * keeps. Untouched blocks are never renamed, so two clients never fight over
 * a pid: each fixes only what its own edits produced.
 */
export function blocksNeedingPid(doc: PmNode, touched: TopBlock[]): TopBlock[] {
  if (touched.length === 0) return [];
  const touchedIndexes = new Set(touched.map((b) => b.index));
  const keptByUntouched = new Set<string>();
  doc.forEach((node, _pos, index) => {
    const pid = pidOf(node);
    if (pid && !touchedIndexes.has(index)) keptByUntouched.add(pid);
  });
  const keptByTouched = new Set<string>();
  const needing: TopBlock[] = [];
  for (const block of touched) {
    if (!("pid" in block.node.attrs)) continue;
    const pid = pidOf(block.node);
    if (pid === null || keptByUntouched.has(pid) || keptByTouched.has(pid)) needing.push(block);
    else keptByTouched.add(pid);
  }
  return needing;
}

/** Gives `blocks` fresh pids; a renamed paragraph is a new one: open, with no frozen label. */
export function renameBlocks(state: EditorState, blocks: TopBlock[], newPid: () => string): Transaction {
  const tr = state.tr;
  for (const { node, pos } of blocks) {
    tr.setNodeAttribute(pos, "pid", newPid());
    if ("status" in node.attrs && node.attrs.status !== "open") tr.setNodeAttribute(pos, "status", "open");
    if ("frozenLabel" in node.attrs && node.attrs.frozenLabel !== null) tr.setNodeAttribute(pos, "frozenLabel", null);
    if ("importedLabel" in node.attrs && node.attrs.importedLabel !== null) tr.setNodeAttribute(pos, "importedLabel", null);
  }
  return tr.setMeta(pidIntegrityKey, true);
}

/**
 * Keeps every block's pid present and unique: after a local edit (split,
 * paste, new paragraph), the blocks it produced without a pid or with a
 * copied one get a fresh pid in the same transaction (one undo step, one
 * Yjs update). Edits from others are left alone.
 */
export function pidIntegrityPlugin(options: PidIntegrityOptions): Plugin {
  return new Plugin({
    key: pidIntegrityKey,
    appendTransaction(transactions, _oldState, state) {
      if (!options.isEditable()) return null;
      const ranges = localRanges(transactions);
      if (!ranges || ranges.length === 0) return null;
      const needing = blocksNeedingPid(state.doc, blocksInRanges(state.doc, ranges));
      return needing.length > 0 ? renameBlocks(state, needing, options.newPid) : null;
    },
  });
}
