import * as Y from "yjs";
import type { DecodedUpdate } from "../../shared/collab/readUpdate.js";

/**
 * The outcome of claiming an update's client ids: the ids newly bound and the
 * lost content it sends back (see `isLostContent`), or one id that is someone else's.
 */
export type Claim =
  | { ok: true; bound: number[]; resupplied: { client: number; clock: number; length: number }[] }
  | { ok: false; stolen: number };

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
   * `userId`. An id that is bound to someone else, or that already wrote
   * content without being bound to anyone (the draft as created or
   * imported), is not theirs to use. Only structs the document does not
   * have yet count: a reconnecting client may send again what it received,
   * and content of a set-aside update, unchanged (`isLostContent`), comes
   * back as its author's.
   */
  claim(
    update: DecodedUpdate,
    userId: string,
    knownClock: (clientId: number) => number,
    isLostContent: (struct: DecodedUpdate["structs"][number]) => boolean = () => false,
  ): Claim {
    const resupplied: { client: number; clock: number; length: number }[] = [];
    const authors = new Set<number>();
    for (const s of update.structs) {
      if (s instanceof Y.Skip || s.id.clock + s.length <= knownClock(s.id.client)) continue;
      const range = { client: s.id.client, clock: s.id.clock, length: s.length };
      const owner = this.bound.get(s.id.client);
      if (owner !== undefined && owner !== userId && isLostContent(s)) resupplied.push(range);
      else authors.add(s.id.client);
    }
    for (const id of authors) {
      const owner = this.bound.get(id);
      if (owner === undefined ? knownClock(id) > 0 : owner !== userId) return { ok: false, stolen: id };
    }
    const bound: number[] = [];
    for (const id of authors) {
      if (!this.bound.has(id)) {
        this.bound.set(id, userId);
        this.unsaved.set(id, userId);
        bound.push(id);
      }
    }
    return { ok: true, bound, resupplied };
  }

  /** Takes back bindings a refused update made. */
  unbind(ids: number[]): void {
    for (const id of ids) {
      this.bound.delete(id);
      this.unsaved.delete(id);
    }
  }

  /** The user a client id is bound to, if any. */
  ownerOf(clientId: number): string | undefined {
    return this.bound.get(clientId);
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

  /** Forgets bindings that were not stored (the batch could not be stored). */
  dropUnsaved(): void {
    for (const id of this.unsaved.keys()) this.bound.delete(id);
    this.unsaved.clear();
  }
}
