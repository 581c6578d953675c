import * as decoding from "lib0/decoding";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { readCurrentParagraph, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { MessageType } from "../../shared/collab/messages.js";
import { Discussion, MIN_MOVE_INTERVAL_MS, type DiscussionStorage } from "../../server/collab/discussion.js";
import type { Connection } from "../../server/collab/Connection.js";
import { recordingConnection, type RecordingSocket } from "../helpers/recordingConnection.js";

/** The paragraph-under-discussion messages a socket was sent. */
function told(socket: RecordingSocket): (string | null)[] {
  return socket.sent.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.CurrentParagraph) return [];
    return [readCurrentParagraph(decoder)!.pid];
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The discussion's own steps without a server: a room double that settles
 * at once, storage that can fail.
 */
describe("moving the discussion", () => {
  let discussion: Discussion | null = null;
  afterEach(() => discussion?.destroy());

  function setUp(storage: DiscussionStorage) {
    const chair = recordingConnection(1, "facilitator", "chair");
    const observer = recordingConnection(2, "observer");
    const connections = new Set<Connection>([chair, observer]);
    const moved = { waitingSent: 0 };
    const made: Discussion = new Discussion({
      connections, documentId: "d", log: pino({ level: "silent" }),
      hasParagraph: (pid) => ["p1", "p2", "p3"].includes(pid),
      requestFlush: () => setImmediate(() => made.onSettled()),
      sendWaitingUpdates: () => void (moved.waitingSent += 1),
      refuse: (connection) => connection.close(4403),
    }, storage);
    discussion = made;
    for (const c of connections) made.onJoin(c);
    return { chair, observer, moved, discussion: made };
  }

  const ask = (d: Discussion, c: Connection, pid: string | null) => d.onMessage(c, { kind: "currentParagraph", pid });

  it("keeps the discussion where it was when it cannot be stored, tells the asker so, and the room goes on", async () => {
    let fail = true;
    const saved: CurrentParagraph[] = [];
    const { chair, observer, discussion } = setUp({
      load: () => ({ pid: "p1", by: "chair", at: 1 }),
      save: (current) => {
        if (fail) throw new Error("SQLITE_FULL");
        saved.push(current);
      },
    });
    ask(discussion, chair, "p2");
    await sleep(20);
    expect(discussion.paragraph.pid).toBe("p1");
    expect(told(chair.socket)).toEqual(["p1", "p1"]);
    expect(told(observer.socket)).toEqual(["p1"]);
    fail = false;
    await sleep(MIN_MOVE_INTERVAL_MS);
    ask(discussion, chair, "p2");
    await sleep(20);
    expect(saved.map((c) => c.pid)).toEqual(["p2"]);
    expect(told(observer.socket)).toEqual(["p1", "p2"]);
  });

  it("makes a burst of moves one, the last, and sends what waits for a tick before telling anyone", async () => {
    const saved: (string | null)[] = [];
    const { chair, observer, moved, discussion } = setUp({ load: () => ({ pid: null, by: null, at: null }), save: (c) => void saved.push(c.pid) });
    ask(discussion, chair, "p1");
    await sleep(20);
    for (const pid of ["p2", "p3", "p2", "p3"]) ask(discussion, chair, pid);
    await sleep(MIN_MOVE_INTERVAL_MS + 100);
    expect(saved).toEqual(["p1", "p3"]);
    expect(told(observer.socket)).toEqual([null, "p1", "p3"]);
    expect(moved.waitingSent).toBe(2);
    // Asking for the paragraph already under discussion moves nothing and tells only the asker.
    await sleep(MIN_MOVE_INTERVAL_MS);
    ask(discussion, chair, "p3");
    await sleep(20);
    expect(saved).toEqual(["p1", "p3"]);
    expect(told(chair.socket).at(-1)).toBe("p3");
    expect(told(observer.socket)).toHaveLength(3);
  });
});
