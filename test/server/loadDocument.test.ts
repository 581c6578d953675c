import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocumentUpdateRow } from "../../schemas/rows.js";
import { DamagedStateError, loadDocument } from "../../server/documents/loadDocument.js";
import { updateChecksum } from "../../server/storage/checksum.js";
import { blockText, typeAtEnd } from "../helpers/documentEdits.js";
import { fragmentText } from "../helpers/yClient.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";

/** A draft of two paragraphs written by client 1, as its compacted state. */
function draftState(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const content = doc.getXmlFragment(CONTENT_FIELD);
  for (const [pid, text] of [["p1", "We recognize"], ["p2", "We reaffirm"]] as const) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.setAttribute("pid", pid);
    paragraph.insert(0, [new Y.XmlText(text)]);
    content.push([paragraph]);
  }
  return Y.encodeStateAsUpdate(doc);
}

/** A delegate's editor: a client id and its copy of the document, which sees only what it is given. */
function editor(clientId: number, ...seen: Uint8Array[]): { doc: Y.Doc; edit(change: (doc: Y.Doc) => void): Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  for (const update of seen) Y.applyUpdate(doc, update);
  return {
    doc,
    edit(change) {
      const updates: Uint8Array[] = [];
      const keep = (u: Uint8Array) => updates.push(u);
      doc.on("update", keep);
      doc.transact(() => change(doc));
      doc.off("update", keep);
      return updates[0]!;
    },
  };
}

/** A log row as `DocumentStore.append` writes it. */
function row(seq: number, data: Uint8Array, checksum: string | null = updateChecksum(data)): DocumentUpdateRow {
  return { seq, data: new Uint8Array(data), checksum };
}

/** The same bytes with one byte replaced. */
function withByte(data: Uint8Array, index: number, value: number): Uint8Array {
  const copy = data.slice();
  copy[index] = value;
  return copy;
}

/** Index of the first byte of `text` (ASCII) in an update. */
function indexOfText(data: Uint8Array, text: string): number {
  const needle = Buffer.from(text);
  const at = Buffer.from(data).indexOf(needle);
  if (at < 0) throw new Error(`"${text}" not in update`);
  return at;
}

const state = draftState();

describe("loadDocument", () => {
  it("applies a sound log in order and names every row applied", () => {
    const arcadia = editor(2, state);
    const first = arcadia.edit((d) => typeAtEnd(d, 0, " the role"));
    const second = arcadia.edit((d) => typeAtEnd(d, 1, " our commitment"));
    const loaded = loadDocument({ state, updates: [row(4, first), row(9, second)] });
    expect(loaded.appliedSeqs).toEqual([4, 9]);
    expect(loaded.quarantined).toEqual([]);
    expect(fragmentText(loaded.doc)).toBe("We recognize the role\nWe reaffirm our commitment");
  });

  it("sets aside a row whose bytes differ from its checksum, and applies the next edit", () => {
    const first = editor(2, state).edit((d) => typeAtEnd(d, 0, " the role"));
    const second = editor(3, state).edit((d) => typeAtEnd(d, 1, " our commitment"));
    const altered = withByte(first, indexOfText(first, "role"), "h".charCodeAt(0)); // "the hole": still a whole update
    const loaded = loadDocument({ state, updates: [row(1, altered, updateChecksum(first)), row(2, second)] });
    expect(loaded.quarantined).toEqual([{ seq: 1, fault: { kind: "checksum" }, reason: "its bytes differ from the bytes written (checksum mismatch)" }]);
    expect(loaded.appliedSeqs).toEqual([2]);
    expect(fragmentText(loaded.doc)).toBe("We recognize\nWe reaffirm our commitment");
  });

  it("sets aside a row that is followed by bytes no update reader reads", () => {
    const first = editor(2, state).edit((d) => typeAtEnd(d, 0, " the role"));
    const trailing = new Uint8Array([...first, 0, 0]);
    const loaded = loadDocument({ state, updates: [row(1, trailing)] });
    expect(loaded.quarantined.map((q) => [q.seq, q.reason])).toEqual([[1, "update followed by 2 unread bytes"]]);
    expect(fragmentText(loaded.doc)).toBe("We recognize\nWe reaffirm");
  });

  it("sets aside a row of garbage", () => {
    const loaded = loadDocument({ state, updates: [row(1, new Uint8Array([0xff, 0xff, 0xff, 0x07, 1, 2, 3]), null)] });
    expect(loaded.quarantined).toHaveLength(1);
    expect(loaded.quarantined[0]!.fault.kind).toBe("defect");
    expect(loaded.quarantined[0]!.reason).toMatch(/^update does not decode/);
  });

  it("sets aside a legacy row whose clocks are wrong: it applies but leaves content pending", () => {
    const first = editor(2, state).edit((d) => typeAtEnd(d, 0, " the role"));
    // V1: [clients=1, structs, client=2, clock=0, ...]; claim clock 40, which client 2 never reached.
    expect(Array.from(first.slice(0, 4))).toEqual([1, 1, 2, 0]);
    const later = editor(3, state).edit((d) => typeAtEnd(d, 1, " our commitment"));
    const loaded = loadDocument({ state, updates: [row(1, withByte(first, 3, 40), null), row(2, later, null)] });
    expect(loaded.quarantined).toEqual([{
      seq: 1, fault: { kind: "missing", dependsOn: [], maybeDependsOn: [] }, reason: "it refers to content the document does not have",
    }]);
    expect(loaded.appliedSeqs).toEqual([2]);
    expect(loaded.doc.store.pendingStructs).toBeNull();
    expect(loaded.doc.store.pendingDs).toBeNull();
    expect(fragmentText(loaded.doc)).toBe("We recognize\nWe reaffirm our commitment");
  });

  it("sets aside a row that builds on a set-aside row, naming it, and keeps independent rows", () => {
    const arcadia = editor(2, state);
    const first = arcadia.edit((d) => typeAtEnd(d, 0, " the role"));
    const builds = editor(3, state, first).edit((d) => typeAtEnd(d, 0, " of all"));
    const deletes = editor(4, state, first).edit((d) => blockText(d, 0).delete("We recognize ".length, 3));
    const independent = editor(5, state).edit((d) => typeAtEnd(d, 1, " our commitment"));
    const altered = withByte(first, indexOfText(first, "role"), "h".charCodeAt(0));
    const loaded = loadDocument({
      state, updates: [row(1, altered, updateChecksum(first)), row(2, builds), row(3, deletes), row(4, independent)],
    });
    expect(loaded.quarantined.map((q) => [q.seq, q.reason])).toEqual([
      [1, "its bytes differ from the bytes written (checksum mismatch)"],
      [2, "it depends on quarantined update 1"],
      [3, "it depends on quarantined update 1"],
    ]);
    expect(loaded.appliedSeqs).toEqual([4]);
    expect(fragmentText(loaded.doc)).toBe("We recognize\nWe reaffirm our commitment");
  });

  it("names a garbage row only as a possible cause of a later row's missing content", () => {
    const first = editor(2, state).edit((d) => typeAtEnd(d, 0, " the role"));
    const builds = editor(3, state, first).edit((d) => typeAtEnd(d, 0, " of all"));
    const loaded = loadDocument({ state, updates: [row(1, new Uint8Array([9, 9, 9]), null), row(2, builds)] });
    expect(loaded.quarantined[1]).toMatchObject({
      seq: 2, reason: "it refers to content the document does not have (perhaps that of quarantined update 1)",
    });
  });

  it("rebuilds the document without a row that throws half way through applying", () => {
    const changed = editor(2, state).edit((d) => {
      const text = blockText(d, 0);
      text.insert(2, " also", { bold: true });
      text.delete(0, 2);
    });
    const after = editor(3, state).edit((d) => typeAtEnd(d, 1, " our commitment"));
    // The item " also" is [info, origin client, origin clock, right origin client, right origin clock, length, text]:
    // point its origin at itself (2:1 instead of 2:0). The bold mark before it is integrated, then Yjs throws.
    const originClock = indexOfText(changed, " also") - 4;
    expect(Array.from(changed.slice(originClock - 1, originClock + 1))).toEqual([2, 0]);
    const throwing = withByte(changed, originClock, 1);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, state);
    expect(() => Y.applyUpdate(probe, throwing)).toThrow();
    expect(fragmentText(probe)).toBe("We recognize\nWe reaffirm"); // the text is unchanged ...
    expect(probe.getXmlFragment(CONTENT_FIELD).toString()).toContain("<bold>"); // ... but the document is not: half applied

    const loaded = loadDocument({ state, updates: [row(1, throwing, null), row(2, after)] });
    expect(loaded.quarantined.map((q) => q.seq)).toEqual([1]);
    expect(loaded.quarantined[0]!.reason).toMatch(/^applying it failed: /);
    expect(loaded.appliedSeqs).toEqual([2]);
    expect(fragmentText(loaded.doc)).toBe("We recognize\nWe reaffirm our commitment");
    expect(loaded.doc.getXmlFragment(CONTENT_FIELD).toString()).not.toContain("bold");
  });

  it("refuses to load when the compacted state itself is damaged", () => {
    expect(() => loadDocument({ state: new Uint8Array([...state, 7]), updates: [] })).toThrow(DamagedStateError);
    expect(() => loadDocument({ state: state.slice(0, state.length - 9), updates: [] })).toThrow(DamagedStateError);
  });
});
