import { outdatedTimeout, removeAwarenessStates, type Awareness } from "y-protocols/awareness";

/** How often y-protocols checks its states; kept, so a renewal is never later than the library's. */
const CHECK_MS = Math.floor(outdatedTimeout / 10);

/** The awareness' own check, which it clears when destroyed. */
interface WithCheckInterval {
  _checkInterval: ReturnType<typeof setInterval>;
}

/** Whether remote states time out; switched when the window's part in the room changes. */
export interface AwarenessExpiry {
  expireRemote: boolean;
}

/**
 * Takes over y-protocols' awareness check (`_checkInterval`), which renews
 * this window's own state every 15 s and removes any remote state not renewed
 * for 30 s. The server sends no renewals to observers and low-bandwidth
 * sockets (it removes a state explicitly when its socket leaves), so there
 * remote states must not time out, or everyone would vanish after 30 s;
 * `expireRemote` says whether they do. The own state, when there is one, is
 * still renewed, so the server keeps a low-bandwidth editor present. The
 * replacement is stored where the library keeps its own, so
 * `awareness.destroy()` stops it.
 */
export function takeOverAwarenessExpiry(awareness: Awareness, expireRemote: boolean): AwarenessExpiry {
  const control: AwarenessExpiry = { expireRemote };
  const held = awareness as unknown as WithCheckInterval;
  clearInterval(held._checkInterval);
  held._checkInterval = setInterval(() => {
    const now = Date.now();
    const own = awareness.meta.get(awareness.clientID);
    if (awareness.getLocalState() !== null && own && now - own.lastUpdated >= outdatedTimeout / 2) {
      awareness.setLocalState(awareness.getLocalState());
    }
    if (!control.expireRemote) return;
    const outdated: number[] = [];
    awareness.meta.forEach((meta, clientId) => {
      if (clientId !== awareness.clientID && now - meta.lastUpdated >= outdatedTimeout && awareness.states.has(clientId)) {
        outdated.push(clientId);
      }
    });
    if (outdated.length > 0) removeAwarenessStates(awareness, outdated, "timeout");
  }, CHECK_MS);
  return control;
}
