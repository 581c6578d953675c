import type { Node as PmNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { updateYFragment } from "@tiptap/y-tiptap";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { yjsDeletions, yjsWrite } from "../../client/editor/model/yjsDeletions.js";
import { frozenBlockTouchedInYjs, othersBracketChangedInYjs } from "../../client/editor/model/yjsWriteRules.js";
import { characterPositions } from "../helpers/yCharacters.js";
import { bracket, doc, p, people, posOf, schema, stateOf, t } from "./docBuilder.js";

/**
 * The positions of `before` whose characters y-tiptap itself deletes when it
 * writes `after` over a Yjs document it built from `before`: the ground truth
 * the model must match.
 */
function deletedByYTiptap(before: PmNode, after: PmNode): number[] {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment("content");
  const meta = { mapping: new Map(), isOMark: new Map() };
  ydoc.transact(() => updateYFragment(ydoc, fragment, before, meta));
  // Each character's Yjs id, and where it stands in `before`.
  const positions = characterPositions(fragment, before);
  const deleted: number[] = [];
  ydoc.on("afterTransaction", (tr: Y.Transaction) => {
    tr.deleteSet.clients.forEach((ranges, client) => {
      for (const { clock, len } of ranges) {
        for (let k = 0; k < len; k++) {
          const pos = positions.get(`${client}:${clock + k}`);
          if (pos !== undefined) deleted.push(pos);
        }
      }
    });
  });
  ydoc.transact(() => updateYFragment(ydoc, fragment, after, meta));
  return deleted.sort((a, b) => a - b);
}

/**
 * The positions of `before`'s top-level blocks whose Yjs element y-tiptap
 * deletes or changes (an attribute, or anything inside it), read from the
 * Yjs transaction itself.
 */
function blocksTouchedByYTiptap(before: PmNode, after: PmNode): number[] {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment("content");
  const meta = { mapping: new Map(), isOMark: new Map() };
  ydoc.transact(() => updateYFragment(ydoc, fragment, before, meta));
  const elements = fragment.toArray();
  const touched = new Set<number>();
  ydoc.on("afterTransaction", (tr: Y.Transaction) => {
    const topOf = (type: Y.AbstractType<Y.YEvent<any>>): unknown => {
      let at = type;
      while (at._item && at._item.parent !== fragment) at = at._item.parent as Y.AbstractType<Y.YEvent<any>>;
      return at._item ? at : null;
    };
    const changedTops = new Set([...tr.changed.keys()].map(topOf));
    elements.forEach((element, index) => {
      if (element._item?.deleted || changedTops.has(element)) touched.add(positionOfChild(before, index));
    });
  });
  ydoc.transact(() => updateYFragment(ydoc, fragment, after, meta));
  return [...touched].sort((a, b) => a - b);
}

/** Where each character of `before` that y-tiptap's update keeps stands in `after`: before position to after position. */
function keptByYTiptap(before: PmNode, after: PmNode): Map<number, number> {
  const ydoc = new Y.Doc();
  const fragment = ydoc.getXmlFragment("content");
  const meta = { mapping: new Map(), isOMark: new Map() };
  ydoc.transact(() => updateYFragment(ydoc, fragment, before, meta));
  const beforeIds = characterPositions(fragment, before);
  ydoc.transact(() => updateYFragment(ydoc, fragment, after, meta));
  const afterIds = characterPositions(fragment, after);
  const kept = new Map<number, number>();
  for (const [id, pos] of beforeIds) {
    const now = afterIds.get(id);
    if (now !== undefined) kept.set(pos, now);
  }
  return kept;
}

/** Whether some text of `block` carries two brackets. */
function underTwoBrackets(block: PmNode): boolean {
  let found = false;
  block.descendants((node) => {
    if (node.isText && node.marks.filter((m) => m.type.name === "bracket").length >= 2) found = true;
  });
  return found;
}

function positionOfChild(node: PmNode, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += node.child(i).nodeSize;
  return pos;
}

/** The model's answer as the positions of single characters (its ranges may span hard breaks, which are no characters). */
function modelled(before: PmNode, after: PmNode): number[] {
  return yjsDeletions(before, after)
    .flatMap(({ from, to }) => Array.from({ length: to - from }, (_, i) => from + i))
    .filter((pos) => before.nodeAt(pos)?.isText)
    .sort((a, b) => a - b);
}

function textAt(node: PmNode, positions: number[]): string {
  return positions.map((pos) => node.textBetween(pos, pos + 1)).join("");
}

const byCivil = bracket("bCivil", people.civil);
const start = doc(
  p({ pid: "pA", frozenLabel: "1" }, "Welcome the Compact ", t("and avoid parallel processes", byCivil), " today."),
  p({ pid: "pB", frozenLabel: "2" }, "Recall resolution 70/125."),
  p({ pid: "pC" }, "Note the ", t("gaps", byCivil), " that remain."),
);

function after(build: (tr: Transaction) => Transaction): { before: PmNode; after: PmNode } {
  const state = stateOf(start);
  return { before: state.doc, after: build(state.tr).doc };
}

describe("what the Yjs update of a change deletes", () => {
  it("deletes nothing when words are typed, even inside a bracket", () => {
    const change = after((tr) => tr.insertText("duplicative ", posOf(start, "parallel")));
    expect(modelled(change.before, change.after)).toEqual([]);
    expect(deletedByYTiptap(change.before, change.after)).toEqual([]);
  });

  it("deletes the words after a split: they are written again in the new paragraph", () => {
    const change = after((tr) => tr.split(posOf(start, "and avoid")));
    expect(textAt(change.before, modelled(change.before, change.after))).toBe("and avoid parallel processes today.");
    expect(modelled(change.before, change.after)).toEqual(deletedByYTiptap(change.before, change.after));
  });

  it("deletes the whole second paragraph of a join", () => {
    const change = after((tr) => tr.join(posOf(start, "Note") - 1));
    expect(textAt(change.before, modelled(change.before, change.after))).toBe("Note the gaps that remain.");
    expect(modelled(change.before, change.after)).toEqual(deletedByYTiptap(change.before, change.after));
  });

  it("deletes what the string diff says, which can be a neighbouring letter rather than the one removed", () => {
    const before = doc(p({ pid: "pA" }, "a x", t("x y", byCivil)));
    const state = stateOf(before);
    // The unbracketed "x" is removed; the diff keeps "a x" and deletes the bracketed one.
    const change = state.tr.delete(3, 4);
    expect(textAt(before, modelled(before, change.doc))).toBe("x");
    expect(modelled(before, change.doc)).toEqual([4]);
    expect(deletedByYTiptap(before, change.doc)).toEqual([4]);
    expect(othersBracketChangedInYjs(people.arcadia, before, change.doc)).toMatchObject({ id: "bCivil" });
  });

  it("names nobody's bracket for the facilitator or for the bracket's placer", () => {
    const change = after((tr) => tr.split(posOf(start, "and avoid")));
    expect(othersBracketChangedInYjs(people.arcadia, change.before, change.after)).toMatchObject({ id: "bCivil" });
    expect(othersBracketChangedInYjs(people.chair, change.before, change.after)).toBeNull();
    expect(othersBracketChangedInYjs(people.civil, change.before, change.after)).toBeNull();
  });

  it("pairs paragraphs as y-tiptap does, not by pid: at the end of the document a join can delete the first paragraph", () => {
    const hardBreak = schema.nodes.hardBreak!.create();
    const before = doc(p({ pid: "pA" }, "Keep ", t("these words", byCivil)), p({ pid: "pB" }, "second line", hardBreak, "third line"));
    const state = stateOf(before);
    const joined = state.tr.join(before.child(0).nodeSize).doc;
    expect(modelled(before, joined)).toEqual(deletedByYTiptap(before, joined));
    expect(textAt(before, modelled(before, joined))).toBe("Keep these words");
  });
});

/** Random documents of a few paragraphs (with brackets and hard breaks) and random edits of them. */
const word = fc.constantFrom("a", "ab", "ba", "b a", " ", "aa", "x");
const byArcadia = bracket("bArcadia", people.arcadia);
const inline = fc.array(fc.oneof(
  { weight: 4, arbitrary: word.map((w) => t(w)) },
  { weight: 2, arbitrary: word.map((w) => t(w, byCivil)) },
  { weight: 1, arbitrary: word.map((w) => t(w, byArcadia, byCivil)) },
  { weight: 1, arbitrary: fc.constant(schema.nodes.hardBreak!.create()) },
), { maxLength: 5 });
const documents = fc.array(inline, { minLength: 1, maxLength: 5 })
  .map((blocks) => doc(...blocks.map((content, i) => schema.nodes.paragraph!.create({ pid: `p${i}`, status: "open", level: 1 }, content))));

type Edit = (tr: Transaction) => void;
const pick = (n: number, of: number) => (of <= 0 ? 0 : n % of);
const edits: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat(6)).map(([at, len]): Edit => (tr) => {
    const from = 1 + pick(at, tr.doc.content.size - 1);
    tr.delete(from, Math.min(from + len, tr.doc.content.size - 1));
  }),
  fc.tuple(fc.nat(), word).map(([at, w]): Edit => (tr) => {
    const pos = 1 + pick(at, tr.doc.content.size - 1);
    if (tr.doc.resolve(pos).parent.isTextblock) tr.insertText(w, pos);
  }),
  fc.nat().map((at): Edit => (tr) => {
    const pos = 1 + pick(at, tr.doc.content.size - 1);
    if (tr.doc.resolve(pos).parent.isTextblock) tr.split(pos);
  }),
  fc.nat().map((at): Edit => (tr) => {
    const index = 1 + pick(at, tr.doc.childCount - 1);
    if (index < tr.doc.childCount) tr.join(positionOfChild(tr.doc, index));
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Edit => (tr) => {
    const from = pick(a, tr.doc.childCount);
    const node = tr.doc.child(from);
    const at = positionOfChild(tr.doc, from);
    tr.delete(at, at + node.nodeSize);
    if (tr.doc.childCount === 0) return;
    tr.insert(positionOfChild(tr.doc, pick(b, tr.doc.childCount + 1)), node);
  }),
  fc.nat().map((at): Edit => (tr) => {
    tr.insert(positionOfChild(tr.doc, pick(at, tr.doc.childCount + 1)), schema.nodes.paragraph!.create({ pid: "new" }));
  }),
  fc.tuple(fc.nat(), fc.nat(6), fc.boolean()).map(([at, len, add]): Edit => (tr) => {
    const from = 1 + pick(at, tr.doc.content.size - 1);
    const to = Math.min(from + len, tr.doc.content.size - 1);
    if (add) tr.addMark(from, to, schema.marks.bracket!.create(at % 2 === 0 ? byCivil : byArcadia));
    else tr.removeMark(from, to, schema.marks.bracket!);
  }),
);

describe("what the Yjs update of a change touches of a frozen paragraph", () => {
  const frozen = doc(
    p({ pid: "pD" }, "Stress the needs of small island States."),
    p({ pid: "pE", status: "deleted", frozenLabel: "4" }, "Decide to meet again."),
    p({ pid: "pF" }, "Last words."),
  );

  it("touches nothing of it when one paragraph is added after it", () => {
    const change = stateOf(frozen).tr.split(posOf(frozen, "again.") + "again.".length);
    expect(frozenBlockTouchedInYjs(people.arcadia, frozen, yjsWrite(frozen, change.doc))).toBeNull();
    expect(blocksTouchedByYTiptap(frozen, change.doc)).toEqual([]);
  });

  it("rewrites its element when paragraphs are added before and after it at once, which only a facilitator may do", () => {
    const tr = stateOf(frozen).tr.split(posOf(frozen, "again.") + "again.".length).split(1);
    const write = yjsWrite(frozen, tr.doc);
    const pE = frozen.child(0).nodeSize;
    expect(blocksTouchedByYTiptap(frozen, tr.doc)).toContain(pE);
    expect(frozenBlockTouchedInYjs(people.arcadia, frozen, write)).toEqual({ pid: "pE", status: "deleted" });
    expect(frozenBlockTouchedInYjs(people.chair, frozen, write)).toBeNull();
  });
});

describe("the model of y-tiptap's update", () => {
  it("deletes exactly the characters y-tiptap deletes, for random edits of random documents", () => {
    fc.assert(fc.property(documents, fc.array(edits, { minLength: 1, maxLength: 3 }), (before, steps) => {
      const tr = stateOf(before).tr;
      for (const step of steps) {
        try {
          step(tr);
        } catch {
          // An edit the schema does not allow here: skip it.
        }
      }
      if (tr.doc.childCount === 0) return;
      expect(modelled(before, tr.doc)).toEqual(deletedByYTiptap(before, tr.doc));
      const write = yjsWrite(before, tr.doc);
      // Every block y-tiptap touches is named; any other named block is one it may touch: unchanged, with text under two brackets.
      const touched = blocksTouchedByYTiptap(before, tr.doc);
      const named = [...new Set(write.blocks)].sort((a, b) => a - b);
      expect(touched.filter((pos) => !named.includes(pos))).toEqual([]);
      for (const pos of named.filter((at) => !touched.includes(at))) {
        const block = before.nodeAt(pos)!;
        expect(tr.doc.textContent.includes(block.textContent)).toBe(true);
        expect(underTwoBrackets(block)).toBe(true);
      }
      // Every character the model says is kept and formatted anew lands where it says; every kept character whose marks changed is among them.
      const kept = keptByYTiptap(before, tr.doc);
      const reformatted = new Map(write.reformatted.flatMap(({ from, to, length }) => Array.from({ length }, (_, i) => [from + i, to + i] as const)));
      for (const [from, to] of reformatted) expect([from, kept.get(from)]).toEqual([from, to]);
      for (const [from, to] of kept) {
        if (!before.nodeAt(from)!.sameMarkup(tr.doc.nodeAt(to)!)) expect([from, reformatted.get(from)]).toEqual([from, to]);
      }
    }), { numRuns: Number(process.env.MODEL_RUNS ?? 400) });
  });
});
