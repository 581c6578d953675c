import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { JoinState } from "../../server/collab/joinState.js";
import { SharedFrame } from "../../server/collab/wireFrame.js";

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

/** A join's answer as the bytes of its messages (a message shared by joiners is the same object at every join). */
function answerOf(join: JoinState, stateVector: Uint8Array): Uint8Array[] {
  return join.syncStep2(stateVector).map((frame) => (frame instanceof SharedFrame ? frame.payload : frame));
}

/** The update inside a sync step 2 (or update) frame. */
function payloadOf(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/** The update an answer (a sync step 2 alone, or with a catch-up update frame) carries; one when there is no catch-up. */
function updateOf(frames: Uint8Array[]): Uint8Array {
  expect(frames).toHaveLength(1);
  return payloadOf(frames[0]!);
}

/** A fresh document with everything an answer's frames carry applied, as a joining client builds it. */
function joinerOf(frames: Uint8Array[]): Y.Doc {
  const copy = new Y.Doc();
  for (const frame of frames) Y.applyUpdate(copy, payloadOf(frame));
  return copy;
}

/** Applies each frame in turn, as a client does, checking that none of them leaves Yjs holding a change it cannot place yet. */
function applyInTurn(doc: Y.Doc, frames: Uint8Array[], afterEach: (doc: Y.Doc) => void = () => {}): Y.Doc {
  for (const frame of frames) {
    Y.applyUpdate(doc, payloadOf(frame));
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
    afterEach(doc);
  }
  return doc;
}

const isUpdateFrame = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 2;
const isEmptyStep2 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 1 && payloadOf(frame).length <= 2;

describe("the join frames", () => {
  const doc = new Y.Doc();
  doc.clientID = 7;
  doc.getText("t").insert(0, "the text as stored");
  const own = Y.getState(doc.store, 7);

  it("answers state vectors that differ only in what the document does not know from one encoding", () => {
    const join = new JoinState(() => doc);
    const answers = [
      answerOf(join, Y.encodeStateVector(new Y.Doc())),
      answerOf(join, stateVector([[999_999, 5]])),
      answerOf(join, stateVector([[888_888, 1], [777_777, 40]])),
    ];
    expect(join.stats).toEqual({ encoded: 1, shared: 2 });
    expect(answers[1]![0]).toBe(answers[0]![0]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updateOf(answers[2]!));
    expect(copy.getText("t").toString()).toBe("the text as stored");
  });

  it("keeps at most sixteen answers, dropping the one used least recently", () => {
    expect(own).toBeGreaterThanOrEqual(17);
    const join = new JoinState(() => doc);
    for (let clock = 1; clock <= 16; clock++) answerOf(join, stateVector([[7, clock]]));
    expect(join.stats).toEqual({ encoded: 16, shared: 0 });
    answerOf(join, stateVector([[7, 1]]));
    // A seventeenth drops the answer used least recently: the second, not the first (used again just now).
    answerOf(join, stateVector([[7, 17]]));
    expect(join.stats).toEqual({ encoded: 17, shared: 1 });
    answerOf(join, stateVector([[7, 1]]));
    expect(join.stats).toEqual({ encoded: 17, shared: 2 });
    answerOf(join, stateVector([[7, 2]]));
    expect(join.stats).toEqual({ encoded: 18, shared: 2 });
  });

  it("reads a clock past the document's own as the document's own, and answers it with nothing new", () => {
    const join = new JoinState(() => doc);
    const ahead = answerOf(join, stateVector([[7, own + 100]]));
    const level = answerOf(join, stateVector([[7, own]]));
    expect(level[0]).toBe(ahead[0]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updateOf(ahead));
    expect(copy.getText("t").toString()).toBe("");
  });

  it("brings a cached answer up to date with the changes stored since, each as it was stored, in order, shared by every join, and encodes afresh past its bound", () => {
    const changing = new Y.Doc();
    changing.getText("t").insert(0, "first");
    let clock = 0;
    const join = new JoinState(() => changing, 250, () => clock);
    const empty = Y.encodeStateVector(new Y.Doc());
    const before = answerOf(join, empty);
    expect(before).toHaveLength(1);

    const typed: Uint8Array[] = [];
    changing.on("update", (update: Uint8Array) => typed.push(update));
    changing.getText("t").insert(5, " second");
    join.changed(typed.at(-1)!);
    const after = answerOf(join, empty);
    const again = answerOf(join, empty);
    // The cached answer as an update, the changes since, then an empty step 2: synced means the whole document.
    expect(after).toHaveLength(3);
    expect(after.map(isUpdateFrame)).toEqual([true, true, false]);
    expect(isEmptyStep2(after[2]!)).toBe(true);
    expect(payloadOf(after[0]!)).toEqual(payloadOf(before[0]!));
    expect(again[0]).toBe(after[0]);
    expect(again[1]).toBe(after[1]);
    // Each message applies whole as it comes: the joiner goes through states the document had, nothing held pending.
    const texts: string[] = [];
    applyInTurn(new Y.Doc(), after, (d) => texts.push(d.getText("t").toString()));
    expect(texts).toEqual(["first", "first second", "first second"]);
    expect(join.stats).toEqual({ encoded: 1, shared: 2 });

    // A joiner's frames alone give the document's text, whatever it joined after; past 2,000 changes it is encoded again.
    for (let i = 0; i < 2_001; i++) {
      changing.getText("t").insert(changing.getText("t").length, ".");
      join.changed(typed.at(-1)!);
      if (i === 1_000) expect(joinerOf(answerOf(join, empty)).getText("t").toString()).toBe(changing.getText("t").toString());
    }
    const fresh = answerOf(join, empty);
    expect(fresh).toHaveLength(1);
    expect(join.stats.encoded).toBe(2);
    expect(joinerOf(fresh).getText("t").toString()).toBe(changing.getText("t").toString());
  });

  it("encodes afresh once its answer is a quarter second old and the document changed since; unchanged, it keeps it", () => {
    const changing = new Y.Doc();
    changing.getText("t").insert(0, "first");
    let clock = 1_000;
    const join = new JoinState(() => changing, 250, () => clock);
    const empty = Y.encodeStateVector(new Y.Doc());
    const typed: Uint8Array[] = [];
    changing.on("update", (update: Uint8Array) => typed.push(update));
    answerOf(join, empty);
    clock += 1_000;
    expect(answerOf(join, empty)).toHaveLength(1);
    expect(join.stats).toEqual({ encoded: 1, shared: 1 });
    changing.getText("t").insert(5, " second");
    join.changed(typed.at(-1)!);
    clock += 200;
    expect(answerOf(join, empty)).toHaveLength(1);
    expect(join.stats.encoded).toBe(2);
    changing.getText("t").insert(0, ">");
    join.changed(typed.at(-1)!);
    clock += 100;
    expect(answerOf(join, empty)).toHaveLength(3);
    clock += 200;
    const fresh = answerOf(join, empty);
    expect(fresh).toHaveLength(1);
    expect(join.stats.encoded).toBe(3);
    expect(joinerOf(fresh).getText("t").toString()).toBe(">first second");
  });

  it("sends up to 32 changes since an answer one by one, and more merged into one message, so a joiner gets a few messages", () => {
    const changing = new Y.Doc();
    changing.getText("t").insert(0, "start");
    const join = new JoinState(() => changing, 60_000, () => 0);
    const empty = Y.encodeStateVector(new Y.Doc());
    answerOf(join, empty);
    const typed: Uint8Array[] = [];
    changing.on("update", (update: Uint8Array) => typed.push(update));
    const type = (n: number) => {
      for (let i = 0; i < n; i++) {
        changing.getText("t").insert(changing.getText("t").length, String(i % 10));
        join.changed(typed.at(-1)!);
      }
    };
    type(32);
    const separate = answerOf(join, empty);
    expect(separate).toHaveLength(34);
    expect(joinerOf(separate).getText("t").toString()).toBe(changing.getText("t").toString());
    type(1);
    const merged = answerOf(join, empty);
    expect(merged).toHaveLength(3);
    expect(merged.map(isUpdateFrame)).toEqual([true, true, false]);
    expect(joinerOf(merged).getText("t").toString()).toBe(changing.getText("t").toString());
    // Merged once for this state of the document, then shared.
    expect(answerOf(join, empty)[1]).toBe(merged[1]);
    expect(join.stats.encoded).toBe(1);
  });

  it("carries deletions in the changes since, of text only the answer holds and of text typed since, to a joiner with an older state", () => {
    const changing = new Y.Doc();
    changing.getText("t").insert(0, "keep this, drop that");
    const join = new JoinState(() => changing, 60_000, () => 0);
    const older = new Y.Doc();
    Y.applyUpdate(older, Y.encodeStateAsUpdate(changing));
    changing.getText("t").insert(0, "!");
    const known = Y.encodeStateVector(older);
    expect(answerOf(join, known)).toHaveLength(1);

    const typed: Uint8Array[] = [];
    changing.on("update", (update: Uint8Array) => typed.push(update));
    const t = changing.getText("t");
    t.delete(t.toString().indexOf(", drop that"), ", drop that".length);
    join.changed(typed.at(-1)!);
    t.insert(t.length, " and more");
    join.changed(typed.at(-1)!);
    t.delete(t.toString().indexOf(" and"), " and".length);
    join.changed(typed.at(-1)!);

    // The "!" reaches this joiner only in the answer; the changes since delete it.
    t.delete(0, 1);
    join.changed(typed.at(-1)!);

    const frames = answerOf(join, known);
    // The answer, the four changes as they were stored, the empty step 2.
    expect(frames).toHaveLength(6);
    const texts: string[] = [];
    applyInTurn(older, frames, (d) => texts.push(d.getText("t").toString()));
    expect(texts).toEqual(["!keep this, drop that", "!keep this", "!keep this and more", "!keep this more", "keep this more", "keep this more"]);
    expect(older.getText("t").toString()).toBe(changing.getText("t").toString());
    expect(join.stats).toEqual({ encoded: 1, shared: 1 });
  });
});

