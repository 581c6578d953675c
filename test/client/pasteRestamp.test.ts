import { Fragment, Slice } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { restampSlice } from "../../client/editor/plugins/pasteRestamp.js";
import { bracketsOf } from "../../client/editor/model/pmBlocks.js";
import { placerOf } from "../../shared/brackets/placer.js";
import { bracket, ids, p, people, schema, t } from "./docBuilder.js";

const AT = "2026-11-18T14:30:00.000Z";

function bracketsInSlice(slice: Slice) {
  const found: ReturnType<typeof bracketsOf>[] = [];
  slice.content.descendants((node) => {
    if (node.isText) found.push(bracketsOf(node));
  });
  return found;
}

describe("pasting", () => {
  it("re-stamps copied brackets as the paster's, with fresh ids and alternatives kept together", () => {
    const one = bracket("b1", people.arcadia, { alt: "set" });
    const two = bracket("b2", people.chair, { alt: "set" });
    const outer = bracket("b3", people.civil);
    const slice = new Slice(Fragment.from([
      p({ pid: "pOrig", status: "agreed", frozenLabel: "7" }, t("one", one, outer), t(" "), t("two", two, outer), t(" again", outer)),
    ]), 0, 0);
    const pasted = restampSlice(slice, placerOf(people.civil), AT, ids("x"));
    const [first, , second, third] = bracketsInSlice(pasted);
    const civil = { userId: "u-civil", name: "Amara Diallo", delegation: "Digital Rights Network", group: "civil_society", at: AT };
    expect(first).toEqual(expect.arrayContaining([
      { ...civil, id: "x1", alt: "x2" },
      { ...civil, id: "x3", alt: null },
    ]));
    expect(second).toEqual(expect.arrayContaining([{ ...civil, id: "x4", alt: "x2" }, { ...civil, id: "x3", alt: null }]));
    expect(third).toEqual([{ ...civil, id: "x3", alt: null }]);
    expect(pasted.content.child(0).attrs).toMatchObject({ pid: null, status: "open", frozenLabel: null });
  });

  it("keeps square brackets typed as characters as plain text", () => {
    const slice = new Slice(Fragment.from(schema.text("[not a bracket]")), 0, 0);
    const pasted = restampSlice(slice, placerOf(people.civil), AT, ids());
    expect(pasted.content.textBetween(0, pasted.content.size)).toBe("[not a bracket]");
    expect(bracketsInSlice(pasted)).toEqual([[]]);
  });

  it("drops a bracket mark whose attributes are not a valid bracket instead of trusting it", () => {
    const bad = schema.marks.bracket!.create({ id: "", userId: "someone" });
    const slice = new Slice(Fragment.from(schema.text("words", [bad])), 0, 0);
    expect(bracketsInSlice(restampSlice(slice, placerOf(people.civil), AT, ids()))).toEqual([[]]);
  });
});
