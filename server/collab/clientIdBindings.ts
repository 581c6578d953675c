import * as Y from "yjs";

/**
 * Trusted attribution: every Yjs client id that authors content in a
 * document is bound to the signed-in user who first sent it, and an update
 * carrying a client id bound to someone else is refused. Deletions name no
 * author in Yjs, so only the ids of new content count.
 */
export class ClientIdBindings {
  /** Bindings made by accepted updates and not yet stored. */
  private unsaved = new Map<number, string>();

  constructor(private readonly bound: Map<number, string>) {}

  /**
   * Checks the authors of an update against the bindings; binds new ids to
   * `userId`. Returns the client id owned by someone else, or null.
   */
  claim(update: Uint8Array, userId: string): number | null {
    const authors = [...Y.parseUpdateMeta(update).from.keys()];
    for (const id of authors) {
      const owner = this.bound.get(id);
      if (owner !== undefined && owner !== userId) return id;
    }
    for (const id of authors) {
      if (!this.bound.has(id)) {
        this.bound.set(id, userId);
        this.unsaved.set(id, userId);
      }
    }
    return null;
  }

  /** Every binding, stored or not. */
  all(): ReadonlyMap<number, string> {
    return this.bound;
  }

  /** Bindings to store with the current batch. */
  pending(): Map<number, string> {
    return this.unsaved;
  }

  /** The pending bindings were stored. */
  markSaved(): void {
    this.unsaved = new Map();
  }

  /** Forgets bindings that were not stored (the batch failed or was rechecked). */
  dropUnsaved(): void {
    for (const id of this.unsaved.keys()) this.bound.delete(id);
    this.unsaved.clear();
  }
}
