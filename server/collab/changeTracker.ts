import * as Y from "yjs";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { BlockChange, BlockState } from "../../shared/document/changeRules.js";
import { blockStateOf, contentOf, topLevelElement } from "../../shared/document/yBlocks.js";

export type { BlockChange, BlockState } from "../../shared/document/changeRules.js";

const stateOf = blockStateOf;

/**
 * Watches a document's content and reports, for each applied update, which
 * top-level blocks it added, deleted or changed, with their state before and
 * after. "Before" comes from snapshots kept since the last accepted update,
 * so the cost is proportional to what the update touched.
 */
export class ChangeTracker {
  private readonly snapshots = new WeakMap<Y.XmlElement, BlockState>();
  private readonly fragment: Y.XmlFragment;
  /** Every bracket seen in this document since the room loaded, by id, as JSON of its attributes. */
  private readonly seenBrackets = new Map<string, string>();
  /** Set while an update is being applied: what the observer saw, read inside the handler as Yjs requires. */
  private seen: { added: Set<Y.XmlElement>; deleted: Set<Y.XmlElement>; touched: Set<Y.XmlElement> } | null = null;
  private pendingCommit: { added: Set<Y.XmlElement>; touched: Set<Y.XmlElement> } | null = null;

  constructor(doc: Y.Doc) {
    this.fragment = contentOf(doc);
    for (const node of this.fragment.toArray()) {
      if (node instanceof Y.XmlElement) {
        const state = stateOf(node);
        if (state) this.remember(node, state);
      }
    }
    this.fragment.observeDeep((events) => {
      if (this.seen) this.record(events, this.seen);
    });
  }

  private remember(element: Y.XmlElement, state: BlockState): void {
    this.snapshots.set(element, state);
    for (const b of state.brackets.values()) this.seenBrackets.set(b.bracket.id, JSON.stringify(b.bracket));
  }

  /** Whether a bracket with exactly these attributes existed in this document before (an undo restoring it). */
  existedBefore(bracket: BracketAttrs): boolean {
    return this.seenBrackets.get(bracket.id) === JSON.stringify(bracket);
  }

  private record(
    events: Y.YEvent<Y.AbstractType<unknown>>[],
    seen: { added: Set<Y.XmlElement>; deleted: Set<Y.XmlElement>; touched: Set<Y.XmlElement> },
  ): void {
    for (const event of events) {
      if (event.target === this.fragment) {
        for (const item of event.changes.added) {
          const type = (item.content as Y.ContentType).type;
          if (type instanceof Y.XmlElement) seen.added.add(type);
        }
        for (const item of event.changes.deleted) {
          const type = (item.content as Y.ContentType).type;
          if (type instanceof Y.XmlElement) seen.deleted.add(type);
        }
      } else {
        const element = topLevelElement(event.target, this.fragment);
        if (element) seen.touched.add(element);
      }
    }
  }

  /** Runs `apply` (which applies one update) and returns the block changes it made. */
  capture(apply: () => void): BlockChange[] {
    const seen = { added: new Set<Y.XmlElement>(), deleted: new Set<Y.XmlElement>(), touched: new Set<Y.XmlElement>() };
    this.seen = seen;
    try {
      apply();
    } finally {
      this.seen = null;
    }
    const { added, deleted, touched } = seen;
    const changes: BlockChange[] = [];
    for (const element of added) {
      if (deleted.has(element)) continue;
      const after = stateOf(element);
      if (after) changes.push({ kind: "added", after });
    }
    for (const element of deleted) {
      const before = this.snapshots.get(element);
      if (before && !added.has(element)) changes.push({ kind: "deleted", before });
    }
    for (const element of touched) {
      if (added.has(element) || deleted.has(element)) continue;
      const before = this.snapshots.get(element);
      const after = stateOf(element);
      if (before && after) changes.push({ kind: "changed", before, after });
      else if (after) changes.push({ kind: "added", after });
    }
    this.pendingCommit = { added, touched };
    return changes;
  }

  /** Accepts the last captured update: its "after" states become the new snapshots. */
  commit(): void {
    if (!this.pendingCommit) return;
    for (const element of [...this.pendingCommit.added, ...this.pendingCommit.touched]) {
      const state = stateOf(element);
      if (state) this.remember(element, state);
    }
    this.pendingCommit = null;
  }
}
