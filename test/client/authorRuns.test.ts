import { EditorState } from "@tiptap/pm/state";
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Author } from "../../schemas/api.js";
import { onFragmentChange } from "../../client/editor/authorAttribution.js";
import { readAuthorRuns } from "../../client/editor/model/authorRuns.js";
import { attributionKey, attributionPlugin, type AttributionState } from "../../client/editor/plugins/attribution.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { bracket, doc, h, p, schema, t } from "./docBuilder.js";

const DRAFT = 1;
const ARCADIA = 2;
const CIVIL = 3;

/** A shared document written by client `DRAFT`, then edited by the other clients through their own replicas. */
function sharedDraft() {
  const draft = new Y.Doc();
  draft.clientID = DRAFT;
  prosemirrorToYXmlFragment(doc(h("h1", "A. Vision"), p({ pid: "p1" }, "We affirm the vision."), p({ pid: "p2" }, "Second.")),
    draft.getXmlFragment(CONTENT_FIELD));
  const replica = (clientId: number) => {
    const copy = new Y.Doc();
    copy.clientID = clientId;
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(draft));
    return copy;
  };
  const merge = (from: Y.Doc) => Y.applyUpdate(draft, Y.encodeStateAsUpdate(from));
  return { draft, replica, merge };
}

function paragraphText(ydoc: Y.Doc, index: number): Y.XmlText {
  return (ydoc.getXmlFragment(CONTENT_FIELD).get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

function pmOf(ydoc: Y.Doc) {
  return yXmlFragmentToProseMirrorRootNode(ydoc.getXmlFragment(CONTENT_FIELD), schema);
}

describe("reading who wrote what from the shared document", () => {
  it("gives each run of text the client that inserted it, at the editor's positions", () => {
    const { draft, replica, merge } = sharedDraft();
    const arcadia = replica(ARCADIA);
    paragraphText(arcadia, 1).insert("We affirm".length, " strongly");
    merge(arcadia);
    const civil = replica(CIVIL);
    Y.applyUpdate(civil, Y.encodeStateAsUpdate(draft));
    const text = paragraphText(civil, 1);
    text.format(0, 2, { "bracket--b1xxxxxx": bracket("b1") });
    text.insert(text.length - 1, " for all");
    merge(civil);

    const pm = pmOf(draft);
    const blocks = readAuthorRuns(draft.getXmlFragment(CONTENT_FIELD), pm)!;
    expect(blocks.map((b) => b.node.type.name)).toEqual(["sectionHeading", "paragraph", "paragraph"]);
    const runs = blocks[1]!.runs.map((r) => [r.clientId, pm.textBetween(r.from, r.to)]);
    expect(runs).toEqual([
      [DRAFT, "We affirm"], [ARCADIA, " strongly"], [DRAFT, " the vision"], [CIVIL, " for all"], [DRAFT, "."],
    ]);
    expect(blocks[2]!.runs.map((r) => [r.clientId, pm.textBetween(r.from, r.to)])).toEqual([[DRAFT, "Second."]]);
  });

  it("skips deleted text and reports nothing when the editor is not in step with the shared document", () => {
    const { draft, replica, merge } = sharedDraft();
    const arcadia = replica(ARCADIA);
    paragraphText(arcadia, 2).delete(0, 3);
    paragraphText(arcadia, 2).insert(0, "Third");
    merge(arcadia);
    const pm = pmOf(draft);
    const blocks = readAuthorRuns(draft.getXmlFragment(CONTENT_FIELD), pm)!;
    expect(blocks[2]!.runs.map((r) => [r.clientId, pm.textBetween(r.from, r.to)])).toEqual([[ARCADIA, "Third"], [DRAFT, "ond."]]);

    const ahead = doc(h("h1", "A. Vision"), p({ pid: "p1" }, "We affirm the vision, now."), p({ pid: "p2" }, "Thirdond."));
    expect(readAuthorRuns(draft.getXmlFragment(CONTENT_FIELD), ahead)).toBeNull();
    const fewer = doc(h("h1", "A. Vision"), p({ pid: "p1" }, t("We affirm the vision.")));
    expect(readAuthorRuns(draft.getXmlFragment(CONTENT_FIELD), fewer)).toBeNull();
  });
});

describe("attribution view", () => {
  const authors: Record<number, Author> = {
    [ARCADIA]: { name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" },
    [CIVIL]: { name: "Amara Diallo", delegation: "Digital Rights Network", group: "civil_society" },
  };

  function viewOf(mode: "group" | "delegation") {
    const { draft, replica, merge } = sharedDraft();
    const arcadia = replica(ARCADIA);
    paragraphText(arcadia, 1).insert(0, "Today ");
    merge(arcadia);
    const civil = replica(CIVIL);
    Y.applyUpdate(civil, Y.encodeStateAsUpdate(draft));
    paragraphText(civil, 1).insert(paragraphText(civil, 1).length, " Now.");
    merge(civil);
    const plugin = attributionPlugin({
      fragment: () => draft.getXmlFragment(CONTENT_FIELD),
      onSharedChange: () => () => {},
      authorsOf: (id, _clock, length) => [{ length, author: authors[id] ?? null }],
      onAuthorsChange: () => () => {},
      text: () => ({
        groupName: (g) => `name:${g}`,
        groupShort: (g) => ({ governments: "Gov", civil_society: "CS" } as Record<string, string>)[g] ?? g,
        noDelegation: () => "none",
        proposedBy: (list) => `Proposed by: ${list.join(", ")}`,
        wroteBy: (a) => a.name,
      }),
    });
    const state = EditorState.create({ doc: pmOf(draft), plugins: [plugin] });
    const on = state.apply(state.tr.setMeta(attributionKey, { mode }));
    return { before: attributionKey.getState(state)!, after: attributionKey.getState(on)!, doc: on.doc };
  }

  function decorated(state: AttributionState, pmDoc: ReturnType<typeof pmOf>) {
    return state.decorations.find().filter((d) => d.from !== d.to).map((d) => [pmDoc.textBetween(d.from, d.to),
      (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs["data-group"]]);
  }

  it("is off until switched on, then colours each author's words and names the proposers under the paragraph", () => {
    const { before, after, doc: pmDoc } = viewOf("group");
    expect(before.mode).toBe("off");
    expect(before.decorations.find()).toHaveLength(0);
    expect(decorated(after, pmDoc)).toEqual([["Today ", "governments"], [" Now.", "civil_society"]]);
    const widgets = after.decorations.find().filter((d) => d.from === d.to);
    expect(widgets).toHaveLength(1);
    expect(widgets[0]!.from).toBe(pmDoc.child(0).nodeSize + pmDoc.child(1).nodeSize);
    expect(String(widgets[0]!.spec.key)).toContain("Proposed by: Republic of Arcadia (Gov), Digital Rights Network (CS)");
    expect(after.legend.map((e) => [e.label, e.characters])).toEqual([["name:governments", 6], ["name:civil_society", 5]]);
    expect(after.unattributed).toBe("A. VisionWe affirm the vision.Second.".length);
  });

  it("keys the legend by delegation when asked", () => {
    const { after } = viewOf("delegation");
    expect(after.legend.map((e) => e.label)).toEqual(["Republic of Arcadia", "Digital Rights Network"]);
    expect(new Set(after.legend.map((e) => e.color)).size).toBe(2);
  });
});

describe("following changes of the shared document", () => {
  it("reports transactions that change the content, not the empty ones the editor binding opens on every update", () => {
    const { draft } = sharedDraft();
    const seen: boolean[] = [];
    const stop = onFragmentChange(draft.getXmlFragment(CONTENT_FIELD), (local) => seen.push(local));
    draft.transact(() => {});
    draft.getText("elsewhere").insert(0, "not the content");
    expect(seen).toEqual([]);
    paragraphText(draft, 1).insert(0, "Now ");
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(draft));
    paragraphText(remote, 2).insert(0, "Also ");
    Y.applyUpdate(draft, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(draft)));
    expect(seen).toEqual([true, false]);
    stop();
    paragraphText(draft, 1).insert(0, "Then ");
    expect(seen).toHaveLength(2);
  });
});
