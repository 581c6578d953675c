import { describe, expect, it } from "vitest";
import { discussedIn } from "../../client/editor/discussedParagraph.js";
import { paragraphLabelsPlugin } from "../../client/editor/plugins/paragraphLabels.js";
import { doc, p, posOf, stateOf } from "./docBuilder.js";

const plugin = () => paragraphLabelsPlugin({ style: "declaration", language: "en", statusText: (s) => s });

describe("the paragraph under discussion as the text has it", () => {
  const draft = doc(p({ pid: "p1" }, "One."), p({ pid: "p2" }, "Two."), p({ pid: "p3" }, "Three."));

  it("names it by its reference as numbered now: a paragraph added above renumbers it", () => {
    const state = stateOf(draft, { plugins: [plugin()] });
    expect(discussedIn(state, "p2")).toEqual({ pid: "p2", reference: "para 2" });
    const next = state.apply(state.tr.insert(posOf(state.doc, "One.") - 1, p({ pid: "p0" }, "Zero.")));
    expect(discussedIn(next, "p2")).toEqual({ pid: "p2", reference: "para 3" });
  });

  it("is none when the text no longer has the paragraph, or none is under discussion", () => {
    const state = stateOf(draft, { plugins: [plugin()] });
    const from = posOf(state.doc, "Two.") - 1;
    const without = state.apply(state.tr.delete(from, from + state.doc.child(1).nodeSize));
    expect(discussedIn(without, "p2")).toBeNull();
    expect(discussedIn(state, "gone")).toBeNull();
    expect(discussedIn(state, null)).toBeNull();
  });
});
