import { isMacOS } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { keymap } from "@tiptap/pm/keymap";
import { TextSelection, type Command, type EditorState, type Plugin, type Transaction } from "@tiptap/pm/state";
import { canJoin } from "@tiptap/pm/transform";

/*
 * Enter, Backspace and Delete at the edges of a paragraph, so that a
 * paragraph's identity (pid, status, frozen label: what comments,
 * attribution and numbering refer to) stays with its text. ProseMirror's own
 * commands keep the identity on the first half of a split and the first
 * block of a join: right in the middle of a paragraph, wrong at its edges.
 */

/** The top-level block the caret is in, with where it starts, when the caret is at its start (`"start"`) or end (`"end"`). */
function caretAtEdge(state: EditorState, edge: "start" | "end"): { block: PmNode; pos: number; index: number } | null {
  const { selection } = state;
  if (!(selection instanceof TextSelection) || !selection.$cursor) return null;
  const $cursor = selection.$cursor;
  if ($cursor.depth !== 1) return null;
  const atEdge = edge === "start" ? $cursor.parentOffset === 0 : $cursor.parentOffset === $cursor.parent.content.size;
  return atEdge ? { block: $cursor.parent, pos: $cursor.before(1), index: $cursor.index(0) } : null;
}

/** A block that may go without a trace: not in the last revision, not agreed or deleted. */
function removable(block: PmNode): boolean {
  return (block.attrs.frozenLabel ?? null) === null && (block.attrs.status ?? "open") === "open";
}

const isEmpty = (block: PmNode) => block.isTextblock && block.content.size === 0;

/**
 * Enter at the start of a non-empty block (also once a selection is
 * deleted): a new empty paragraph goes before it and the caret stays at the
 * start of the text, so the block keeps its node and with it its identity.
 * The new paragraph is open, unlabelled (a "bis"), at the block's level when
 * the block is a paragraph. Anywhere else, returns false and the usual split
 * runs: the first half keeps the identity and the second half is new.
 */
export function enterAtStart(newPid: () => string): Command {
  return (state, dispatch) => {
    if (!(state.selection instanceof TextSelection)) return false;
    const tr = state.tr;
    if (!state.selection.empty) tr.deleteSelection();
    const $cursor = tr.selection.$from;
    if ($cursor.depth !== 1 || $cursor.parentOffset !== 0 || $cursor.parent.content.size === 0) return false;
    const block = $cursor.parent;
    const level = block.type.name === "paragraph" && Number(block.attrs.level) >= 2 ? 2 : 1;
    const paragraph = state.schema.nodes.paragraph!.create({ pid: newPid(), status: "open", level, frozenLabel: null });
    if (dispatch) dispatch(tr.insert($cursor.before(1), paragraph).scrollIntoView());
    return true;
  };
}

/**
 * Joins the blocks meeting at `cut`: an empty, removable block next to the
 * caret goes (`prefer` names which one to try first), else the second block
 * is joined onto the first, which keeps its identity. Whether the join is
 * allowed is the client guard's to say; a prevented join is still the key's
 * whole effect, never another command's.
 */
function joinAt(state: EditorState, cut: number, prefer: "before" | "after", dispatch?: (tr: Transaction) => void): boolean {
  const $cut = state.doc.resolve(cut);
  const before = $cut.nodeBefore;
  const after = $cut.nodeAfter;
  if (!before?.isTextblock || !after?.isTextblock || !canJoin(state.doc, cut)) return false;
  const goes = (block: PmNode) => isEmpty(block) && removable(block);
  const drop = prefer === "before"
    ? (goes(before) ? "before" : goes(after) ? "after" : null)
    : (goes(after) ? "after" : goes(before) ? "before" : null);
  const tr = state.tr;
  if (drop === "before") {
    // The caret stays at the start of the block after, now where the empty one began.
    tr.delete(cut - before.nodeSize, cut);
    tr.setSelection(TextSelection.create(tr.doc, cut - before.nodeSize + 1));
  } else if (drop === "after") {
    tr.delete(cut, cut + after.nodeSize);
    tr.setSelection(TextSelection.create(tr.doc, cut - 1));
  } else {
    tr.join(cut);
  }
  if (dispatch) dispatch(tr.scrollIntoView());
  return true;
}

/**
 * Backspace at the start of a block after another: an empty, removable block
 * before it is deleted (undoing an Enter at the start); otherwise the block is
 * joined onto the one before, which the guard stops when it would remove a
 * paragraph of the last revision or change frozen text.
 */
export const backspaceAtStart: Command = (state, dispatch) => {
  const at = caretAtEdge(state, "start");
  if (!at || at.index === 0) return false;
  return joinAt(state, at.pos, "before", dispatch);
};

/**
 * Delete at the end of a block before another: an empty, removable block
 * after it is deleted; otherwise the next block is joined onto this one,
 * under the same rules as Backspace.
 */
export const deleteAtEnd: Command = (state, dispatch) => {
  const at = caretAtEdge(state, "end");
  if (!at || at.index === state.doc.childCount - 1) return false;
  return joinAt(state, at.pos + at.block.nodeSize, "after", dispatch);
};

/** The keys TipTap's core keymap binds to Backspace and Delete (some only on Apple systems). */
function deletionKeys(): { backward: string[]; forward: string[] } {
  const mac = isMacOS();
  return {
    backward: ["Backspace", "Mod-Backspace", "Shift-Backspace", ...(mac ? ["Ctrl-h", "Alt-Backspace"] : [])],
    forward: ["Delete", "Mod-Delete", ...(mac ? ["Ctrl-d", "Ctrl-Alt-Backspace", "Alt-Delete", "Alt-d"] : [])],
  };
}

/**
 * The paragraph keys, ahead of TipTap's core keymap (Enter at the start,
 * Backspace and Delete at a paragraph's edges); other presses fall through
 * to it unchanged.
 */
export function paragraphKeysPlugin(options: { newPid: () => string }): Plugin {
  const keys = deletionKeys();
  return keymap({
    Enter: enterAtStart(options.newPid),
    ...Object.fromEntries(keys.backward.map((key) => [key, backspaceAtStart])),
    ...Object.fromEntries(keys.forward.map((key) => [key, deleteAtEnd])),
  });
}
