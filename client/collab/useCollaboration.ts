import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { DocumentConnection, INITIAL_COLLAB_STATE, type CollabState } from "./DocumentConnection.js";

export type { CollabState } from "./DocumentConnection.js";

/** Callbacks from the connection to the page. */
export interface CollabOptions {
  /** A socket closed before it ever opened: maybe the session is gone (the upgrade answered 401). */
  onSocketRefused?: () => void;
}

/** `ws(s)://<this host>/ws/documents`, the base the provider appends the document id to. */
export function documentSocketBase(location: Location = window.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws/documents`;
}

const noSubscription = () => () => {};

/**
 * Owns one document's connection lifecycle: opens a {@link DocumentConnection}
 * for `documentId`, follows its state, and destroys it on unmount or when the
 * id changes.
 */
export function useCollaboration(documentId: string, options: CollabOptions = {}): [DocumentConnection | null, CollabState] {
  const [connection, setConnection] = useState<DocumentConnection | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    const opened = new DocumentConnection(documentId, documentSocketBase(), () => optionsRef.current.onSocketRefused?.());
    setConnection(opened);
    return () => {
      opened.destroy();
      setConnection(null);
    };
  }, [documentId]);

  const state = useSyncExternalStore(
    connection?.subscribe ?? noSubscription,
    () => connection?.state ?? INITIAL_COLLAB_STATE,
  );
  return [connection, state];
}
