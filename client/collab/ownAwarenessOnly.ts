import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebsocketProvider } from "y-websocket";
import { MessageType } from "../../shared/collab/messages.js";

/**
 * Makes the provider send only this window's own awareness changes.
 *
 * The stock WebsocketProvider re-sends every awareness change it sees,
 * including the states it just received from the server for other people.
 * The server owns each presence by the socket that announced it and closes
 * a socket that speaks for someone else's (4403), so echoes must not leave.
 * Returns the function that undoes this.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  awareness.off("update", provider._awarenessUpdateHandler);
  const onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === provider) return;
    const own = [...added, ...updated, ...removed].filter((id) => id === awareness.clientID);
    const ws = provider.ws;
    if (own.length === 0 || !provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own));
    ws.send(encoding.toUint8Array(encoder));
  };
  awareness.on("update", onUpdate);
  return () => awareness.off("update", onUpdate);
}
