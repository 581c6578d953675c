import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { CollabState, ConnectionEvents, ConnectionOptions, DocumentConnection } from "./DocumentConnection.js";
import { INITIAL_COLLAB_STATE } from "./DocumentConnection.js";
import { RecoveringConnection, type Refusal } from "./RecoveringConnection.js";

export type { CollabState } from "./DocumentConnection.js";
export type { Refusal } from "./RecoveringConnection.js";

/** Callbacks from the connection to the page, and how each new connection takes part in the room. */
export interface CollabOptions extends ConnectionEvents {
  connection?: ConnectionOptions;
}

/** What the page gets: the connection to show, its state, the last refusal, and a way to dismiss it. */
export interface Collaboration {
  collab: DocumentConnection | null;
  state: CollabState;
  refusal: Refusal | null;
  /** The server's state is being loaded afresh after a refusal. */
  recovering: boolean;
  dismissRefusal: () => void;
}

/** `ws(s)://<this host>/ws/documents`, the base the provider appends the document id to. */
export function documentSocketBase(location: Location = window.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws/documents`;
}

const noSubscription = () => () => {};

/**
 * Owns one document's connection lifecycle: opens a {@link RecoveringConnection}
 * for `documentId`, follows its state, and destroys it on unmount or when the
 * id changes.
 */
export function useCollaboration(documentId: string, options: CollabOptions = {}): Collaboration {
  const [connection, setConnection] = useState<RecoveringConnection | null>(null);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  useEffect(() => {
    const opened = new RecoveringConnection(documentId, documentSocketBase(), {
      onSocketRefused: () => optionsRef.current.onSocketRefused?.(),
      onPermissionsChanged: () => optionsRef.current.onPermissionsChanged?.(),
    }, () => optionsRef.current.connection ?? {});
    setConnection(opened);
    return () => {
      opened.destroy();
      setConnection(null);
    };
  }, [documentId]);

  const snapshot = useSyncExternalStore(connection?.subscribe ?? noSubscription, () => connection?.state ?? null);
  return {
    collab: snapshot?.connection ?? null,
    state: snapshot?.state ?? INITIAL_COLLAB_STATE,
    refusal: snapshot?.refusal ?? null,
    recovering: snapshot?.recovering ?? false,
    dismissRefusal: () => connection?.dismissRefusal(),
  };
}
