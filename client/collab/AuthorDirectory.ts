import type { AuthorEntry, AuthorsPayload } from "../../schemas/api.js";

/**
 * The authors of a document as the server names them: which signed-in user
 * each Yjs client id belongs to. Filled from the server's Authors messages
 * (all bindings first, then each new one as it is stored).
 */
export class AuthorDirectory {
  private readonly byClient = new Map<number, AuthorEntry>();
  private readonly listeners = new Set<() => void>();

  /** The author of a client id, or null if the server has named none. */
  get(clientId: number): AuthorEntry | null {
    return this.byClient.get(clientId) ?? null;
  }

  /** Adds the authors of a message and tells the listeners. */
  merge(payload: AuthorsPayload): void {
    for (const { clientIds, ...author } of payload) for (const id of clientIds) this.byClient.set(id, author);
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` when authors are added; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
