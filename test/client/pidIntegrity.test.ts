import { Fragment, Slice } from "@tiptap/pm/model";
import { TextSelection } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { pidOf } from "../../client/editor/model/pmBlocks.js";
import { pidIntegrityPlugin } from "../../client/editor/plugins/pidIntegrity.js";
import { doc, ids, p, posOf, stateOf, t, texts } from "./docBuilder.js";

const start = doc(
  p({ pid: "pA", frozenLabel: "1" }, "First paragraph text."),
  p({ pid: "pB", status: "agreed", frozenLabel: "2" }, "Second paragraph, agreed."),
);

function withIntegrity(editable = true) {
  return stateOf(start, { plugins: [pidIntegrityPlugin({ isEditable: () => editable, newPid: ids("fresh") })] });
}

function pids(state: ReturnType<typeof withIntegrity>) {
  const out: (string | null)[] = [];
  state.doc.forEach((node) => out.push(pidOf(node)));
  return out;
}

describe("pid integrity", () => {
  it("gives the second half of a split paragraph a fresh pid, an open status and no frozen label", () => {
    const state = withIntegrity();
    const at = posOf(state.doc, " agreed");
    // A split in the middle copies every attribute (TipTap's splitBlock does the same).
    const next = state.apply(state.tr.split(at));
    expect(texts(next.doc)).toEqual(["First paragraph text.", "Second paragraph,", " agreed."]);
    expect(pids(next)).toEqual(["pA", "pB", "fresh1"]);
    expect(next.doc.child(1).attrs).toMatchObject({ status: "agreed", frozenLabel: "2" });
    expect(next.doc.child(2).attrs).toMatchObject({ status: "open", frozenLabel: null });
  });

  it("names a new empty paragraph", () => {
    const state = withIntegrity();
    const end = posOf(state.doc, "First paragraph text.") + "First paragraph text.".length;
    const next = state.apply(state.tr.split(end, 1, [{ type: state.schema.nodes.paragraph!, attrs: { pid: null } }]));
    expect(pids(next)).toEqual(["pA", "fresh1", "pB"]);
  });

  it("lets the untouched original keep its pid when a copy of it is pasted before it", () => {
    const state = withIntegrity();
    const copy = state.doc.child(1);
    const next = state.apply(state.tr.insert(0, copy));
    expect(pids(next)).toEqual(["fresh1", "pA", "pB"]);
    expect(next.doc.child(0).attrs.status).toBe("open");
    expect(next.doc.child(2).attrs.status).toBe("agreed");
  });

  it("leaves blocks alone when the change came from another client through Yjs", () => {
    const state = withIntegrity();
    const tr = state.tr.insert(0, p({ pid: null }, "Remote")).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(pids(state.apply(tr))).toEqual([null, "pA", "pB"]);
  });

  it("writes nothing for someone who cannot edit", () => {
    const state = withIntegrity(false);
    expect(pids(state.apply(state.tr.insert(0, p({ pid: null }, "x"))))).toEqual([null, "pA", "pB"]);
  });

  it("does not rename blocks that ordinary typing touched", () => {
    const state = withIntegrity();
    const next = state.apply(state.tr.insertText(" More.", posOf(state.doc, "First") + 21));
    expect(pids(next)).toEqual(["pA", "pB"]);
  });

  it("makes the split and the renaming one transaction batch (one undo step)", () => {
    const state = withIntegrity();
    const at = posOf(state.doc, "paragraph text");
    const { transactions } = state.applyTransaction(
      state.tr.setSelection(TextSelection.create(state.doc, at)).split(at),
    );
    expect(transactions).toHaveLength(2);
  });

  it("renames pasted blocks whose pid was cleared", () => {
    const state = withIntegrity();
    const pasted = new Slice(Fragment.from([p({ pid: null }, "One"), p({ pid: null }, t("Two"))]), 0, 0);
    const next = state.apply(state.tr.replace(state.doc.content.size, state.doc.content.size, pasted));
    expect(pids(next)).toEqual(["pA", "pB", "fresh1", "fresh2"]);
  });
});
