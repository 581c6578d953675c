import { TextSelection } from "@tiptap/pm/state";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { ContentGuard } from "../../client/collab/ContentGuard.js";
import { detachOnUnshownPlugin } from "../../client/editor/detachOnUnshown.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import {
  blockElement, firstText, insertBareText, insertUnknownBlock, markWord, plain, setAttribute, topLevelTexts,
} from "../helpers/unshownContent.js";
import { bindEditor, type BoundEditor } from "./boundEditor.js";
import { posOf } from "./docBuilder.js";

/** The origin of everything that arrives from the server. */
const REMOTE = Symbol("remote");

/** The server's copy of a small declaration: a title and two paragraphs, the second agreed. */
function serverDocument(): Y.Doc {
  const doc = new Y.Doc();
  contentOf(doc).insert(0, [
    blockElement("title", { pid: "pTitle" }, "Draft declaration"),
    blockElement("paragraph", { pid: "pA", status: "open", level: 1 }, "First paragraph, under negotiation."),
    blockElement("paragraph", { pid: "pB", status: "agreed", level: 1, frozenLabel: "2" }, "Second paragraph, agreed."),
  ]);
  return doc;
}

/** Sends what `to` lacks of `from`, as the provider applies a server message. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
}

/** A browser window: its Y.Doc with a guard, and a count of the updates it wrote itself. */
class Window {
  readonly doc = new Y.Doc();
  readonly guard: ContentGuard;
  writes = 0;
  changes = 0;
  editor: BoundEditor | null = null;

  constructor() {
    this.guard = new ContentGuard(this.doc, () => (this.changes += 1));
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.writes += 1;
    });
  }

  bindEditor(): BoundEditor {
    this.editor = bindEditor(this.doc, [detachOnUnshownPlugin(this.guard)]);
    return this.editor;
  }
}

let server: Y.Doc;
let browser: Window;

beforeEach(() => {
  server = serverDocument();
  browser = new Window();
  sync(server, browser.doc);
  browser.bindEditor();
});

afterEach(() => {
  browser.editor?.destroy();
  browser.guard.destroy();
});

/** Makes a change in the server's copy (a raw Yjs client wrote it) and sends it to the window. */
function remoteChange(change: (doc: Y.Doc) => void): void {
  server.transact(() => change(server));
  sync(server, browser.doc);
}

describe("the content guard trips, before the editor's binding sees it, on", () => {
  it("a bare text at the top of the content", () => {
    remoteChange((doc) => insertBareText(doc, 1, "Loose words"));
    expect(browser.guard.state).toBe("unshown");
  });

  it("an unknown mark on an agreed paragraph's words", () => {
    remoteChange((doc) => markWord(doc, 2, "agreed", "strike"));
    expect(browser.guard.state).toBe("unshown");
  });

  it("an unknown block node type", () => {
    remoteChange((doc) => insertUnknownBlock(doc, 2, "table", "A table's cells"));
    expect(browser.guard.state).toBe("unshown");
  });

  it("an unknown attribute on a paragraph", () => {
    remoteChange((doc) => setAttribute(doc, 1, "colour", "red"));
    expect(browser.guard.state).toBe("unshown");
  });

  it("an unknown inline node inside a paragraph", () => {
    remoteChange((doc) => (contentOf(doc).get(1) as Y.XmlElement).insert(1, [blockElement("footnote", {}, "See annex")]));
    expect(browser.guard.state).toBe("unshown");
  });

  it("content already in the document at the first sync, before any editor exists", () => {
    insertUnknownBlock(server, 1, "table", "Stored before");
    const fresh = new Window();
    sync(server, fresh.doc);
    expect(fresh.guard.state).toBe("unshown");
    // The editor mounted later never renders the document, so it cannot delete anything either.
    const editor = fresh.bindEditor();
    expect(editor.state.doc.textContent).toBe("");
    expect(editor.editable).toBe(false);
    expect(fresh.writes).toBe(0);
    expect(topLevelTexts(fresh.doc)).toEqual(topLevelTexts(server));
    editor.destroy();
    fresh.guard.destroy();
  });
});

describe("the content guard lets the editor show", () => {
  it("problems it can show: an invalid status, a repeated pid, a missing pid", () => {
    remoteChange((doc) => {
      setAttribute(doc, 1, "status", "pending");
      setAttribute(doc, 2, "pid", "pA");
      contentOf(doc).insert(3, [blockElement("paragraph", { status: "open", level: 1 }, "No pid yet.")]);
    });
    expect(browser.guard.state).toBe("showable");
    expect(browser.editor!.state.doc.childCount).toBe(4);
  });

  it("local typing and a remote paragraph change, which write and read as usual", () => {
    const editor = browser.editor!;
    const at = posOf(editor.state.doc, "First") + "First".length;
    editor.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, at)).insertText(" and foremost"));
    expect(plain(firstText(browser.doc, 1))).toBe("First and foremost paragraph, under negotiation.");
    sync(browser.doc, server);
    remoteChange((doc) => {
      firstText(doc, 2).insert(0, "The ");
      setAttribute(doc, 1, "status", "deleted");
      contentOf(doc).insert(3, [blockElement("paragraph", { pid: "pC", status: "open", level: 2 }, "A new sub-paragraph.")]);
    });
    expect(browser.guard.state).toBe("showable");
    expect(editor.editable).toBe(true);
    expect(editor.state.doc.child(2).textContent).toBe("The Second paragraph, agreed.");
    expect(editor.state.doc.child(3).attrs).toMatchObject({ pid: "pC", level: 2 });
  });
});

describe("once the guard has tripped", () => {
  it("nothing is written to the Y.Doc: not by the binding's observer, a later editor transaction or later changes", () => {
    const editor = browser.editor!;
    remoteChange((doc) => {
      insertBareText(doc, 1, "Loose words");
      markWord(doc, 3, "agreed", "strike");
      insertUnknownBlock(doc, 3, "table", "A table's cells");
      setAttribute(doc, 2, "colour", "red");
    });
    expect(browser.guard.state).toBe("unshown");
    expect(editor.editable).toBe(false);
    // A transaction the page could still dispatch before the editor is gone (a caret moving, a status command).
    editor.dispatch(editor.state.tr.insertText("typed after", 1));
    editor.dispatch(editor.state.tr.setNodeMarkup(0, undefined, { ...editor.state.doc.child(0).attrs, pid: "changed" }));
    remoteChange((doc) => firstText(doc, 2).insert(0, "Later: "));
    editor.destroy();
    browser.editor = null;
    expect(browser.writes).toBe(0);
    expect(topLevelTexts(browser.doc)).toEqual(topLevelTexts(server));
    expect(topLevelTexts(browser.doc)).toContain("Loose words");
    expect(topLevelTexts(browser.doc)).toContain("A table's cells");
    expect(firstText(browser.doc, 4).toDelta()).toContainEqual({ insert: "agreed", attributes: { strike: true } });
    expect((contentOf(browser.doc).get(2) as Y.XmlElement).getAttribute("colour")).toBe("red");
  });

  it("keeps Yjs from tidying formatting in this window after a remote change", () => {
    remoteChange((doc) => insertUnknownBlock(doc, 1, "table", "A table"));
    // One delegate deleted "Second" while another, not yet aware of it, put a mark on it: every
    // window that receives both would delete the mark's start and end, left with no words between them.
    const other = new Y.Doc();
    sync(server, other);
    firstText(other, 3).delete(0, "Second".length);
    remoteChange((doc) => firstText(doc, 3).format(0, "Second".length, { bold: {} }));
    sync(other, browser.doc);
    expect(browser.guard.state).toBe("unshown");
    expect(browser.writes).toBe(0);
  });

  it("says the document can be shown again once the content is gone", async () => {
    vi.useFakeTimers();
    try {
      remoteChange((doc) => insertUnknownBlock(doc, 1, "table", "A table"));
      expect(browser.guard.state).toBe("unshown");
      remoteChange((doc) => contentOf(doc).delete(1, 1));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(browser.guard.state).toBe("showableAgain");
      expect(browser.changes).toBe(2);
      expect(browser.writes).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("without the guard", () => {
  it("y-tiptap deletes, from the reader's window, a block it cannot map (why the guard exists)", () => {
    const unguarded = new Y.Doc();
    sync(server, unguarded);
    let writes = 0;
    unguarded.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) writes += 1;
    });
    const editor = bindEditor(unguarded);
    insertUnknownBlock(server, 1, "table", "A table's cells");
    sync(server, unguarded);
    expect(writes).toBeGreaterThan(0);
    expect(topLevelTexts(unguarded)).not.toContain("A table's cells");
    editor.destroy();
  });
});
