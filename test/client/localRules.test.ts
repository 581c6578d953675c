import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { localRulesPlugin } from "../../client/editor/plugins/localRules.js";
import type { RuleUser, RuleViolation } from "../../shared/document/changeRules.js";
import { bracket, doc, p, people, posOf, stateOf, t, texts } from "./docBuilder.js";

const byCivil = bracket("bCivil", people.civil);
const byArcadia = bracket("bArcadia", people.arcadia);

const start = doc(
  p({ pid: "pOpen" }, "Welcome the Compact ", t("and avoid parallel processes", byCivil), " and ", t("our words", byArcadia), "."),
  p({ pid: "pAgreed", status: "agreed" }, "Agreed text stays."),
  p({ pid: "pDeleted", status: "deleted" }, "Deleted text."),
);

function guarded(user: RuleUser) {
  const prevented: RuleViolation[] = [];
  const state = stateOf(start, { plugins: [localRulesPlugin({ getUser: () => user, onPrevented: (v) => prevented.push(v) })] });
  return { state, prevented };
}

describe("the client guard", () => {
  it("stops a delegate typing into an agreed paragraph, and says why", () => {
    const { state, prevented } = guarded(people.arcadia);
    const next = state.apply(state.tr.insertText("not ", posOf(state.doc, "stays")));
    expect(next).toBe(state);
    expect(prevented).toEqual([{ rule: "frozenText", pid: "pAgreed", status: "agreed" }]);
  });

  it("stops a delegate deleting a paragraph marked deleted", () => {
    const { state, prevented } = guarded(people.arcadia);
    const from = posOf(state.doc, "Deleted") - 1;
    expect(state.apply(state.tr.delete(from, state.doc.content.size))).toBe(state);
    expect(prevented[0]).toMatchObject({ rule: "frozenRemove", pid: "pDeleted" });
  });

  it("stops a delegate joining an open paragraph onto an agreed one (Backspace at its start)", () => {
    const { state, prevented } = guarded(people.arcadia);
    const start = posOf(state.doc, "Deleted text.") - 1;
    // Join the deleted paragraph onto the agreed one before it: both are frozen.
    expect(state.apply(state.tr.join(start))).toBe(state);
    expect(prevented[0]).toMatchObject({ rule: "frozenText", pid: "pAgreed" });
  });

  it("lets a facilitator edit agreed text", () => {
    const { state, prevented } = guarded(people.chair);
    const next = state.apply(state.tr.insertText("still ", posOf(state.doc, "stays")));
    expect(texts(next.doc)[1]).toBe("Agreed text still stays.");
    expect(prevented).toEqual([]);
  });

  it("lets a delegate type in an open paragraph and add a paragraph after an agreed one", () => {
    const { state, prevented } = guarded(people.arcadia);
    const typed = state.apply(state.tr.insertText("warmly ", posOf(state.doc, "the Compact")));
    expect(texts(typed.doc)[0]).toContain("Welcome warmly the Compact");
    const end = posOf(typed.doc, "Agreed text stays.") + "Agreed text stays.".length;
    const split = typed.apply(typed.tr.split(end, 1, [{ type: typed.schema.nodes.paragraph!, attrs: { pid: null } }]));
    expect(split.doc.childCount).toBe(4);
    expect(prevented).toEqual([]);
  });

  it("checks the second half of a split as pid integrity will leave it: a delegate may split a revised paragraph", () => {
    const revised = doc(p({ pid: "pRevised", frozenLabel: "4" }, "First half, second half."));
    const prevented: RuleViolation[] = [];
    const state = stateOf(revised, { plugins: [localRulesPlugin({ getUser: () => people.arcadia, onPrevented: (v) => prevented.push(v) })] });
    // A plain split copies every attribute, frozen label included, until pid integrity renames the copy.
    const next = state.apply(state.tr.split(posOf(state.doc, "second")));
    expect(texts(next.doc)).toEqual(["First half, ", "second half."]);
    expect(prevented).toEqual([]);
  });

  it("lets anyone split a paragraph whose label an import kept; a new paragraph claiming an imported label is stopped", () => {
    const imported = doc(p({ pid: "pImported", importedLabel: "h" }, "First half, second half."));
    for (const who of [people.arcadia, people.chair]) {
      const prevented: RuleViolation[] = [];
      const state = stateOf(imported, { plugins: [localRulesPlugin({ getUser: () => who, onPrevented: (v) => prevented.push(v) })] });
      const next = state.apply(state.tr.split(posOf(state.doc, "second")));
      expect(texts(next.doc)).toEqual(["First half, ", "second half."]);
      expect(prevented).toEqual([]);
    }
    const { state, prevented } = guarded(people.chair);
    expect(state.apply(state.tr.insert(0, p({ pid: "pForged", importedLabel: "7" }, "Mine.")))).toBe(state);
    expect(prevented).toEqual([{ rule: "attributeChange", pid: "pForged", attribute: "importedLabel" }]);
  });

  it("still stops a new paragraph of its own that claims a frozen label", () => {
    const { state, prevented } = guarded(people.arcadia);
    expect(state.apply(state.tr.insert(0, p({ pid: "pClaim", frozenLabel: "9" }, "Mine.")))).toBe(state);
    expect(prevented).toEqual([{ rule: "attributeChange", pid: "pClaim", attribute: "frozenLabel" }]);
  });

  it("stops a delegate splitting a paragraph before another delegation's bracket: the words would move", () => {
    const { state, prevented } = guarded(people.arcadia);
    expect(state.apply(state.tr.split(posOf(state.doc, "and avoid")))).toBe(state);
    expect(prevented[0]).toMatchObject({ rule: "removeOthersBracket", bracket: { id: "bCivil" } });
  });

  it("stops a delegate deleting a phrase bracketed by another delegation", () => {
    const { state, prevented } = guarded(people.arcadia);
    const from = posOf(state.doc, "and avoid");
    const next = state.apply(state.tr.delete(from, from + "and avoid parallel processes".length));
    expect(next).toBe(state);
    expect(prevented[0]).toMatchObject({ rule: "removeOthersBracket", bracket: { id: "bCivil" } });
  });

  it("lets a delegate add words inside another delegation's bracket but not take any out (that is deleting bracketed text)", () => {
    const { state, prevented } = guarded(people.arcadia);
    const from = posOf(state.doc, "parallel ");
    const added = state.apply(state.tr.insertText("duplicative ", from));
    expect(texts(added.doc)[0]).toContain("and avoid duplicative parallel processes");
    expect(prevented).toEqual([]);
    const next = added.apply(added.tr.delete(from, from + "duplicative parallel ".length));
    expect(next).toBe(added);
    expect(prevented[0]).toMatchObject({ rule: "removeOthersBracket", bracket: { id: "bCivil" } });
  });

  it("stops a delegate taking another delegation's bracket off part of its words", () => {
    const { state, prevented } = guarded(people.arcadia);
    const from = posOf(state.doc, "and avoid");
    const bracketMark = state.doc.resolve(from + 1).marks().find((m) => m.type.name === "bracket")!;
    const next = state.apply(state.tr.removeMark(from, from + "and avoid".length, bracketMark));
    expect(next).toBe(state);
    expect(prevented[0]).toMatchObject({ rule: "removeOthersBracket", bracket: { id: "bCivil" } });
  });

  it("lets a delegate delete a phrase of their own bracket", () => {
    const { state, prevented } = guarded(people.arcadia);
    const from = posOf(state.doc, "our words");
    const next = state.apply(state.tr.delete(from, from + "our words".length));
    expect(texts(next.doc)[0]).not.toContain("our words");
    expect(prevented).toEqual([]);
  });

  it("lets a facilitator delete anyone's bracketed text", () => {
    const { state } = guarded(people.chair);
    const from = posOf(state.doc, "and avoid");
    expect(state.apply(state.tr.delete(from, from + "and avoid parallel processes".length))).not.toBe(state);
  });

  it("stops a bracket that is not in the user's own name", () => {
    const { state, prevented } = guarded(people.arcadia);
    const from = posOf(state.doc, "Welcome");
    const forged = state.schema.marks.bracket!.create(bracket("bNew", people.civil));
    expect(state.apply(state.tr.addMark(from, from + 7, forged))).toBe(state);
    expect(prevented[0]).toEqual({ rule: "forgedBracket" });
  });

  it("stops a bracket inside agreed text, even a facilitator's", () => {
    const { state, prevented } = guarded(people.chair);
    const from = posOf(state.doc, "Agreed");
    const mark = state.schema.marks.bracket!.create(bracket("bChair", people.chair));
    expect(state.apply(state.tr.addMark(from, from + 6, mark))).toBe(state);
    expect(prevented[0]).toMatchObject({ rule: "agreedWithBrackets", pid: "pAgreed", count: 1 });
  });

  it("stops a delegate changing a paragraph's status", () => {
    const { state, prevented } = guarded(people.arcadia);
    expect(state.apply(state.tr.setNodeAttribute(0, "status", "deleted"))).toBe(state);
    expect(prevented[0]).toEqual({ rule: "statusChange", pid: "pOpen" });
  });

  it("never blocks changes arriving through Yjs", () => {
    const { state, prevented } = guarded(people.arcadia);
    const tr = state.tr.insertText("remote ", posOf(state.doc, "stays")).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(texts(state.apply(tr).doc)[1]).toBe("Agreed text remote stays.");
    expect(prevented).toEqual([]);
  });

  it("stops an observer's changes", () => {
    const { state, prevented } = guarded(people.observer);
    expect(state.apply(state.tr.insertText("x", 1))).toBe(state);
    expect(prevented[0]).toEqual({ rule: "readOnly" });
  });
});
