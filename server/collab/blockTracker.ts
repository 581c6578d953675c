import * as Y from "yjs";
import type { BlockChange, BlockState, EarlierContent } from "../../shared/document/changeRules.js";
import { blockStateOf, contentOf, topLevelElement } from "../../shared/document/yBlocks.js";
import type { TransactionItems } from "./ownTransaction.js";

export type { BlockChange, BlockState } from "../../shared/document/changeRules.js";

/** A pid that two live blocks would carry after an update. */
export interface DuplicatePid {
  pid: string;
}

/** The top-level blocks one transaction touched, before and after, read while its deleted content still exists. */
export interface TouchedBlocks {
  /** Each touched block that existed before, with its state then (null: not a block the rules know). */
  before: Map<Y.XmlElement, BlockState | null>;
  /** Each touched block that is alive afterwards. */
  after: Set<Y.XmlElement>;
  /** Their states afterwards, once read by {@link BlockTracker.changes}. */
  afterStates?: Map<Y.XmlElement, BlockState | null>;
}

/**
 * The blocks of a document as the rules last saw them: the state of every
 * top-level element and which elements carry each pid. Changes are read from
 * a Yjs transaction and paired by pid, not by element, because the editor's
 * binding may reuse one element for another paragraph's content when it
 * writes a join; what a paragraph is, is its pid. Cost is proportional to
 * what an update touched.
 */
/** What a document held since its room loaded: every bracket (by id, as JSON of its attributes) and every pid's imported label. */
export interface SeenContent {
  brackets: Map<string, string>;
  importedLabels: Map<string, string>;
}

export class BlockTracker {
  private readonly fragment: Y.XmlFragment;
  private readonly states = new Map<Y.XmlElement, BlockState | null>();
  private readonly elementsByPid = new Map<string, Set<Y.XmlElement>>();

  constructor(
    doc: Y.Doc,
    /** What this document held since the room loaded (kept across rebuilds). */
    private readonly seen: SeenContent,
    /**
     * The tracker of another copy holding the same content (a rollback): its
     * states are taken over by pid instead of reading every block again.
     */
    previous: BlockTracker | null = null,
  ) {
    this.fragment = contentOf(doc);
    const known = previous?.statesByPid() ?? new Map<string, BlockState>();
    for (const node of this.fragment.toArray()) {
      if (!(node instanceof Y.XmlElement)) continue;
      const pid = node.getAttribute("pid");
      this.remember(node, typeof pid === "string" ? known.get(pid) : undefined);
    }
  }

  /** The state of each pid carried by exactly one block. */
  private statesByPid(): Map<string, BlockState> {
    const out = new Map<string, BlockState>();
    for (const [pid, elements] of this.elementsByPid) {
      if (elements.size !== 1) continue;
      const state = this.states.get(elements.values().next().value!);
      if (state) out.set(pid, state);
    }
    return out;
  }

  /** The state of a top-level element as of the last accepted update, or undefined for one that is new since. */
  stateBefore(element: Y.XmlElement): BlockState | null | undefined {
    return this.states.get(element);
  }

  /** What existed in this document before: brackets with exactly these attributes, imported labels of a pid (an undo restoring them). */
  readonly earlier: EarlierContent = {
    bracket: (bracket) => this.seen.brackets.get(bracket.id) === JSON.stringify(bracket),
    importedLabel: (pid, label) => this.seen.importedLabels.get(pid) === label,
  };

  /**
   * Reads which top-level blocks a transaction touched. Must run while the
   * transaction's observers run (Yjs's `beforeObserverCalls`), before its
   * deleted content is collected.
   */
  touched(transaction: Y.Transaction, items: TransactionItems): TouchedBlocks {
    const before = new Map<Y.XmlElement, BlockState | null>();
    const after = new Set<Y.XmlElement>();
    const note = (element: Y.XmlElement) => {
      if (this.states.has(element)) before.set(element, this.states.get(element)!);
      if (element._item && !element._item.deleted) after.add(element);
    };
    for (const changed of transaction.changed.keys()) {
      const type = changed as unknown as Y.AbstractType<unknown>;
      if (type === (this.fragment as unknown)) continue;
      const element = topLevelElement(type, this.fragment);
      if (element) note(element);
    }
    // Blocks added or removed: the fragment's own children among the new and the deleted items.
    for (const item of [...items.added, ...items.deleted]) {
      if (item.parent === this.fragment && item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) {
        note(item.content.type);
      }
    }
    return { before, after };
  }

  /**
   * The block changes of touched blocks, paired by pid: a pid only before was
   * deleted, only after was added, in both changed. Also the pids the update
   * would leave on two live blocks, and the revised paragraphs (with a frozen
   * label) whose pid it took to an element standing elsewhere: the editor's
   * binding may write a join into the neighbouring element, never further.
   */
  changes(touched: TouchedBlocks): { changes: BlockChange[]; duplicates: DuplicatePid[]; movedRevised: string[] } {
    const was = new Map<string, { state: BlockState; element: Y.XmlElement }>();
    for (const [element, state] of touched.before) if (state && !was.has(state.pid)) was.set(state.pid, { state, element });
    const now = new Map<string, { state: BlockState; element: Y.XmlElement }>();
    const duplicates: DuplicatePid[] = [];
    touched.afterStates = new Map();
    for (const element of touched.after) {
      const state = blockStateOf(element);
      touched.afterStates.set(element, state);
      if (!state) continue;
      if (now.has(state.pid) || this.carriedElsewhere(state.pid, touched)) duplicates.push({ pid: state.pid });
      now.set(state.pid, { state, element });
    }
    const changes: BlockChange[] = [];
    const movedRevised: string[] = [];
    for (const [pid, before] of was) {
      const after = now.get(pid);
      changes.push(after ? { kind: "changed", before: before.state, after: after.state } : { kind: "deleted", before: before.state });
      if (after && after.element !== before.element && before.state.frozenLabel !== null &&
        this.anchorBefore(after.element, touched) !== this.anchorBefore(before.element, touched)) movedRevised.push(pid);
    }
    for (const [pid, after] of now) if (!was.has(pid)) changes.push({ kind: "added", after: after.state });
    return { changes, duplicates, movedRevised };
  }

  /** The nearest live block before `element` that the update did not touch, or null at the start of the document. */
  private anchorBefore(element: Y.XmlElement, touched: TouchedBlocks): Y.XmlElement | null {
    for (let item = element._item?.left ?? null; item; item = item.left) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      const type = item.content.type;
      if (type instanceof Y.XmlElement && !touched.before.has(type) && !touched.after.has(type)) return type;
    }
    return null;
  }

  /** Whether a block of the document carries `pid`. */
  has(pid: string): boolean {
    return (this.elementsByPid.get(pid)?.size ?? 0) > 0;
  }

  /** Whether a live block the update did not touch carries `pid`. */
  private carriedElsewhere(pid: string, touched: TouchedBlocks): boolean {
    for (const element of this.elementsByPid.get(pid) ?? []) {
      if (!touched.before.has(element) && !touched.after.has(element)) return true;
    }
    return false;
  }

  /** Accepts an update: the touched blocks' states now are what later updates are compared with. */
  commit(touched: TouchedBlocks): void {
    for (const element of touched.before.keys()) this.forget(element);
    for (const element of touched.after) this.remember(element, touched.afterStates?.get(element));
  }

  private remember(element: Y.XmlElement, known?: BlockState | null): void {
    this.forget(element);
    const state = known === undefined ? blockStateOf(element) : known;
    this.states.set(element, state);
    if (!state) return;
    let elements = this.elementsByPid.get(state.pid);
    if (!elements) this.elementsByPid.set(state.pid, (elements = new Set()));
    elements.add(element);
    for (const b of state.brackets.values()) this.seen.brackets.set(b.bracket.id, JSON.stringify(b.bracket));
    const imported = state.attributes.importedLabel;
    if (typeof imported === "string") this.seen.importedLabels.set(state.pid, imported);
  }

  private forget(element: Y.XmlElement): void {
    const state = this.states.get(element);
    this.states.delete(element);
    if (!state) return;
    const elements = this.elementsByPid.get(state.pid);
    elements?.delete(element);
    if (elements?.size === 0) this.elementsByPid.delete(state.pid);
  }
}
