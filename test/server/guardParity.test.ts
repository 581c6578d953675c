import type { Node as PmNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { updateYFragment } from "@tiptap/y-tiptap";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { checkTransaction } from "../../client/editor/model/localChanges.js";
import { blocksNeedingPid, renameBlocks } from "../../client/editor/plugins/pidIntegrity.js";
import { blocksInRanges, touchedRanges } from "../../client/editor/model/touchedBlocks.js";
import type { UserView } from "../../schemas/api.js";
import { authorizeUpdate } from "../../server/collab/authorizeUpdate.js";
import { BlockTracker } from "../../server/collab/blockTracker.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { bracket, doc, h, p, people, posOf, schema, stateOf, t } from "../client/docBuilder.js";
import { characterPositions } from "../helpers/yCharacters.js";

/**
 * Two independent readings of the same rules: the editor's guard judges a
 * ProseMirror transaction (blocks paired by pid, what the binding will delete
 * modelled), the server judges the Yjs update the editor's binding
 * (@tiptap/y-tiptap's updateYFragment) really writes for it, item by item.
 * For random edits by a delegate, a facilitator and an observer they must
 * agree: what the editor lets through the server accepts (else the user's
 * socket closes), and what the server refuses the editor prevents.
 */

const byArcadia = bracket("bArcadia", people.arcadia);
const byCivil = bracket("bCivil", people.civil);
const start = doc(
  h("pH", "A. Preamble"),
  p({ pid: "pA", frozenLabel: "1" }, "Welcome the Compact ", t("and avoid duplicative parallel processes", byCivil), " today."),
  p({ pid: "pB", frozenLabel: "2", status: "agreed" }, "Recall resolution 70/125 on the review."),
  p({ pid: "pC", frozenLabel: "3" }, "Note the ", t("gaps", byArcadia), " that remain in ", t("rural areas", byCivil), "."),
  p({ pid: "pD" }, "Stress the needs of small island States."),
  p({ pid: "pE", status: "deleted", frozenLabel: "4" }, "Decide to meet again."),
  p({ pid: "pF", level: 2 }, "Sub-item ", t("of ours", byArcadia), " here."),
  p({ pid: "pG" }, "Last words."),
);

const users = {
  arcadia: { ...people.arcadia, email: "arcadia@demo.accord" },
  chair: { ...people.chair, email: "chair@demo.accord" },
  observer: { ...people.observer, email: "observer@demo.accord" },
} as unknown as Record<string, UserView>;

/** Arcadia typed "duplicative " inside civil society's bracket: their own words, which they may take back out. */
const ownFrom = posOf(start, "duplicative ");
const ownWords = (pos: number) => pos >= ownFrom && pos < ownFrom + "duplicative ".length;

/** One random edit, made with ProseMirror's own transforms at positions picked in the document. */
type Edit =
  | { op: "insert"; at: number; text: string }
  | { op: "delete"; at: number; length: number }
  | { op: "split"; at: number }
  | { op: "join"; block: number }
  | { op: "mark"; at: number; length: number; mark: "bold" | "ownBracket" | "othersBracket" }
  | { op: "unmark"; at: number; length: number }
  | { op: "attribute"; block: number; name: "status" | "level" | "frozenLabel"; value: string | number | null }
  | { op: "newParagraph"; block: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom("x", " shall", "ü") }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant("split" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("join" as const), block: fc.nat() }),
  fc.record({ op: fc.constant("mark" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }),
    mark: fc.constantFrom("bold" as const, "ownBracket" as const, "othersBracket" as const) }),
  fc.record({ op: fc.constant("unmark" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant("attribute" as const), block: fc.nat(), name: fc.constantFrom("status" as const, "level" as const, "frozenLabel" as const),
    value: fc.constantFrom("open", "agreed", "deleted", 1, 2, "9", null) }),
  fc.record({ op: fc.constant("newParagraph" as const), block: fc.nat() }),
);

let nextId = 0;

/** Applies an edit; returns null when ProseMirror cannot make it there. */
function make(tr: Transaction, e: Edit, user: UserView): Transaction | null {
  const size = tr.doc.content.size;
  const textPos = (n: number) => {
    const positions: number[] = [];
    tr.doc.descendants((node, pos) => {
      if (node.isTextblock) for (let i = 0; i <= node.content.size; i++) positions.push(pos + 1 + i);
      return !node.isTextblock;
    });
    return positions[n % positions.length]!;
  };
  const blockPos = (n: number) => {
    const starts: number[] = [];
    tr.doc.forEach((_node, pos) => starts.push(pos));
    return starts[n % starts.length]!;
  };
  try {
    switch (e.op) {
      case "insert": return tr.insertText(e.text, textPos(e.at));
      case "delete": {
        const from = textPos(e.at);
        return tr.delete(from, Math.min(size, from + e.length));
      }
      case "split": return tr.split(textPos(e.at));
      case "join": {
        const pos = blockPos(e.block);
        return pos > 0 ? tr.join(pos) : null;
      }
      case "mark": {
        const from = textPos(e.at);
        const to = Math.min(from + e.length, size);
        const attrs = e.mark === "ownBracket" ? bracket(`b${nextId++}`, user) : bracket(`b${nextId++}`, people.civil);
        return tr.addMark(from, to, e.mark === "bold" ? schema.marks.bold!.create() : schema.marks.bracket!.create(attrs));
      }
      case "unmark": {
        const from = textPos(e.at);
        return tr.removeMark(from, Math.min(from + e.length, size), schema.marks.bracket!);
      }
      case "attribute": {
        const pos = blockPos(e.block);
        return tr.doc.nodeAt(pos)?.type.name === "paragraph" ? tr.setNodeAttribute(pos, e.name, e.value) : null;
      }
      case "newParagraph":
        return tr.insert(blockPos(e.block), schema.nodes.paragraph!.create({ pid: `pNew${nextId++}`, status: "open", level: 1 }, schema.text("Added.")));
    }
  } catch {
    return null;
  }
}

/** What the browser ends up with: the user's transaction, then pid integrity's fix in the same dispatch. */
function withPidFix(tr: Transaction): PmNode {
  const state = stateOf(tr.before).apply(tr);
  const touched = blocksInRanges(state.doc, touchedRanges(tr).after);
  const needing = blocksNeedingPid(state.doc, touched);
  return needing.length > 0 ? state.apply(renameBlocks(state, needing, () => `pFix${nextId++}`)).doc : state.doc;
}

/**
 * The Yjs document the editor's binding writes for `before`, the update it
 * writes for `after`, and which position of `before` each character's Yjs id stands for.
 */
function yjsOf(before: PmNode, after: PmNode): { server: Y.Doc; update: Uint8Array | null; positionOf: (client: number, clock: number) => number | undefined } {
  const client = new Y.Doc();
  const fragment = client.getXmlFragment(CONTENT_FIELD);
  const meta = { mapping: new Map(), isOMark: new Map() };
  client.transact(() => updateYFragment(client, fragment, before, meta));
  const positions = characterPositions(fragment, before);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  let update: Uint8Array | null = null;
  client.on("update", (u: Uint8Array) => (update = update ? Y.mergeUpdates([update, u]) : u));
  client.transact(() => updateYFragment(client, fragment, after, meta));
  return { server, update, positionOf: (c, clock) => positions.get(`${c}:${clock}`) };
}

describe("the editor's guard and the server judge an edit alike", () => {
  it("for random edits by a delegate, a facilitator and an observer", () => {
    const seen = { allowed: 0, refused: 0 };
    fc.assert(
      fc.property(fc.constantFrom("arcadia", "chair", "observer"), fc.array(edit, { minLength: 1, maxLength: 2 }), (who, edits) => {
        const user = users[who]!;
        let tr: Transaction | null = stateOf(start).tr;
        for (const e of edits) tr = tr && make(tr, e, user);
        if (!tr || !tr.docChanged) return;
        const wroteAt = (pos: number) => who === "arcadia" && ownWords(pos);
        const guard = checkTransaction(tr, user, wroteAt);
        const { server, update, positionOf } = yjsOf(start, withPidFix(tr));
        if (!update) return;
        const candidate = { doc: server, tracker: new BlockTracker(server, { brackets: new Map(), importedLabels: new Map() }) };
        const authorOf = (client: number, clock: number) => {
          const pos = positionOf(client, clock);
          return pos !== undefined && ownWords(pos) ? users.arcadia!.id : null;
        };
        const verdict = authorizeUpdate(candidate, update, Y.decodeUpdate(update), user,
          { authorOf, ownerOf: () => null }, (pid) => pid);
        seen[guard === null ? "allowed" : "refused"] += 1;
        const server_ = verdict.ok ? "accepted" : `refused: ${verdict.refusal.reason}`;
        const client_ = guard === null ? "allowed" : `prevented: ${guard.rule}`;
        expect({ edits, client: client_, server: server_ }).toEqual({
          edits, client: client_, server: guard === null ? "accepted" : expect.stringMatching(/^refused/),
        });
      }),
      { numRuns: Number(process.env.PARITY_RUNS ?? 1500), ...(process.env.PARITY_SEED ? { seed: Number(process.env.PARITY_SEED) } : {}) },
    );
    expect(seen.allowed).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(100);
  });
});

describe("a delegate's own words inside another delegation's bracket", () => {
  /** The guard's and the server's verdicts on `edit` by arcadia, who wrote "duplicative " inside civil society's bracket. */
  function judge(edit: (tr: Transaction) => Transaction): { client: string; server: string } {
    const user = users.arcadia!;
    const tr = edit(stateOf(start).tr);
    const guard = checkTransaction(tr, user, ownWords);
    const { server, update, positionOf } = yjsOf(start, withPidFix(tr));
    const authorOf = (client: number, clock: number) => {
      const pos = positionOf(client, clock);
      return pos !== undefined && ownWords(pos) ? user.id : null;
    };
    const verdict = authorizeUpdate({ doc: server, tracker: new BlockTracker(server, { brackets: new Map(), importedLabels: new Map() }) }, update!, Y.decodeUpdate(update!), user,
      { authorOf, ownerOf: () => null }, (pid) => pid);
    return { client: guard ? guard.rule : "allowed", server: verdict.ok ? "accepted" : "refused" };
  }

  it("may be taken back out by them, and the editor lets them", () => {
    expect(judge((tr) => tr.delete(ownFrom, ownFrom + "duplicative ".length))).toEqual({ client: "allowed", server: "accepted" });
    expect(judge((tr) => tr.delete(ownFrom + 2, ownFrom + 5))).toEqual({ client: "allowed", server: "accepted" });
  });

  it("but one character of the bracket's own words more is refused, and prevented", () => {
    expect(judge((tr) => tr.delete(ownFrom, ownFrom + "duplicative p".length))).toEqual({ client: "removeOthersBracket", server: "refused" });
    expect(judge((tr) => tr.delete(ownFrom - 1, ownFrom + 3))).toEqual({ client: "removeOthersBracket", server: "refused" });
  });

  it("keep the bracket: taking it off them is refused, and prevented", () => {
    expect(judge((tr) => tr.removeMark(ownFrom, ownFrom + 4, schema.marks.bracket!))).toEqual({ client: "removeOthersBracket", server: "refused" });
  });
});
