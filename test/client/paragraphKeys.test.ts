import { Editor } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { NodeSelection, TextSelection } from "@tiptap/pm/state";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import type { RuleUser, RuleViolation } from "../../shared/document/changeRules.js";
import { NegotiationRules } from "../../client/editor/negotiationRules.js";
import { labelsOf } from "../../client/editor/plugins/paragraphLabels.js";
import { bracket, doc, h, p, people, posOf, t, texts } from "./docBuilder.js";

const byCivil = bracket("bCivil", people.civil);

/** A declaration after Rev.1 was issued: paragraphs 1-4 carry frozen labels, one was added since. */
const draft = doc(
  h("pHead", "A. Preamble"),
  p({ pid: "pOne", frozenLabel: "1" }, "Reaffirm our common desire."),
  p({ pid: "pTwo", frozenLabel: "2", status: "agreed" }, "Agreed words stay."),
  p({ pid: "pSub", frozenLabel: "a", level: 2 }, "A sub-paragraph."),
  p({ pid: "pNew" }, "Added since the revision."),
  p({ pid: "pThree", frozenLabel: "3" }, "Welcome the Compact ", t("and avoid parallel processes", byCivil), " today."),
  p({ pid: "pBracketed" }, "Recall ", t("the gaps", byCivil), "."),
);

const editors: Editor[] = [];
// TipTap's core keymap asks the platform which keys to bind: a Linux browser's.
beforeAll(() => {
  vi.stubGlobal("navigator", { platform: "Linux x86_64", userAgent: "Mozilla/5.0 (X11; Linux x86_64)" });
  return () => vi.unstubAllGlobals();
});
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

/**
 * A headless TipTap editor with the document schema and the negotiation
 * behaviour (TipTap's core keymap included), as `user`. Fresh pids are
 * counted: fresh1, fresh2 ...
 */
function editorAs(user: RuleUser, content: PmNode = draft) {
  const prevented: RuleViolation[] = [];
  let n = 0;
  const editor = new Editor({
    extensions: [
      ...documentExtensions,
      NegotiationRules.configure({
        getUser: () => user,
        isEditable: () => true,
        onPrevented: (violation) => prevented.push(violation),
        newPid: () => `fresh${++n}`,
      }),
    ],
    content: content.toJSON(),
  });
  // Unmounted, TipTap keeps a state without plugins; give it all of them as mounting would.
  editor.view.updateState(editor.state.reconfigure({ plugins: editor.extensionManager.plugins }));
  editors.push(editor);
  return { editor, prevented };
}

const KEY_CODES: Record<string, number> = { Enter: 13, Backspace: 8, Delete: 46 };

/** Presses a key as the editor view would: the key-down handlers of the plugins in order, until one handles it. */
function press(editor: Editor, key: string): boolean {
  const event = { key, keyCode: KEY_CODES[key], shiftKey: false, altKey: false, ctrlKey: false, metaKey: false } as KeyboardEvent;
  for (const plugin of editor.state.plugins) {
    const handle = plugin.props.handleKeyDown;
    if (handle?.call(plugin, editor.view, event)) return true;
  }
  return false;
}

function caretAt(editor: Editor, pos: number): void {
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
}

/** Puts the caret at the start of `text`, or just after it with `after`. */
function caretBefore(editor: Editor, text: string): void {
  caretAt(editor, posOf(editor.state.doc, text));
}
function caretAfter(editor: Editor, text: string): void {
  caretAt(editor, posOf(editor.state.doc, text) + text.length);
}

/** Every block as the room sees it: pid, kind, status, level, frozen label, label in the margin, text. */
function blocks(editor: Editor) {
  const { labels } = labelsOf(editor.state);
  const out: { pid: string; status?: string; level?: number; frozenLabel?: string | null; label?: string; text: string }[] = [];
  editor.state.doc.forEach((node) => {
    const pid = String(node.attrs.pid);
    out.push(node.type.name === "paragraph"
      ? { pid, status: node.attrs.status, level: node.attrs.level, frozenLabel: node.attrs.frozenLabel, label: labels.get(pid)?.display, text: node.textContent }
      : { pid, text: node.textContent });
  });
  return out;
}

const block = (editor: Editor, pid: string) => blocks(editor).find((b) => b.pid === pid);

/** The node of the block with `pid`. */
function nodeOf(editor: Editor, pid: string): PmNode {
  let found: PmNode | null = null;
  editor.state.doc.forEach((node) => {
    if (node.attrs.pid === pid) found = node;
  });
  if (!found) throw new Error(`no block ${pid}`);
  return found;
}

describe("Enter at the start of a paragraph", () => {
  it("adds an open paragraph before an open one, which keeps its identity, label and text", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const original = nodeOf(editor, "pOne");
    caretBefore(editor, "Reaffirm");
    expect(press(editor, "Enter")).toBe(true);
    expect(blocks(editor).slice(1, 3)).toEqual([
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "0 bis.", text: "" },
      { pid: "pOne", status: "open", level: 1, frozenLabel: "1", label: "1.", text: "Reaffirm our common desire." },
    ]);
    // The very same node: y-tiptap writes only the new element.
    expect(nodeOf(editor, "pOne")).toBe(original);
    expect(editor.state.selection.$from.parent).toBe(original);
    expect(editor.state.selection.$from.parentOffset).toBe(0);
    expect(prevented).toEqual([]);
  });

  it("lets a delegate add a paragraph before an agreed one and changes nothing in it", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const original = nodeOf(editor, "pTwo");
    caretBefore(editor, "Agreed words");
    press(editor, "Enter");
    expect(prevented).toEqual([]);
    expect(blocks(editor).slice(2, 4)).toEqual([
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "1 bis.", text: "" },
      { pid: "pTwo", status: "agreed", level: 1, frozenLabel: "2", label: "2.", text: "Agreed words stay." },
    ]);
    expect(nodeOf(editor, "pTwo")).toBe(original);
  });

  it("gives the new paragraph the level of the sub-paragraph it precedes", () => {
    const { editor } = editorAs(people.arcadia);
    caretBefore(editor, "A sub-paragraph");
    press(editor, "Enter");
    expect(blocks(editor)[3]).toMatchObject({ pid: "fresh1", status: "open", level: 2, frozenLabel: null, text: "" });
    expect(block(editor, "pSub")).toMatchObject({ status: "open", level: 2, frozenLabel: "a", text: "A sub-paragraph." });
  });

  it("adds an empty paragraph before a heading, which keeps its pid and kind", () => {
    const { editor } = editorAs(people.arcadia);
    caretBefore(editor, "A. Preamble");
    press(editor, "Enter");
    expect(editor.state.doc.child(0).type.name).toBe("paragraph");
    expect(blocks(editor).slice(0, 2)).toEqual([
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "0 bis.", text: "" },
      { pid: "pHead", text: "A. Preamble" },
    ]);
    expect(editor.state.doc.child(1).type.name).toBe("sectionHeading");
  });

  it("deletes a selection first, then adds the paragraph before the rest of the text", () => {
    const { editor } = editorAs(people.arcadia);
    const from = posOf(editor.state.doc, "Reaffirm");
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, from, from + "Reaffirm ".length)));
    press(editor, "Enter");
    expect(blocks(editor).slice(1, 3)).toEqual([
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "0 bis.", text: "" },
      { pid: "pOne", status: "open", level: 1, frozenLabel: "1", label: "1.", text: "our common desire." },
    ]);
  });

  it("adds a paragraph before words bracketed by another delegation without moving them", () => {
    const { editor, prevented } = editorAs(people.arcadia, doc(p({ pid: "pA", frozenLabel: "1" }, t("Bracketed first", byCivil), " words.")));
    caretBefore(editor, "Bracketed first");
    press(editor, "Enter");
    expect(prevented).toEqual([]);
    expect(texts(editor.state.doc)).toEqual(["", "Bracketed first words."]);
    expect(block(editor, "pA")).toMatchObject({ frozenLabel: "1", label: "1." });
  });
});

describe("Enter in the middle and at the end of a paragraph", () => {
  it("keeps the identity on the first half of an open paragraph; the second half is its bis", () => {
    const { editor } = editorAs(people.arcadia);
    caretBefore(editor, "common desire");
    press(editor, "Enter");
    expect(blocks(editor).slice(1, 3)).toEqual([
      { pid: "pOne", status: "open", level: 1, frozenLabel: "1", label: "1.", text: "Reaffirm our " },
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "1 bis.", text: "common desire." },
    ]);
  });

  it("keeps the level of a sub-paragraph on both halves", () => {
    const { editor } = editorAs(people.arcadia);
    caretBefore(editor, "sub-paragraph");
    press(editor, "Enter");
    expect(blocks(editor).slice(3, 5)).toMatchObject([
      { pid: "pSub", level: 2, frozenLabel: "a", text: "A " },
      { pid: "fresh1", status: "open", level: 2, frozenLabel: null, text: "sub-paragraph." },
    ]);
  });

  it("is prevented for a delegate in an agreed paragraph, and nothing else happens", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const before = editor.state.doc;
    caretBefore(editor, "words stay");
    expect(press(editor, "Enter")).toBe(true);
    expect(prevented).toEqual([{ rule: "frozenText", pid: "pTwo", status: "agreed" }]);
    expect(editor.state.doc).toBe(before);
  });

  it("lets a facilitator split an agreed paragraph: the first half stays agreed, the second is open", () => {
    const { editor, prevented } = editorAs(people.chair);
    caretBefore(editor, "words stay");
    press(editor, "Enter");
    expect(prevented).toEqual([]);
    expect(blocks(editor).slice(2, 4)).toEqual([
      { pid: "pTwo", status: "agreed", level: 1, frozenLabel: "2", label: "2.", text: "Agreed " },
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "2 bis.", text: "words stay." },
    ]);
  });

  it("adds an open paragraph after a paragraph at its end, even an agreed one", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretAfter(editor, "Agreed words stay.");
    press(editor, "Enter");
    expect(prevented).toEqual([]);
    expect(blocks(editor).slice(2, 4)).toEqual([
      { pid: "pTwo", status: "agreed", level: 1, frozenLabel: "2", label: "2.", text: "Agreed words stay." },
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "2 bis.", text: "" },
    ]);
  });
});

describe("Enter in an open paragraph added since the revision", () => {
  it.each([
    { where: "start", caret: (e: Editor) => caretBefore(e, "Added since"), kept: "Added since the revision.", fresh: "", freshFirst: true },
    { where: "middle", caret: (e: Editor) => caretBefore(e, "since the"), kept: "Added ", fresh: "since the revision.", freshFirst: false },
    { where: "end", caret: (e: Editor) => caretAfter(e, "Added since the revision."), kept: "Added since the revision.", fresh: "", freshFirst: false },
  ])("at its $where, keeps the text's identity and adds an open paragraph", ({ caret, kept, fresh, freshFirst }) => {
    const { editor, prevented } = editorAs(people.arcadia);
    caret(editor);
    press(editor, "Enter");
    expect(prevented).toEqual([]);
    const pair = [
      { pid: "pNew", status: "open", level: 1, frozenLabel: null, text: kept },
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, text: fresh },
    ];
    expect(blocks(editor).slice(4, 6)).toMatchObject(freshFirst ? pair.reverse() : pair);
    expect(blocks(editor).slice(4, 6).map((b) => b.label)).toEqual(["2 bis.", "2 ter."]);
  });

  it("at the end of a revised paragraph, adds its bis after it", () => {
    const { editor } = editorAs(people.arcadia);
    caretAfter(editor, "Reaffirm our common desire.");
    press(editor, "Enter");
    expect(blocks(editor).slice(1, 3)).toEqual([
      { pid: "pOne", status: "open", level: 1, frozenLabel: "1", label: "1.", text: "Reaffirm our common desire." },
      { pid: "fresh1", status: "open", level: 1, frozenLabel: null, label: "1 bis.", text: "" },
    ]);
  });
});

describe("Backspace and Delete at a paragraph's edge", () => {
  it("undoes an Enter at the start: Backspace deletes the empty paragraph before, and the text keeps its identity", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const initial = editor.state.doc;
    const original = nodeOf(editor, "pTwo");
    caretBefore(editor, "Agreed words");
    press(editor, "Enter");
    expect(press(editor, "Backspace")).toBe(true);
    expect(prevented).toEqual([]);
    expect(editor.state.doc.eq(initial)).toBe(true);
    expect(nodeOf(editor, "pTwo")).toBe(original);
  });

  it("deletes an empty new paragraph after the caret with Delete at the end of a paragraph", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const initial = editor.state.doc;
    caretAfter(editor, "Agreed words stay.");
    press(editor, "Enter");
    caretAfter(editor, "Agreed words stay.");
    expect(press(editor, "Delete")).toBe(true);
    expect(prevented).toEqual([]);
    expect(editor.state.doc.eq(initial)).toBe(true);
  });

  it("joins a paragraph added since the revision onto the one before, which keeps its identity", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretBefore(editor, "Added since");
    press(editor, "Backspace");
    expect(prevented).toEqual([]);
    expect(block(editor, "pNew")).toBeUndefined();
    expect(block(editor, "pSub")).toMatchObject({ frozenLabel: "a", level: 2, text: "A sub-paragraph.Added since the revision." });
  });

  it("does not join a paragraph of the last revision onto the one before, for anyone, and says what to do", () => {
    for (const user of [people.arcadia, people.chair]) {
      const { editor, prevented } = editorAs(user);
      const before = editor.state.doc;
      caretBefore(editor, "Welcome the Compact");
      expect(press(editor, "Backspace")).toBe(true);
      expect(prevented).toEqual([{ rule: "removeRevised", pid: "pThree" }]);
      // Nothing else ran: no join, no selection of the paragraph before.
      expect(editor.state.doc).toBe(before);
      expect(editor.state.selection).toBeInstanceOf(TextSelection);
      expect(editor.state.selection.$from.parent.attrs.pid).toBe("pThree");
    }
  });

  it("does not join an agreed paragraph onto the one before: it is in the last revision", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretBefore(editor, "Agreed words");
    press(editor, "Backspace");
    expect(prevented).toEqual([{ rule: "removeRevised", pid: "pTwo" }]);
  });

  it("does not let a delegate join a paragraph onto an agreed one", () => {
    const { editor, prevented } = editorAs(people.arcadia, doc(
      p({ pid: "pAgreed", status: "agreed" }, "Agreed."),
      p({ pid: "pAdded" }, "Added."),
    ));
    caretBefore(editor, "Added.");
    press(editor, "Backspace");
    expect(prevented).toEqual([{ rule: "frozenText", pid: "pAgreed", status: "agreed" }]);
  });

  it("does not pull a paragraph of the last revision up with Delete at the end of the one before", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const before = editor.state.doc;
    caretAfter(editor, "Added since the revision.");
    expect(press(editor, "Delete")).toBe(true);
    expect(prevented).toEqual([{ rule: "removeRevised", pid: "pThree" }]);
    expect(editor.state.doc).toBe(before);
  });

  it("lets Delete pull a paragraph added since the revision up into a revised one", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretAfter(editor, "A sub-paragraph.");
    press(editor, "Delete");
    expect(prevented).toEqual([]);
    expect(block(editor, "pSub")).toMatchObject({ frozenLabel: "a", text: "A sub-paragraph.Added since the revision." });
  });

  it("deletes the empty paragraph before rather than the text after it, even when the text is a revised paragraph", () => {
    const { editor, prevented } = editorAs(people.arcadia, doc(
      p({ pid: "pAdded" }),
      p({ pid: "pRevised", frozenLabel: "1", status: "agreed" }, "Agreed."),
    ));
    caretBefore(editor, "Agreed.");
    press(editor, "Backspace");
    expect(prevented).toEqual([]);
    expect(blocks(editor)).toEqual([{ pid: "pRevised", status: "agreed", level: 1, frozenLabel: "1", label: "1.", text: "Agreed." }]);
  });

  it("removes an empty added paragraph rather than an emptied revised one before it", () => {
    const { editor, prevented } = editorAs(people.arcadia, doc(
      p({ pid: "pRevised", frozenLabel: "1" }),
      p({ pid: "pAdded" }),
    ));
    caretAt(editor, editor.state.doc.child(0).nodeSize + 1);
    press(editor, "Backspace");
    expect(prevented).toEqual([]);
    expect(blocks(editor).map((b) => b.pid)).toEqual(["pRevised"]);
  });

  it("does nothing surprising at the start of the document", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const initial = editor.state.doc;
    caretBefore(editor, "A. Preamble");
    press(editor, "Backspace");
    expect(prevented).toEqual([]);
    expect(editor.state.doc.eq(initial)).toBe(true);
    expect(editor.state.selection).not.toBeInstanceOf(NodeSelection);
  });
});

describe("others' brackets: words are added, never moved", () => {
  it("stops a delegate splitting a paragraph before another delegation's bracket (the words would move)", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    const before = editor.state.doc;
    caretBefore(editor, "and avoid");
    press(editor, "Enter");
    expect(prevented).toEqual([{ rule: "removeOthersBracket", bracket: byCivil }]);
    expect(editor.state.doc).toBe(before);
  });

  it("stops a delegate splitting inside another delegation's bracket", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretBefore(editor, "parallel");
    press(editor, "Enter");
    expect(prevented[0]).toMatchObject({ rule: "removeOthersBracket", bracket: { id: "bCivil" } });
  });

  it("lets a delegate split after another delegation's bracket, and type inside it", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretBefore(editor, " today.");
    press(editor, "Enter");
    editor.view.dispatch(editor.state.tr.insertText("duplicative ", posOf(editor.state.doc, "parallel")));
    expect(prevented).toEqual([]);
    expect(block(editor, "pThree")).toMatchObject({ frozenLabel: "3", text: "Welcome the Compact and avoid duplicative parallel processes" });
    expect(blocks(editor)[6]).toMatchObject({ pid: "fresh1", label: "3 bis.", text: " today." });
  });

  it("lets the bracket's placer and a facilitator split before it", () => {
    for (const user of [people.civil, people.chair]) {
      const { editor, prevented } = editorAs(user);
      caretBefore(editor, "and avoid");
      press(editor, "Enter");
      expect(prevented).toEqual([]);
      expect(blocks(editor)[6]).toMatchObject({ pid: "fresh1", label: "3 bis.", text: "and avoid parallel processes today." });
    }
  });

  it("stops a delegate joining a paragraph carrying another delegation's bracket onto the one before", () => {
    const { editor, prevented } = editorAs(people.arcadia);
    caretBefore(editor, "Recall");
    press(editor, "Backspace");
    expect(prevented).toEqual([{ rule: "removeOthersBracket", bracket: byCivil }]);
    caretAfter(editor, " today.");
    press(editor, "Delete");
    expect(prevented).toHaveLength(2);
    expect(prevented[1]).toMatchObject({ rule: "removeOthersBracket" });
  });

  it("lets the bracket's placer and a facilitator join it", () => {
    for (const user of [people.civil, people.chair]) {
      const { editor, prevented } = editorAs(user);
      caretBefore(editor, "Recall");
      press(editor, "Backspace");
      expect(prevented).toEqual([]);
      expect(block(editor, "pThree")?.text).toBe("Welcome the Compact and avoid parallel processes today.Recall the gaps.");
    }
  });
});
