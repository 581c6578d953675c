import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { forgetDepartedClocks, forgetRemoteAwareness, settleForgotten } from "../../client/collab/forgetRemoteAwareness.js";

const CARET = { anchor: { type: { client: 1, clock: 0 }, tname: null, item: null, assoc: 0 }, head: { type: { client: 1, clock: 0 }, tname: null, item: null, assoc: 0 } };

/** The server's copy of the room: Elena with her caret, Tomas idle. */
function serverRoom() {
  const elena = new Awareness(new Y.Doc());
  elena.setLocalState({ user: { name: "Elena Marek" }, cursor: CARET });
  const tomas = new Awareness(new Y.Doc());
  tomas.setLocalState({ user: { name: "Tomas Halvorsen" }, cursor: null });
  const server = new Awareness(new Y.Doc());
  for (const remote of [elena, tomas]) applyAwarenessUpdate(server, encodeAwarenessUpdate(remote, [remote.clientID]), "socket");
  /** Everyone as the server sends them: whole, or stripped of carets for a low-bandwidth socket. */
  const snapshot = (withoutCarets: boolean) => {
    const states = new Map([...server.getStates()].map(([id, state]) => [id, withoutCarets ? { ...state, cursor: null } : state]));
    return encodeAwarenessUpdate(server, [elena.clientID, tomas.clientID], states);
  };
  return { elena: elena.clientID, tomas: tomas.clientID, snapshot };
}

describe("forgetting others' presence when the delivery changes", () => {
  it("takes the server's snapshot whole on leaving low-bandwidth mode, though its clocks are the ones it has", () => {
    const room = serverRoom();
    const local = new Awareness(new Y.Doc());
    applyAwarenessUpdate(local, room.snapshot(true), "server");
    expect(local.getStates().get(room.elena)?.cursor).toBeNull();
    // A minute in low-bandwidth mode with no word from Tomas: his time of last word is a minute old.
    local.meta.get(room.tomas)!.lastUpdated -= 60_000;
    const stale = local.meta.get(room.tomas)!.lastUpdated;

    // Without forgetting, y-protocols drops the same clocks: the caret stays away, the times stay old.
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    expect(local.getStates().get(room.elena)?.cursor).toBeNull();

    const changes: unknown[] = [];
    local.on("change", (change: unknown) => changes.push(change));
    const forgotten = forgetRemoteAwareness(local);
    expect(forgotten.sort()).toEqual([room.elena, room.tomas].sort());
    expect(changes).toEqual([]);
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    settleForgotten(local, forgotten, "server");
    expect(local.getStates().get(room.elena)?.cursor).toEqual(CARET);
    expect(local.meta.get(room.tomas)!.lastUpdated).toBeGreaterThanOrEqual(stale + 60_000);
    // Everyone came back: one change, nobody removed.
    expect(changes).toEqual([{ added: expect.arrayContaining([room.elena, room.tomas]), updated: [], removed: [] }]);
  });

  it("keeps this window's own state and clock", () => {
    const room = serverRoom();
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ user: { name: "Jonas Lindqvist" } });
    const own = local.meta.get(local.clientID);
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    forgetRemoteAwareness(local);
    expect(local.getLocalState()).toEqual({ user: { name: "Jonas Lindqvist" } });
    expect(local.meta.get(local.clientID)).toBe(own);
    expect([...local.getStates().keys()]).toEqual([local.clientID]);
  });

  it("tells listeners about those the snapshot did not bring back", () => {
    const room = serverRoom();
    const local = new Awareness(new Y.Doc());
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    const ghost = new Awareness(new Y.Doc());
    ghost.setLocalState({ user: { name: "Gone Away" } });
    applyAwarenessUpdate(local, encodeAwarenessUpdate(ghost, [ghost.clientID]), "server");
    const forgotten = forgetRemoteAwareness(local);
    const removed: number[][] = [];
    local.on("change", ({ removed: r }: { removed: number[] }) => r.length > 0 && removed.push(r));
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    settleForgotten(local, forgotten, "server");
    expect(removed).toEqual([[ghost.clientID]]);
    expect(local.getStates().has(ghost.clientID)).toBe(false);
  });

  it("forgets the clocks of those whose state went with a closed socket, so the join snapshot is taken", () => {
    const room = serverRoom();
    const local = new Awareness(new Y.Doc());
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    // What y-websocket does on close: states removed, clocks kept.
    removeAwarenessStates(local, [room.elena, room.tomas], "provider");
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    expect(local.getStates().has(room.elena)).toBe(false);
    forgetDepartedClocks(local);
    applyAwarenessUpdate(local, room.snapshot(false), "server");
    expect(local.getStates().get(room.elena)?.cursor).toEqual(CARET);
    expect(local.getStates().has(room.tomas)).toBe(true);
  });
});
