import type { Editor } from "@tiptap/core";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { readPresenceUser } from "../collab/readPresence.js";
import { labelsOf } from "./plugins/paragraphLabels.js";

/** A change others made to the paragraph of the caret, as it is announced. */
export interface RemoteChange {
  /** How people refer to the paragraph ("OP3"). */
  reference: string;
  /** Who changed it (delegations, or names of people without one); empty when no one can be named. */
  who: string[];
}

/** What the watcher reads and whom it tells. */
export interface RemoteChangeSource {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  editor: Editor;
  /** How this user appears to others: changes by the same person in another window are their own. */
  self: { name: string; delegation: string | null };
  announce: (change: RemoteChange) => void;
  /** Changes seen within this time after one is first seen go into the same announcement. */
  gatherMs?: number;
  /** At least this long between two announcements, however busy the paragraph. */
  spacingMs?: number;
}

/** The top-level block of the fragment that `type` is in, or null for the fragment itself. */
function topLevelOf(fragment: Y.XmlFragment, type: Y.AbstractType<unknown> | null): Y.XmlElement | null {
  let current: Y.AbstractType<unknown> | null = type;
  while (current && current.parent && current.parent !== fragment) current = current.parent as Y.AbstractType<unknown>;
  return current && current.parent === fragment && current instanceof Y.XmlElement ? current : null;
}

/** The pid and reference of the block holding the caret, or null. */
function caretParagraph(editor: Editor): { pid: string; reference: string } | null {
  if (editor.isDestroyed) return null;
  const from = editor.state.selection.from;
  const { blocks, labels } = labelsOf(editor.state);
  const block = blocks.find((b) => b.pos < from && from < b.pos + b.node.nodeSize);
  const reference = block?.storedPid ? labels.get(block.storedPid)?.reference : null;
  return block?.storedPid && reference ? { pid: block.storedPid, reference } : null;
}

/**
 * Watches the shared text for changes made elsewhere (never this window's
 * own edits or undos: those are local Yjs transactions) to the paragraph the
 * caret is in, and announces them gathered: once the paragraph has been
 * quiet for `gatherMs` (or `spacingMs` after the first change), and at least
 * `spacingMs` after the last announcement, so a delegate typing a sentence
 * is one announcement.
 * Returns the function that stops watching.
 */
export function watchRemoteChanges(source: RemoteChangeSource): () => void {
  const { fragment, awareness, editor, self } = source;
  const gatherMs = source.gatherMs ?? 1_500;
  const spacingMs = source.spacingMs ?? 5_000;
  let pending: { pid: string; reference: string; who: Set<string>; someone: boolean; first?: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastAt = -Infinity;

  /** The name others know a client by, from its presence; null when it has none (the server, a closed window). */
  const nameOf = (client: number): string | null | "self" => {
    const user = readPresenceUser(awareness.getStates().get(client)?.user);
    if (!user) return null;
    if (user.name === self.name && user.delegation === self.delegation) return "self";
    return user.delegation ?? user.name;
  };

  /** Clients whose caret is in `block`: who deleted words there (a deletion does not say who made it). */
  const caretsIn = (block: Y.XmlElement): number[] => {
    const doc = fragment.doc;
    if (!doc) return [];
    const found: number[] = [];
    awareness.getStates().forEach((state, client) => {
      const cursor = (state as { cursor?: { head?: unknown } }).cursor;
      if (client === doc.clientID || !cursor?.head) return;
      try {
        const at = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(cursor.head), doc);
        if (at && topLevelOf(fragment, at.type as Y.AbstractType<unknown>) === block) found.push(client);
      } catch {
        // A caret announced for content this window has not received yet is no one's for now.
      }
    });
    return found;
  };

  const flush = () => {
    timer = null;
    if (!pending) return;
    const { reference, who, someone } = pending;
    pending = null;
    if (who.size === 0 && !someone) return;
    lastAt = Date.now();
    source.announce({ reference, who: [...who] });
  };

  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.local) return;
    const caret = caretParagraph(editor);
    if (!caret) return;
    const block = events.map((e) => topLevelOf(fragment, e.target)).find((b) => b && b.getAttribute("pid") === caret.pid);
    if (!block) return;
    // Whoever wrote new characters in this transaction; for a deletion, whoever has a caret in the paragraph.
    let writers = [...transaction.afterState.keys()].filter((client) => (transaction.beforeState.get(client) ?? 0) < transaction.afterState.get(client)!);
    if (writers.length === 0) writers = caretsIn(block);
    const names = writers.map(nameOf);
    if (names.length > 0 && names.every((n) => n === "self")) return;
    if (!pending || pending.pid !== caret.pid) pending = { pid: caret.pid, reference: caret.reference, who: new Set(), someone: false };
    for (const name of names) if (name && name !== "self") pending.who.add(name);
    if (names.length === 0 || names.includes(null)) pending.someone = true;
    // Gathered until the paragraph has been quiet for `gatherMs` (at most `spacingMs` after the first change), and spaced out.
    const now = Date.now();
    pending.first ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(Math.min(gatherMs, pending.first + spacingMs - now), lastAt + spacingMs - now, 0));
  };

  fragment.observeDeep(observer);
  return () => {
    fragment.unobserveDeep(observer);
    if (timer) clearTimeout(timer);
  };
}
