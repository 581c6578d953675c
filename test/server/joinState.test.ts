import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { JoinState } from "../../server/collab/joinState.js";

/** A state vector naming these clients and clocks, as a client would send it. */
function stateVector(entries: [number, number][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** The update inside a sync step 2 frame. */
function updateOf(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

describe("the join frames", () => {
  const doc = new Y.Doc();
  doc.clientID = 7;
  doc.getText("t").insert(0, "the text as stored");
  const own = Y.getState(doc.store, 7);

  it("answers state vectors that differ only in what the document does not know from one encoding", () => {
    const join = new JoinState(() => doc);
    const answers = [
      join.syncStep2(Y.encodeStateVector(new Y.Doc())),
      join.syncStep2(stateVector([[999_999, 5]])),
      join.syncStep2(stateVector([[888_888, 1], [777_777, 40]])),
    ];
    expect(join.stats).toEqual({ encoded: 1, shared: 2 });
    expect(answers[1]).toBe(answers[0]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updateOf(answers[2]!));
    expect(copy.getText("t").toString()).toBe("the text as stored");
  });

  it("reads a clock past the document's own as the document's own, and answers it with nothing new", () => {
    const join = new JoinState(() => doc);
    const ahead = join.syncStep2(stateVector([[7, own + 100]]));
    const level = join.syncStep2(stateVector([[7, own]]));
    expect(level).toBe(ahead);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updateOf(ahead));
    expect(copy.getText("t").toString()).toBe("");
  });

  it("encodes again once the document changed", () => {
    const changing = new Y.Doc();
    changing.getText("t").insert(0, "first");
    const join = new JoinState(() => changing);
    const before = join.syncStep2(Y.encodeStateVector(new Y.Doc()));
    changing.getText("t").insert(5, " second");
    join.invalidate();
    const after = join.syncStep2(Y.encodeStateVector(new Y.Doc()));
    expect(after).not.toBe(before);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updateOf(after));
    expect(copy.getText("t").toString()).toBe("first second");
  });
});
