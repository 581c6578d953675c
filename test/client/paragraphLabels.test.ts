import { describe, expect, it } from "vitest";
import { changeStatus } from "../../client/editor/commands/paragraphStatus.js";
import { readPmBlocks } from "../../client/editor/model/pmBlocks.js";
import { labelsOf, paragraphLabelsPlugin, referenceOf } from "../../client/editor/plugins/paragraphLabels.js";
import { bracket, doc, h, p, posOf, stateOf, t } from "./docBuilder.js";

const plugin = () => paragraphLabelsPlugin({ style: "declaration", language: "en", statusText: (s) => `status:${s}` });

const draft = doc(
  h("h1", "A. Preamble"),
  p({ pid: "p1", frozenLabel: "1" }, "One."),
  p({ pid: "p2", frozenLabel: "2", status: "agreed" }, "Two."),
  p({ pid: "pNew" }, "Inserted since the revision."),
  p({ pid: "p3", frozenLabel: "3", status: "deleted" }, "Three, ", t("bracketed", bracket("b1")), "."),
);

describe("paragraph labels", () => {
  it("numbers the live document with frozen labels and bis, like the server", () => {
    const state = stateOf(draft, { plugins: [plugin()] });
    const { labels } = labelsOf(state);
    expect([...labels.entries()].map(([pid, l]) => [pid, l.display, l.reference])).toEqual([
      ["p1", "1.", "para 1"], ["p2", "2.", "para 2"], ["pNew", "2 bis.", "para 2 bis"], ["p3", "3.", "para 3"],
    ]);
  });

  it("puts the label and the spelled-out status on each paragraph's node", () => {
    const state = stateOf(draft, { plugins: [plugin()] });
    const decorations = labelsOf(state).decorations.find();
    expect(decorations.map((d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs)).toEqual([
      { "data-label": "1." },
      { "data-label": "2.", "data-status-label": "status:agreed" },
      { "data-label": "2 bis." },
      { "data-label": "3.", "data-status-label": "status:deleted" },
    ]);
  });

  it("recomputes when the document changes", () => {
    const state = stateOf(draft, { plugins: [plugin()] });
    const next = state.apply(state.tr.insert(posOf(state.doc, "One.") - 1, p({ pid: "pFirst" }, "Zero.")));
    expect(referenceOf(next, "pFirst")).toBe("para 0 bis");
  });

  it("reads blocks with a placeholder for a repeated pid, so every label has its own key", () => {
    const twice = doc(p({ pid: "same" }, "A"), p({ pid: "same" }, "B"));
    expect(readPmBlocks(twice).map((b) => [b.pid, b.storedPid])).toEqual([["same", "same"], ["~3", "same"]]);
  });
});

describe("paragraph status", () => {
  it("refuses to agree a paragraph that still has brackets, counting them", () => {
    expect(changeStatus(stateOf(draft), "p3", "agree")).toEqual({ ok: false, reason: "brackets", count: 1 });
  });

  it("agrees, reopens, deletes and restores by pid", () => {
    const state = stateOf(draft);
    const agreed = changeStatus(state, "pNew", "agree");
    expect(agreed.ok && state.apply(agreed.tr).doc.child(3).attrs.status).toBe("agreed");
    const restored = changeStatus(state, "p3", "restore");
    expect(restored.ok && state.apply(restored.tr).doc.child(4).attrs.status).toBe("open");
    expect(changeStatus(state, "nope", "reopen")).toEqual({ ok: false, reason: "notFound" });
  });
});
