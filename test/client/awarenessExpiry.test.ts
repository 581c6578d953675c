import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { takeOverAwarenessExpiry } from "../../client/collab/awarenessExpiry.js";

/** A remote window's state as it arrives, applied to `local`. */
function remoteState(local: Awareness): void {
  const remote = new Awareness(new Y.Doc());
  remote.setLocalState({ user: { name: "Elena Marek" } });
  applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), "server");
  remote.destroy();
}

describe("remote presence where the server sends no renewals", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps remote states past 30 s when they do not expire, and renews the window's own state", () => {
    const local = new Awareness(new Y.Doc());
    const expiry = takeOverAwarenessExpiry(local, false);
    remoteState(local);
    const ownClock = local.meta.get(local.clientID)!.clock;
    vi.advanceTimersByTime(60_000);
    expect(local.getStates().size).toBe(2);
    expect(local.meta.get(local.clientID)!.clock).toBeGreaterThan(ownClock);
    // Switched back to live: the library's rule applies again.
    expiry.expireRemote = true;
    vi.advanceTimersByTime(3_000);
    expect(local.getStates().size).toBe(1);
    local.destroy();
  });

  it("publishes nothing for a window without a state of its own", () => {
    const local = new Awareness(new Y.Doc());
    local.setLocalState(null);
    takeOverAwarenessExpiry(local, false);
    const updates: unknown[] = [];
    local.on("update", (change: unknown) => updates.push(change));
    vi.advanceTimersByTime(60_000);
    expect(updates).toEqual([]);
    expect(local.getLocalState()).toBeNull();
    local.destroy();
  });
});
