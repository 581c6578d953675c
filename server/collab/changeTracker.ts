import * as Y from "yjs";
import type { ParagraphStatus } from "../../schemas/domain.js";
import { listBrackets, type BracketSummary } from "../../shared/brackets/tokens.js";
import { contentOf, plainText, readBlock, topLevelElement } from "../../shared/document/yBlocks.js";

/** What the rules need to know of a block at one moment. */
export interface BlockState {
  pid: string;
  kind: string;
  status: ParagraphStatus;
  frozenLabel: string | null;
  level: number;
  text: string;
  brackets: Map<string, BracketSummary>;
}

/** How one top-level block changed in one update. */
export type BlockChange =
  | { kind: "added"; after: BlockState }
  | { kind: "deleted"; before: BlockState }
  | { kind: "changed"; before: BlockState; after: BlockState };

function stateOf(element: Y.XmlElement): BlockState | null {
  const block = readBlock(element);
  if (!block) return null;
  return {
    pid: block.pid,
    kind: block.kind,
    status: block.status,
    frozenLabel: block.frozenLabel ?? null,
    level: block.level ?? 1,
    text: plainText(block),
    brackets: new Map(listBrackets(block.runs).map((b) => [b.bracket.id, b])),
  };
}

/**
 * Watches a document's content and reports, for each applied update, which
 * top-level blocks it added, deleted or changed, with their state before and
 * after. "Before" comes from snapshots kept since the last accepted update,
 * so the cost is proportional to what the update touched.
 */
export class ChangeTracker {
  private readonly snapshots = new WeakMap<Y.XmlElement, BlockState>();
  private readonly fragment: Y.XmlFragment;
  private events: Y.YEvent<Y.AbstractType<unknown>>[] | null = null;
  private pendingCommit: { added: Set<Y.XmlElement>; touched: Set<Y.XmlElement> } | null = null;

  constructor(doc: Y.Doc) {
    this.fragment = contentOf(doc);
    for (const node of this.fragment.toArray()) {
      if (node instanceof Y.XmlElement) {
        const state = stateOf(node);
        if (state) this.snapshots.set(node, state);
      }
    }
    this.fragment.observeDeep((events) => {
      if (this.events) this.events.push(...events);
    });
  }

  /** Runs `apply` (which applies one update) and returns the block changes it made. */
  capture(apply: () => void): BlockChange[] {
    const events: Y.YEvent<Y.AbstractType<unknown>>[] = [];
    this.events = events;
    try {
      apply();
    } finally {
      this.events = null;
    }
    const added = new Set<Y.XmlElement>();
    const deleted = new Set<Y.XmlElement>();
    const touched = new Set<Y.XmlElement>();
    for (const event of events) {
      if (event.target === this.fragment) {
        for (const item of event.changes.added) {
          const type = (item.content as Y.ContentType).type;
          if (type instanceof Y.XmlElement) added.add(type);
        }
        for (const item of event.changes.deleted) {
          const type = (item.content as Y.ContentType).type;
          if (type instanceof Y.XmlElement) deleted.add(type);
        }
      } else {
        const element = topLevelElement(event.target, this.fragment);
        if (element) touched.add(element);
      }
    }
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
      if (state) this.snapshots.set(element, state);
    }
    this.pendingCommit = null;
  }
}
