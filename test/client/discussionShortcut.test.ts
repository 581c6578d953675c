import { describe, expect, it } from "vitest";
import { readDiscussionKey } from "../../client/editor/discussionShortcut.js";

/** A key press as the browser reports it: Ctrl+Alt+D unless told otherwise. */
function press(init: Partial<KeyboardEventInit> = {}) {
  const event = { key: "d", code: "KeyD", ctrlKey: true, altKey: true, shiftKey: false, metaKey: false, repeat: false, ...init };
  return { ...event, getModifierState: () => false };
}

describe("the discussion key", () => {
  it("asks to move the discussion to the paragraph it points at", () => {
    expect(readDiscussionKey(press(), "op7", "op3")).toEqual({ kind: "move", pid: "op7" });
    expect(readDiscussionKey(press(), "op7", null)).toEqual({ kind: "move", pid: "op7" });
  });

  it("asks nothing while the key is held: only the first press counts", () => {
    expect(readDiscussionKey(press({ repeat: true }), "op7", "op3")).toEqual({ kind: "nothing" });
  });

  it("asks nothing for the paragraph already under discussion, or when it points at none", () => {
    expect(readDiscussionKey(press(), "op7", "op7")).toEqual({ kind: "nothing" });
    expect(readDiscussionKey(press(), null, "op7")).toEqual({ kind: "nothing" });
  });

  it("leaves other keys alone", () => {
    expect(readDiscussionKey(press({ altKey: false }), "op7", null)).toEqual({ kind: "other" });
    expect(readDiscussionKey(press({ key: "e", code: "KeyE" }), "op7", null)).toEqual({ kind: "other" });
  });
});
