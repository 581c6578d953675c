import type { Node as PmNode } from "@tiptap/pm/model";
import { TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { alternativeTarget, offerAlternative } from "../../client/editor/commands/offerAlternative.js";
import { placeBracket } from "../../client/editor/commands/placeBracket.js";
import { chooseAlternative, deleteBracketedText, removeBracket } from "../../client/editor/commands/resolveBracket.js";
import type { Stamp } from "../../client/editor/commands/stamp.js";
import { readPmBlocks } from "../../client/editor/model/pmBlocks.js";
import { placerOf } from "../../shared/brackets/placer.js";
import type { RuleUser } from "../../shared/document/changeRules.js";
import { bracketedText, listBrackets } from "../../shared/brackets/tokens.js";
import { bracket, doc, ids, p, people, posOf, stateOf, t } from "./docBuilder.js";

const AT = "2026-11-17T10:00:00.000Z";
const stamp = (who: RuleUser = people.civil): Stamp => ({ placer: placerOf(who), at: AT, newId: ids() });

/** The document as negotiators write it: one string per block, brackets drawn in. */
function written(node: PmNode): string[] {
  return readPmBlocks(node).map((b) => bracketedText(b.runs));
}

function bracketsIn(node: PmNode) {
  return readPmBlocks(node).flatMap((b) => listBrackets(b.runs).map((s) => s.bracket));
}

const plain = doc(
  p({ pid: "p1" }, "Welcome the Global Digital Compact and its annex."),
  p({ pid: "p2" }, "Stress that implementation should be complementary."),
);

describe("Bracket", () => {
  it("brackets the selected words in the user's name, hugging the words", () => {
    const state = stateOf(plain, { select: " Global Digital " });
    const next = state.apply(placeBracket(state, stamp())!);
    expect(written(next.doc)[0]).toBe("Welcome the [Global Digital] Compact and its annex.");
    expect(bracketsIn(next.doc)).toEqual([{
      id: "n1", alt: null, userId: "u-civil", name: "Amara Diallo", delegation: "Digital Rights Network",
      group: "civil_society", at: AT,
    }]);
  });

  it("places one bracket per paragraph when the selection crosses paragraphs", () => {
    const state = stateOf(plain);
    const from = posOf(plain, "its annex");
    const to = posOf(plain, "should") + "should".length;
    const selected = state.apply(state.tr.setSelection(TextSelection.create(plain, from, to)));
    const next = selected.apply(placeBracket(selected, stamp())!);
    expect(written(next.doc)).toEqual([
      "Welcome the Global Digital Compact and [its annex.]",
      "[Stress that implementation should] be complementary.",
    ]);
    expect(bracketsIn(next.doc).map((b) => b.id)).toEqual(["n1", "n2"]);
  });

  it("does nothing for a caret or a selection of spaces", () => {
    expect(placeBracket(stateOf(plain, { caret: 3 }), stamp())).toBeNull();
    expect(placeBracket(stateOf(plain, { select: " " }), stamp())).toBeNull();
  });
});

describe("Offer alternative", () => {
  const withBracket = doc(p({ pid: "p1" }, "Building on ", t("the existing WSIS architecture", bracket("b1")), " today."));

  it("makes a bracket Alt 1, keeping its attribution, and adds the wording as Alt 2 in the user's name", () => {
    const state = stateOf(withBracket, { caret: posOf(withBracket, "existing") });
    const target = alternativeTarget(state)!;
    expect(target).toMatchObject({ kind: "bracket", bracket: { id: "b1" } });
    const next = state.apply(offerAlternative(state, target, "  the Global Digital Compact ", stamp())!);
    expect(written(next.doc)[0]).toBe(
      "Building on [Alt 1: the existing WSIS architecture] [Alt 2: the Global Digital Compact] today.",
    );
    const [first, second] = bracketsIn(next.doc);
    expect(first).toMatchObject({ id: "b1", alt: "n1", userId: "u-arcadia", at: "2026-11-16T09:00:00.000Z" });
    expect(second).toMatchObject({ id: "n2", alt: "n1", userId: "u-civil", at: AT });
  });

  it("adds Alt 3 after the last option of an existing set", () => {
    const state = stateOf(withBracket, { caret: posOf(withBracket, "existing") });
    const two = state.apply(offerAlternative(state, alternativeTarget(state)!, "option two", stamp())!);
    const onFirst = two.apply(two.tr.setSelection(TextSelection.create(two.doc, posOf(two.doc, "existing"))));
    const three = onFirst.apply(offerAlternative(onFirst, alternativeTarget(onFirst)!, "option three", stamp(people.chair))!);
    expect(written(three.doc)[0]).toBe(
      "Building on [Alt 1: the existing WSIS architecture] [Alt 2: option two] [Alt 3: option three] today.",
    );
  });

  it("first brackets selected plain words in the user's name", () => {
    const state = stateOf(plain, { select: "complementary" });
    const target = alternativeTarget(state)!;
    expect(target.kind).toBe("selection");
    const next = state.apply(offerAlternative(state, target, "mutually reinforcing", stamp())!);
    expect(written(next.doc)[1]).toBe("Stress that implementation should be [Alt 1: complementary] [Alt 2: mutually reinforcing].");
    expect(bracketsIn(next.doc).every((b) => b.userId === "u-civil" && b.alt === "n1")).toBe(true);
  });

  it("treats a selection of exactly a bracket's words as that bracket", () => {
    const state = stateOf(withBracket, { select: "the existing WSIS architecture" });
    expect(alternativeTarget(state)).toMatchObject({ kind: "bracket", bracket: { id: "b1" } });
  });

  it("keeps a new option inside a bracket that encloses the whole set", () => {
    const outer = bracket("bOuter", people.civil, { at: "2026-11-16T08:00:00.000Z" });
    const nested = doc(p({ pid: "p1" }, t("Reaffirm ", outer), t("the right", outer, bracket("b1")), t(" to development.", outer)));
    const state = stateOf(nested, { caret: posOf(nested, "right") });
    const next = state.apply(offerAlternative(state, alternativeTarget(state)!, "the rights", stamp())!);
    expect(written(next.doc)[0]).toBe("[Reaffirm [Alt 1: the right] [Alt 2: the rights] to development.]");
  });
});

describe("resolving a bracket", () => {
  const byCivil = bracket("bCivil", people.civil);
  const set = (id: string, who: RuleUser = people.arcadia) => bracket(id, who, { alt: "s1" });
  const mixed = doc(
    p({ pid: "p1" }, "Building on the WSIS architecture ", t("and avoiding parallel processes", byCivil), "."),
    p({ pid: "p2" }, "Invite ", t("all stakeholders", set("a1")), " ", t("Member States", set("a2", people.civil)), " ",
      t("Governments", set("a3", people.chair)), " to act."),
  );

  it("Remove brackets keeps the words", () => {
    const state = stateOf(mixed);
    const next = state.apply(removeBracket(state, "bCivil")!);
    expect(written(next.doc)[0]).toBe("Building on the WSIS architecture and avoiding parallel processes.");
    expect(bracketsIn(next.doc).some((b) => b.id === "bCivil")).toBe(false);
  });

  it("Delete bracketed text removes the words and the space before them", () => {
    const state = stateOf(mixed);
    const next = state.apply(deleteBracketedText(state, "bCivil")!);
    expect(written(next.doc)[0]).toBe("Building on the WSIS architecture.");
  });

  it("Choose this alternative keeps only the chosen words, without brackets or stray spaces", () => {
    for (const [id, words] of [["a1", "all stakeholders"], ["a2", "Member States"], ["a3", "Governments"]] as const) {
      const state = stateOf(mixed);
      const next = state.apply(chooseAlternative(state, id)!);
      expect(written(next.doc)[1]).toBe(`Invite ${words} to act.`);
      expect(bracketsIn(next.doc).map((b) => b.id)).toEqual(["bCivil"]);
    }
  });

  it("Choose this alternative is only for options of a set", () => {
    expect(chooseAlternative(stateOf(mixed), "bCivil")).toBeNull();
  });
});
