import type { EditorState, Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { moveToParagraph } from "../../client/editor/plugins/paragraphNavigation.js";
import { doc, h, p, posOf, stateOf } from "./docBuilder.js";

/** A declaration with a heading between paragraphs and a sub-paragraph. */
const draft = doc(
  h("pHead", "A. Preamble"),
  p({ pid: "pOne" }, "Reaffirm our common desire."),
  p({ pid: "pSub", level: 2 }, "A sub-paragraph."),
  h("pHead2", "B. Commitments"),
  p({ pid: "pTwo" }, "Commit to act."),
);

/** The text that follows the caret after pressing the key once, or null when the key did nothing. */
function after(state: EditorState, direction: 1 | -1): string | null {
  let next: Transaction | null = null;
  expect(moveToParagraph(direction)(state, (tr) => (next = tr))).toBe(true);
  if (!next) return null;
  const moved = state.apply(next);
  const $head = moved.selection.$head;
  return $head.parent.textContent.slice($head.parentOffset);
}

describe("moving paragraph by paragraph", () => {
  it("goes to the start of the next paragraph, over headings, sub-paragraphs included", () => {
    expect(after(stateOf(draft, { caret: posOf(draft, "Preamble") }), 1)).toBe("Reaffirm our common desire.");
    expect(after(stateOf(draft, { caret: posOf(draft, "common") }), 1)).toBe("A sub-paragraph.");
    expect(after(stateOf(draft, { caret: posOf(draft, "sub-paragraph") }), 1)).toBe("Commit to act.");
  });

  it("goes back to the start of the paragraph, then to the one before", () => {
    expect(after(stateOf(draft, { caret: posOf(draft, "to act") }), -1)).toBe("Commit to act.");
    expect(after(stateOf(draft, { caret: posOf(draft, "Commit") }), -1)).toBe("A sub-paragraph.");
  });

  it("stays put past the last paragraph and before the first, and still takes the key", () => {
    expect(after(stateOf(draft, { caret: posOf(draft, "act.") + 4 }), 1)).toBeNull();
    expect(after(stateOf(draft, { caret: posOf(draft, "Reaffirm") }), -1)).toBeNull();
  });
});
