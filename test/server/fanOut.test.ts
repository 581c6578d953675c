import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { writeDelivery } from "../../shared/collab/currentParagraph.js";
import { LocalFanOut } from "../../server/collab/fanOut.js";
import { readIncomingMessage } from "../../server/collab/protocol.js";
import { docFromFrames } from "../helpers/rawClient.js";
import { recordingConnection } from "../helpers/recordingConnection.js";

/** An update typing `text` into a fresh document of client `client`. */
function typing(client: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the fan-out", () => {
  let fanOut: LocalFanOut | null = null;
  afterEach(() => fanOut?.destroy());

  it("hands every socket of an audience the very same bytes: one encoding, no copy per socket", async () => {
    const connections = new Set([recordingConnection(1, "delegate"), recordingConnection(2, "facilitator"), recordingConnection(3, "observer"), recordingConnection(4, "observer")]);
    fanOut = new LocalFanOut(connections, { observersMs: 0, lowBandwidthMs: 1000 });
    fanOut.sendUpdate(typing(1, "a"), []);
    const [editorA, editorB, observerA, observerB] = [...connections].map((c) => c.socket.sent);
    expect(editorA).toHaveLength(1);
    expect(editorA![0]).toBe(editorB![0]);
    expect(observerA).toHaveLength(1);
    expect(observerA![0]).toBe(observerB![0]);
  });

  it("leaves out the socket whose update it is, among editors only", () => {
    const sender = recordingConnection(1, "delegate");
    const connections = new Set([sender, recordingConnection(2, "delegate")]);
    fanOut = new LocalFanOut(connections, { observersMs: 0, lowBandwidthMs: 1000 });
    fanOut.sendUpdate(typing(1, "a"), [{ data: typing(1, "a"), from: sender }]);
    expect(sender.socket.sent).toHaveLength(0);
    expect([...connections][1]!.socket.sent).toHaveLength(1);
  });

  it("sends the whole batch to every editor when it merges several sockets' updates", () => {
    const [one, two, other] = [recordingConnection(1, "delegate"), recordingConnection(2, "delegate"), recordingConnection(3, "delegate")];
    fanOut = new LocalFanOut(new Set([one, two, other]), { observersMs: 0, lowBandwidthMs: 1000 });
    const [a, b] = [typing(1, "a"), typing(2, "b")];
    fanOut.sendUpdate(Y.mergeUpdates([a, b]), [{ data: a, from: one }, { data: b, from: two }]);
    for (const c of [one, two, other]) expect(docFromFrames(c.socket.sent).getText("t").toString()).toMatch(/^(ab|ba)$/);
  });

  it("never sends a low-bandwidth typist its own typing back, alone or merged with others', and still sends it the others'", async () => {
    const typist = recordingConnection(1, "delegate");
    const watcher = recordingConnection(2, "delegate");
    const other = recordingConnection(3, "delegate");
    fanOut = new LocalFanOut(new Set([typist, watcher, other]), { observersMs: 0, lowBandwidthMs: 60 });
    for (const c of [typist, watcher]) fanOut.onMessage(c, readIncomingMessage(writeDelivery("low")));
    const mine = typing(11, "mine");
    fanOut.sendUpdate(mine, [{ data: mine, from: typist }]); // the low audience's first frame, at once
    expect(typist.socket.sent).toHaveLength(0);
    expect(watcher.socket.sent).toHaveLength(1);
    // Within the next tick: the typist's words merged in one batch with another's, then more of its own alone.
    const [again, theirs] = [typing(12, "again"), typing(13, "theirs")];
    fanOut.sendUpdate(Y.mergeUpdates([again, theirs]), [{ data: again, from: typist }, { data: theirs, from: other }]);
    const more = typing(14, "more");
    fanOut.sendUpdate(more, [{ data: more, from: typist }]);
    await sleep(120);
    expect(typist.socket.sent).toHaveLength(1);
    expect(docFromFrames(typist.socket.sent).getText("t").toString()).toBe("theirs");
    expect(watcher.socket.sent).toHaveLength(2);
    const seen = docFromFrames(watcher.socket.sent).getText("t").toString();
    for (const word of ["mine", "again", "theirs", "more"]) expect(seen).toContain(word);
    // Two ticks sent frames; they carried three stored batches (one of them kept in two parts).
    expect(fanOut.tickStats.lowBandwidth).toEqual({ frames: 2, updates: 3 });
  });

  it("counts no frame for a tick that had only a socket's own typing to send it", async () => {
    const typist = recordingConnection(1, "delegate");
    fanOut = new LocalFanOut(new Set([typist]), { observersMs: 0, lowBandwidthMs: 30 });
    fanOut.onMessage(typist, readIncomingMessage(writeDelivery("low")));
    const mine = typing(1, "mine");
    fanOut.sendUpdate(mine, [{ data: mine, from: typist }]);
    await sleep(60);
    expect(typist.socket.sent).toHaveLength(0);
    expect(fanOut.tickStats.lowBandwidth).toEqual({ frames: 0, updates: 0 });
  });

  it("merges what is stored within an observer tick into one frame, first at once, then once per tick", async () => {
    const observer = recordingConnection(1, "observer");
    fanOut = new LocalFanOut(new Set([observer]), { observersMs: 80, lowBandwidthMs: 1000 });
    fanOut.sendUpdate(typing(1, "first"), []);
    expect(observer.socket.sent).toHaveLength(1);
    for (let i = 0; i < 5; i++) fanOut.sendUpdate(typing(10 + i, `w${i}`), []);
    expect(observer.socket.sent).toHaveLength(1);
    await sleep(150);
    expect(observer.socket.sent).toHaveLength(2);
    const text = docFromFrames(observer.socket.sent).getText("t").toString();
    for (const word of ["first", "w0", "w1", "w2", "w3", "w4"]) expect(text).toContain(word);
    expect(fanOut.tickStats.observers).toEqual({ frames: 2, updates: 6 });
  });

  it("sends a socket leaving a ticked audience what that audience still had waiting, so switching loses nothing", async () => {
    const switching = recordingConnection(1, "delegate");
    fanOut = new LocalFanOut(new Set([switching]), { observersMs: 0, lowBandwidthMs: 60_000 });
    fanOut.onMessage(switching, readIncomingMessage(writeDelivery("low")));
    fanOut.sendUpdate(typing(1, "a"), []); // sent at once: the low audience's first frame
    fanOut.sendUpdate(typing(2, "b"), []); // waits for the next low tick, a minute away
    expect(switching.socket.sent).toHaveLength(1);
    fanOut.onMessage(switching, readIncomingMessage(writeDelivery("live")));
    expect(docFromFrames(switching.socket.sent).getText("t").toString()).toContain("b");
  });

  it("lengthens the observers' tick with their number, to keep within the frame budget", async () => {
    const observers = new Set(Array.from({ length: 10 }, (_, i) => recordingConnection(i, "observer")));
    // Ten observers, 100 frames a second in all: one frame each per 100 ms, though the tick is 0.
    fanOut = new LocalFanOut(observers, { observersMs: 0, observerFramesPerSecond: 100, lowBandwidthMs: 1000 });
    const one = [...observers][0]!;
    fanOut.sendUpdate(typing(1, "a"), []);
    fanOut.sendUpdate(typing(2, "b"), []);
    expect(one.socket.sent).toHaveLength(1);
    await sleep(50);
    expect(one.socket.sent).toHaveLength(1);
    await sleep(100);
    expect(one.socket.sent).toHaveLength(2);
    expect(fanOut.tickStats.observers).toEqual({ frames: 2, updates: 2 });
  });
});
