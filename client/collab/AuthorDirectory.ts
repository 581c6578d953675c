import type { AuthorEntry, AuthorsPayload } from "../../schemas/api.js";
import { CarriedText } from "../../shared/attribution/carriedText.js";

/**
 * The authors of a document as the server names them: which signed-in user
 * each Yjs client id belongs to, and which items carry words someone else
 * wrote (moved by splitting or joining paragraphs). Filled from the server's
 * Authors messages (everything first, then each addition as it is stored).
 */
export class AuthorDirectory {
  private readonly byClient = new Map<number, AuthorEntry>();
  private readonly carried = new CarriedText<AuthorEntry | null>();
  private readonly listeners = new Set<() => void>();

  /** The author of a client id, or null if the server has named none. */
  get(clientId: number): AuthorEntry | null {
    return this.byClient.get(clientId) ?? null;
  }

  /**
   * The authors of `length` items from `clock` of `client`, piece by piece:
   * carried words keep their author; the rest belong to the client id's
   * owner, or to `fallback` (this window's own, not yet named) when unknown.
   */
  authorsOf(client: number, clock: number, length: number, fallback: AuthorEntry | null = null): { length: number; author: AuthorEntry | null }[] {
    return this.carried.slices(client, clock, length).map((slice) => ({
      length: slice.length,
      author: slice.carried ? slice.author : this.byClient.get(client) ?? fallback,
    }));
  }

  /** Adds what a message says and tells the listeners. */
  merge(payload: AuthorsPayload): void {
    for (const { clientIds, ...author } of payload.authors) for (const id of clientIds) this.byClient.set(id, author);
    this.carried.add(payload.carried);
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` when authors are added; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
