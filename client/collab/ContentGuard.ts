import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { editorCanShow, validateBlock, validateContent, type ContentProblem } from "../../shared/document/validateContent.js";

/**
 * What the guard knows of its document: `showable` while every block is one
 * the editor can show; `unshown` once something it cannot show arrived (from
 * then on the editor stays detached); `showableAgain` when, after that, the
 * document no longer holds any such thing (someone repaired it).
 */
export type GuardState = "showable" | "unshown" | "showableAgain";

/** Milliseconds between the rechecks of an unshown document while changes arrive. */
const RECHECK_DELAY_MS = 250;

/**
 * Watches a Y.Doc for content the editor cannot show (shared/documentRules.ts
 * describes what it can). The editor's Yjs binding deletes what it cannot
 * map, from the reader's window, so it must never see such content: the
 * guard checks each transaction on Yjs's `beforeObserverCalls`, which comes
 * before any observer of the transaction runs, and when it finds such
 * content it runs the detach steps registered with {@link beforeUnshown}
 * right there, then tells its owner. It never writes, and from then on it
 * keeps Yjs itself from writing: Yjs tidies formatting after some remote
 * changes (deleting format items it finds redundant) from whichever window
 * receives them, and a window that shows the document read-only must not.
 *
 * Only what a transaction touched is checked (the blocks holding a changed
 * type, and new top-level children), so typing stays cheap; the first sync
 * adds every block and so is a check of the whole document.
 */
export class ContentGuard {
  private readonly fragment: Y.XmlFragment;
  private current: GuardState = "showable";
  private readonly detachers = new Set<() => void>();
  private recheck: ReturnType<typeof setTimeout> | null = null;

  /** Starts watching `ydoc`; call before anything binds to it or fills it. `onChange` hears every change of {@link state}. */
  constructor(private readonly ydoc: Y.Doc, private readonly onChange: () => void) {
    this.fragment = ydoc.getXmlFragment(CONTENT_FIELD);
    ydoc.on("beforeObserverCalls", this.beforeObserverCalls);
    if (this.fragment.length > 0 && validateContent(ydoc).some(cannotShow)) this.trip();
  }

  /** Whether the editor may show the document. */
  get state(): GuardState {
    return this.current;
  }

  /**
   * Registers a step that detaches an editor from the document; it runs
   * synchronously when the guard trips, before the transaction's observers,
   * or at once if the guard has already tripped. Returns the unregister function.
   */
  beforeUnshown(detach: () => void): () => void {
    if (this.current !== "showable") {
      detach();
      return () => {};
    }
    this.detachers.add(detach);
    return () => this.detachers.delete(detach);
  }

  /** Stops watching. */
  destroy(): void {
    this.ydoc.off("beforeObserverCalls", this.beforeObserverCalls);
    this.ydoc.off("afterTransaction", this.afterTransaction);
    this.ydoc.off("afterTransaction", this.skipFormattingCleanup);
    if (this.recheck !== null) clearTimeout(this.recheck);
    this.detachers.clear();
  }

  private readonly beforeObserverCalls = (transaction: Y.Transaction): void => {
    if (this.current === "showable" && touchedBlocksCannotShow(transaction, this.fragment)) this.trip();
  };

  private trip(): void {
    this.current = "unshown";
    this.ydoc.off("beforeObserverCalls", this.beforeObserverCalls);
    this.ydoc.on("afterTransaction", this.skipFormattingCleanup);
    this.ydoc.on("afterTransaction", this.afterTransaction);
    try {
      for (const detach of this.detachers) detach();
    } finally {
      // Even if a detach step failed, the page must stop showing the editor.
      this.detachers.clear();
      this.onChange();
    }
  }

  // Yjs emits `afterTransaction` just before it runs the formatting cleanup it planned for the transaction.
  private readonly skipFormattingCleanup = (transaction: Y.Transaction): void => {
    transaction._needFormattingCleanup = false;
  };

  // While unshown, changes keep arriving (the page follows them read-only); once they have
  // taken the last unshowable thing away, the owner may open the document afresh in the editor.
  private readonly afterTransaction = (): void => {
    if (this.recheck !== null) return;
    this.recheck = setTimeout(() => {
      this.recheck = null;
      if (this.current === "unshown" && !validateContent(this.ydoc).some(cannotShow)) {
        this.current = "showableAgain";
        this.ydoc.off("afterTransaction", this.afterTransaction);
        this.onChange();
      }
    }, RECHECK_DELAY_MS);
  };
}

/** Any Yjs shared type. */
type AnyType = Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function cannotShow(problem: ContentProblem): boolean {
  return !editorCanShow(problem);
}

/**
 * Whether a transaction left, in a block it touched or in a new top-level
 * child, something the editor cannot show. At `beforeObserverCalls`
 * `transaction.changed` is complete (it names every type that existed before
 * and changed); `changedParentTypes` is filled only as observers are called.
 */
function touchedBlocksCannotShow(transaction: Y.Transaction, fragment: Y.XmlFragment): boolean {
  const blocks = new Set<Y.XmlElement>();
  for (const type of transaction.changed.keys() as Iterable<AnyType>) {
    if (type === fragment) {
      for (const child of newChildren(fragment, transaction)) {
        if (!(child instanceof Y.XmlElement)) return true;
        blocks.add(child);
      }
      continue;
    }
    const block = topLevelOf(type, fragment);
    // Another root (the editor does not read it), or a block this transaction removed.
    if (!block || block._item?.deleted) continue;
    if (!(block instanceof Y.XmlElement)) return true;
    blocks.add(block);
  }
  for (const block of blocks) {
    // The index only names the block in a report; the guard reports nothing itself.
    if (validateBlock(block, 0).some(cannotShow)) return true;
  }
  return false;
}

/** Children of the fragment that the transaction added (and did not delete again). */
function* newChildren(fragment: Y.XmlFragment, transaction: Y.Transaction): Generator<unknown> {
  for (let item = fragment._start; item; item = item.right) {
    if (item.deleted || item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0)) continue;
    if (item.content instanceof Y.ContentType) yield item.content.type;
    else for (const value of item.content.getContent()) yield value;
  }
}

/** The top-level child of `fragment` that holds `type`, or null when `type` is not inside it. */
function topLevelOf(type: AnyType, fragment: Y.XmlFragment): AnyType | null {
  let current = type;
  while (current._item) {
    const parent = current._item.parent as AnyType;
    if (parent === fragment) return current;
    current = parent;
  }
  return null;
}
