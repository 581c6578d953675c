import type { Node as PmNode, Schema } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { checkChanges, type RuleUser, type RuleViolation } from "../../../shared/document/changeRules.js";
import { changesOf } from "./localChanges.js";
import { EARLIER_IN_THIS_WINDOW, rememberImportedLabels } from "./pmBlocks.js";

/** The parts of the Yjs undo manager read here: its steps, and what it must never delete. */
export interface UndoStacks {
  undoStack: Y.UndoManager["undoStack"];
  redoStack: Y.UndoManager["redoStack"];
  /** y-tiptap keeps paragraphs and texts that still hold content when their insertion is undone. */
  deleteFilter: Y.UndoManager["deleteFilter"];
  ignoreRemoteMapChanges: boolean;
}

export type UndoKind = "undo" | "redo";

/** What an undo or redo would make of the document, and how many steps of its stack it takes. */
export interface UndoPreview {
  doc: PmNode;
  steps: number;
}

/**
 * Runs an undo (or redo) of `stacks` on a copy of `ydoc`, by an undo
 * manager set up like the real one, and reads the result as the editor
 * would show it. The copy keeps deleted content (so
 * deletions can be restored) and which items a redo restored as which (so
 * an older step finds the words it wrote where they are now). Yjs pops
 * further steps when the top one changes nothing; `steps` says how many.
 * Null when there is nothing to undo.
 */
export function previewUndo(ydoc: Y.Doc, field: string, stacks: UndoStacks, kind: UndoKind, schema: Schema): UndoPreview | null {
  const stack = kind === "undo" ? stacks.undoStack : stacks.redoStack;
  if (stack.length === 0) return null;
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(ydoc));
  copyRedone(ydoc, copy);
  const fragment = copy.getXmlFragment(field);
  const manager = new Y.UndoManager(fragment, { deleteFilter: stacks.deleteFilter, ignoreRemoteMapChanges: stacks.ignoreRemoteMapChanges });
  if (kind === "undo") manager.undoStack = [...stack];
  else manager.redoStack = [...stack];
  if (kind === "undo") manager.undo();
  else manager.redo();
  const steps = stack.length - (kind === "undo" ? manager.undoStack.length : manager.redoStack.length);
  const doc = yXmlFragmentToProseMirrorRootNode(fragment, schema);
  manager.destroy();
  copy.destroy();
  return { doc, steps };
}

/** Sets, in `copy`, every item's link to the item a redo restored it as (not part of the encoded state). */
function copyRedone(ydoc: Y.Doc, copy: Y.Doc): void {
  const links: { id: Y.ID; length: number; redone: Y.ID }[] = [];
  ydoc.store.clients.forEach((structs) => {
    for (const struct of structs) {
      if (struct instanceof Y.Item && struct.redone !== null) links.push({ id: struct.id, length: struct.length, redone: struct.redone });
    }
  });
  if (links.length === 0) return;
  copy.transact((transaction) => {
    for (const { id, length, redone } of links) {
      const item = Y.getItemCleanStart(transaction, id);
      Y.getItemCleanEnd(transaction, copy.store, Y.createID(id.client, id.clock + length - 1));
      item.redone = redone;
    }
  });
}

/** A transaction of `state` that turns its document into `after`, touching only what differs. */
function replacing(state: EditorState, after: PmNode): Transaction | null {
  const before = state.doc;
  const start = before.content.findDiffStart(after.content);
  if (start === null) return null;
  let { a: endA, b: endB } = before.content.findDiffEnd(after.content)!;
  const overlap = start - Math.min(endA, endB);
  if (overlap > 0) {
    endA += overlap;
    endB += overlap;
  }
  try {
    const tr = state.tr.replace(start, endA, after.slice(start, endB));
    if (tr.doc.eq(after)) return tr;
  } catch {
    // The slice does not fit there: replace the whole document below.
  }
  return state.tr.replaceWith(0, before.content.size, after.content);
}

/**
 * The rule an undo (or redo) giving `after` would break for `user`, as the
 * server would find it, or null. The Yjs undo manager only deletes what
 * this user wrote and restores what they deleted, so the rules on blocks
 * decide: text of a paragraph agreed since, a paragraph of a revision issued
 * since, a status or label set since by a facilitator.
 */
export function undoViolation(state: EditorState, after: PmNode, user: RuleUser): RuleViolation | null {
  const tr = replacing(state, after);
  rememberImportedLabels(state.doc);
  return tr ? checkChanges(user, changesOf(tr), EARLIER_IN_THIS_WINDOW) : null;
}
