import { describe, expect, it } from "vitest";
import { COMMENT_SHORTCUTS, matchesShortcut } from "../../client/comments/commentShortcuts.js";

/** A key press as the browser reports it. */
function press(init: { key: string; code: string; ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean; altGraph?: boolean }): KeyboardEvent {
  return {
    key: init.key, code: init.code, ctrlKey: !!init.ctrl, altKey: !!init.alt, shiftKey: !!init.shift, metaKey: !!init.meta,
    getModifierState: (name: string) => name === "AltGraph" && !!init.altGraph,
  } as unknown as KeyboardEvent;
}

describe("the comment shortcuts", () => {
  it("take Ctrl+Alt with the letter the layout prints, wherever the key is", () => {
    expect(matchesShortcut(press({ key: "m", code: "KeyM", ctrl: true, alt: true }), COMMENT_SHORTCUTS.comment)).toBe(true);
    // AZERTY: M sits where QWERTY has the semicolon, and the key at QWERTY's M prints a comma.
    expect(matchesShortcut(press({ key: "m", code: "Semicolon", ctrl: true, alt: true }), COMMENT_SHORTCUTS.comment)).toBe(true);
    expect(matchesShortcut(press({ key: ",", code: "KeyM", ctrl: true, alt: true }), COMMENT_SHORTCUTS.comment)).toBe(false);
  });

  it("never take AltGr, which types characters (Polish ń, German µ)", () => {
    expect(matchesShortcut(press({ key: "ń", code: "KeyN", ctrl: true, alt: true, altGraph: true }), COMMENT_SHORTCUTS.next)).toBe(false);
    expect(matchesShortcut(press({ key: "µ", code: "KeyM", ctrl: true, alt: true, altGraph: true }), COMMENT_SHORTCUTS.comment)).toBe(false);
    expect(matchesShortcut(press({ key: "n", code: "KeyN", ctrl: true, alt: true, altGraph: true }), COMMENT_SHORTCUTS.next)).toBe(false);
  });

  it("fall back to the key's place when the layout prints no plain letter (a Mac's Option characters)", () => {
    expect(matchesShortcut(press({ key: "µ", code: "KeyM", ctrl: true, alt: true }), COMMENT_SHORTCUTS.comment)).toBe(true);
  });

  it("want exactly their modifiers", () => {
    expect(matchesShortcut(press({ key: "m", code: "KeyM", ctrl: true }), COMMENT_SHORTCUTS.comment)).toBe(false);
    expect(matchesShortcut(press({ key: "m", code: "KeyM", ctrl: true, alt: true, shift: true }), COMMENT_SHORTCUTS.comment)).toBe(false);
    expect(matchesShortcut(press({ key: "m", code: "KeyM", ctrl: true, alt: true, meta: true }), COMMENT_SHORTCUTS.comment)).toBe(false);
    expect(matchesShortcut(press({ key: "j", code: "KeyJ", ctrl: true, alt: true }), COMMENT_SHORTCUTS.jump)).toBe(true);
    expect(matchesShortcut(press({ key: "p", code: "KeyP", ctrl: true, alt: true }), COMMENT_SHORTCUTS.previous)).toBe(true);
  });
});
