import type { Awareness } from "y-protocols/awareness";

/**
 * Forgets every other client's awareness state and clock, so that the
 * server's next snapshot is taken whole: y-protocols applies a state only
 * when its clock is newer than the one it holds, and a socket changing its
 * delivery is sent the clocks it already has (stripped of carets when going
 * to low-bandwidth mode, whole when leaving it). Nothing is emitted: the
 * page keeps drawing what it has until the snapshot arrives (no flicker),
 * and nothing reaches the server (the provider sends only this window's own
 * state, see ownAwarenessOnly.ts). Returns the clients forgotten, for
 * {@link settleForgotten}.
 */
export function forgetRemoteAwareness(awareness: Awareness): number[] {
  const forgotten: number[] = [];
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId === awareness.clientID) continue;
    if (awareness.states.delete(clientId)) forgotten.push(clientId);
    awareness.meta.delete(clientId);
  }
  return forgotten;
}

/**
 * After the snapshot that follows {@link forgetRemoteAwareness}: those it
 * brought back were announced as added by y-protocols; the others (gone, or
 * sent as removed, which y-protocols does not report for a client it holds
 * no clock of) are announced as removed now, so listeners drop them.
 */
export function settleForgotten(awareness: Awareness, forgotten: readonly number[], origin: unknown): void {
  const removed = forgotten.filter((clientId) => !awareness.states.has(clientId));
  if (removed.length > 0) awareness.emit("change", [{ added: [], updated: [], removed }, origin]);
}

/**
 * Forgets the clocks of clients that have no state any more (y-websocket
 * removes everyone's state when the socket closes, but keeps their clocks),
 * so the snapshot sent on joining again is taken for those who did not change
 * meanwhile, not dropped as old.
 */
export function forgetDepartedClocks(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
  }
}
