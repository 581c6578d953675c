import { defaultDeleteFilter, defaultProtectedNodes, updateYFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { previewUndo, undoViolation } from "../../client/editor/model/undoPreview.js";
import { doc, p, people, schema, stateOf } from "./docBuilder.js";
import type { Node as PmNode } from "@tiptap/pm/model";

/**
 * A shared document with this user's undo manager (tracking their own
 * edits, one step each, set up as y-tiptap sets it up) and a second
 * person's edits, which it never undoes.
 */
function setup(start: PmNode) {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment("content");
  ydoc.transact(() => updateYFragment(ydoc, fragment, start, { mapping: new Map(), isOMark: new Map() }), "seed");
  const manager = new Y.UndoManager(fragment, {
    trackedOrigins: new Set(["me"]),
    captureTimeout: 0,
    deleteFilter: (item) => defaultDeleteFilter(item, defaultProtectedNodes),
  });
  const element = (i: number) => fragment.get(i) as Y.XmlElement;
  const text = (i: number) => element(i).get(0) as Y.XmlText;
  return {
    ydoc, manager, element, text,
    mine: (edit: () => void) => ydoc.transact(edit, "me"),
    theirs: (edit: () => void) => ydoc.transact(edit, "chair"),
    /** The editor's state of the document now (y-tiptap's reading of it). */
    state: () => stateOf(previewOf(ydoc)),
  };
}

/** The document as the editor reads the Yjs document. */
function previewOf(ydoc: Y.Doc): PmNode {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment("content"), schema);
}

const start = doc(p({ pid: "pA" }, "Stress the needs of small island States."), p({ pid: "pB" }, "Last words."));

describe("an undo judged before it is sent", () => {
  it("previews what the undo manager will do, and lets an undo of one's own typing through", () => {
    const room = setup(start);
    room.mine(() => room.text(0).insert(0, "Strongly "));
    const state = room.state();
    const preview = previewUndo(room.ydoc, "content", room.manager, "undo", schema)!;
    expect(preview.steps).toBe(1);
    expect(preview.doc.child(0).textContent).toBe("Stress the needs of small island States.");
    expect(undoViolation(state, preview.doc, people.arcadia)).toBeNull();
    // The real undo gives the same document, and the preview left the real one alone.
    expect(room.text(0).toString()).toContain("Strongly ");
    room.manager.undo();
    expect(room.state().doc.eq(preview.doc)).toBe(true);
  });

  it("stops a delegate's undo of words in a paragraph a facilitator agreed since, but not the facilitator's", () => {
    const room = setup(start);
    room.mine(() => room.text(0).insert(0, "Strongly "));
    room.theirs(() => room.element(0).setAttribute("status", "agreed"));
    const preview = previewUndo(room.ydoc, "content", room.manager, "undo", schema)!;
    expect(preview.doc.child(0).textContent).toBe("Stress the needs of small island States.");
    expect(undoViolation(room.state(), preview.doc, people.arcadia)).toEqual({ rule: "frozenText", pid: "pA", status: "agreed" });
    expect(undoViolation(room.state(), preview.doc, people.chair)).toBeNull();
  });

  it("stops a redo that would put back words in a paragraph agreed since", () => {
    const room = setup(start);
    room.mine(() => room.text(1).insert(0, "Very "));
    room.manager.undo();
    room.theirs(() => room.element(1).setAttribute("status", "agreed"));
    const preview = previewUndo(room.ydoc, "content", room.manager, "redo", schema)!;
    expect(preview.doc.child(1).textContent).toBe("Very Last words.");
    expect(undoViolation(room.state(), preview.doc, people.arcadia)).toMatchObject({ rule: "frozenText", pid: "pB" });
  });

  it("finds words a redo restored: an older step deletes them where they are now", () => {
    const room = setup(start);
    room.mine(() => room.text(1).insert(0, "abc "));
    room.mine(() => room.text(1).delete(1, 1));
    room.manager.undo(); // "b" is back, as a copy of the item deleted
    expect(room.state().doc.child(1).textContent).toBe("abc Last words.");
    const preview = previewUndo(room.ydoc, "content", room.manager, "undo", schema)!;
    expect(preview.doc.child(1).textContent).toBe("Last words.");
    room.manager.undo();
    expect(room.state().doc.child(1).textContent).toBe("Last words.");
  });

  it("keeps, as y-tiptap's undo manager does, a paragraph someone else has written in since", () => {
    const room = setup(start);
    room.mine(() => {
      const added = new Y.XmlElement("paragraph");
      added.setAttribute("pid", "pNew");
      added.setAttribute("status", "open");
      added.setAttribute("level", 1 as unknown as string);
      added.insert(0, [new Y.XmlText("")]);
      room.ydoc.getXmlFragment("content").insert(1, [added]);
    });
    room.theirs(() => room.text(1).insert(0, "Their words."));
    const preview = previewUndo(room.ydoc, "content", room.manager, "undo", schema)!;
    room.manager.undo();
    expect(preview.doc.toJSON()).toEqual(room.state().doc.toJSON());
    expect(preview.doc.textContent).toContain("Their words.");
  });
});
