import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type { WebsocketProvider } from "y-websocket";
import { MessageType } from "../../shared/collab/messages.js";

/** Whether this window's caret is kept to itself (low-bandwidth mode): its state is then sent without one. */
export type WithoutCaret = () => boolean;

/**
 * Makes the provider send only this window's own awareness changes.
 *
 * The stock WebsocketProvider re-sends every awareness change it sees,
 * including the states it just received from the server for other people.
 * The server owns each presence by the socket that announced it and closes
 * a socket that speaks for someone else's (4403), so echoes must not leave.
 * The window's own state is sent at most every {@link OWN_PRESENCE_INTERVAL_MS},
 * within the server's presence budget. While `withoutCaret()` holds, the
 * state goes without its caret, and only when something else in it changed
 * or a renewal is due (the caret moves with every remote change).
 * Returns the function that undoes this.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider, withoutCaret: WithoutCaret = () => false): () => void {
  const { awareness } = provider;
  awareness.off("update", provider._awarenessUpdateHandler);
  let lastSentAt = -Infinity;
  let lastSent: string | null = null;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const outgoing = (): Map<number, Record<string, unknown>> => {
    const state = awareness.getLocalState();
    const states = new Map<number, Record<string, unknown>>();
    if (state) states.set(awareness.clientID, withoutCaret() ? { ...state, cursor: null } : state);
    return states;
  };
  const send = () => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const states = outgoing();
    lastSentAt = Date.now();
    lastSent = JSON.stringify(states.get(awareness.clientID) ?? null);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID], states));
    ws.send(encoding.toUint8Array(encoder));
  };
  const onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === provider) return;
    if (![...added, ...updated, ...removed].includes(awareness.clientID)) return;
    if (withoutCaret() && !removed.includes(awareness.clientID) &&
      JSON.stringify(outgoing().get(awareness.clientID) ?? null) === lastSent &&
      Date.now() - lastSentAt < OWN_RENEWAL_MS) return;
    // Leaving is said at once; otherwise at most one state per interval, the newest (the caret is
    // re-announced after every remote change, which in a busy room is dozens a second).
    const wait = lastSentAt + OWN_PRESENCE_INTERVAL_MS - Date.now();
    if (removed.includes(awareness.clientID) || wait <= 0) {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      send();
    } else {
      trailing ??= setTimeout(() => {
        trailing = null;
        send();
      }, wait);
    }
  };
  awareness.on("update", onUpdate);
  return () => {
    if (trailing) clearTimeout(trailing);
    awareness.off("update", onUpdate);
  };
}

/**
 * A state unchanged but for its caret is still sent this long after the last (the server forgets states
 * after 30 s). Well under the 15 s between renewals (awarenessExpiry.ts): a renewal comes a few
 * milliseconds less than 15 s after the state last sent, and must never be taken for a caret move.
 */
const OWN_RENEWAL_MS = awarenessProtocol.outdatedTimeout / 3;

/** This window's presence is sent at most this often (the server relays presence every 100 ms anyway). */
export const OWN_PRESENCE_INTERVAL_MS = 100;
