import fc from "fast-check";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { runsFromDelta } from "../../shared/brackets/fromDelta.js";
import { parseBracketedText } from "../../shared/brackets/parse.js";
import { bracketedText, bracketTokens, isBalanced, listBrackets } from "../../shared/brackets/tokens.js";

const placer = { userId: "u1", name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" as const };
let counter = 0;
const newId = () => `b${++counter}`;
const parse = (text: string) => parseBracketedText(text, placer, "2026-11-22T10:00:00.000Z", newId);

describe("reading typed brackets", () => {
  it("reads bracketed words inside an agreed sentence", () => {
    const { runs, unpaired } = parse("Recognize [the central] role of ITU.");
    expect(unpaired).toEqual([]);
    expect(runs.map((r) => [r.text, r.brackets.length])).toEqual([
      ["Recognize ", 0], ["the central", 1], [" role of ITU.", 0],
    ]);
    expect(bracketedText(runs)).toBe("Recognize [the central] role of ITU.");
  });

  it("reads nested brackets and writes them back balanced", () => {
    const text = "Decide [to review [the 2030 Agenda] in 2035] now.";
    const { runs } = parse(text);
    expect(bracketedText(runs)).toBe(text);
    expect(listBrackets(runs).map((b) => b.text)).toEqual(["to review the 2030 Agenda in 2035", "the 2030 Agenda"]);
  });

  it("groups [Alt 1: ...] [Alt 2: ...] into one set of alternatives", () => {
    const { runs } = parse("administered [Alt 1: by UNDP] [Alt 2: by ITU] with all stakeholders");
    const brackets = listBrackets(runs);
    expect(brackets.map((b) => [b.text, b.altIndex])).toEqual([["by UNDP", 1], ["by ITU", 2]]);
    expect(brackets[0]!.bracket.alt).not.toBeNull();
    expect(brackets[0]!.bracket.alt).toBe(brackets[1]!.bracket.alt);
    expect(bracketedText(runs)).toBe("administered [Alt 1: by UNDP] [Alt 2: by ITU] with all stakeholders");
  });

  it("keeps separate sets of alternatives apart", () => {
    const { runs } = parse("[Alt 1: a] [Alt 2: b] and then [Alt 1: c] [Alt 2: d]");
    const alts = listBrackets(runs).map((b) => b.bracket.alt);
    expect(alts[0]).toBe(alts[1]);
    expect(alts[2]).toBe(alts[3]);
    expect(alts[0]).not.toBe(alts[2]);
  });

  it("leaves unpaired bracket characters as literal text", () => {
    const { runs, unpaired } = parse("a ] b [c");
    expect(unpaired).toEqual([2, 6]);
    expect(runs).toEqual([{ text: "a ] b [c", brackets: [] }]);
  });

  it("attributes every bracket to the placer", () => {
    const { runs } = parse("[x] [y [z]]");
    for (const b of listBrackets(runs)) expect(b.bracket).toMatchObject(placer);
  });
});

describe("drawing brackets", () => {
  const b = (id: string, at: string, alt: string | null = null): BracketAttrs => ({ ...placer, id, at, alt });

  it("closes and reopens the inner bracket where two brackets cross", () => {
    const outer = b("o", "1");
    const inner = b("i", "2");
    const tokens = bracketTokens([
      { text: "aa", brackets: [outer] },
      { text: "bb", brackets: [outer, inner] },
      { text: "cc", brackets: [inner] },
    ]);
    expect(isBalanced(tokens)).toBe(true);
    expect(bracketedText([
      { text: "aa", brackets: [outer] },
      { text: "bb", brackets: [outer, inner] },
      { text: "cc", brackets: [inner] },
    ])).toBe("[aa[bb]][cc]");
  });
});

/** Random edits by two users on one paragraph, synced at random moments. */
type Op =
  | { user: 0 | 1; kind: "insert"; at: number; text: string }
  | { user: 0 | 1; kind: "delete"; at: number; length: number }
  | { user: 0 | 1; kind: "bracket"; at: number; length: number }
  | { user: 0 | 1; kind: "unbracket"; at: number; length: number }
  | { user: 0 | 1; kind: "sync" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ user: fc.constantFrom(0 as const, 1 as const), kind: fc.constant("insert" as const), at: fc.nat(60), text: fc.constantFrom("a", "bc", "[", "]", " word ") }),
  fc.record({ user: fc.constantFrom(0 as const, 1 as const), kind: fc.constant("delete" as const), at: fc.nat(60), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ user: fc.constantFrom(0 as const, 1 as const), kind: fc.constant("bracket" as const), at: fc.nat(60), length: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ user: fc.constantFrom(0 as const, 1 as const), kind: fc.constant("unbracket" as const), at: fc.nat(60), length: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ user: fc.constantFrom(0 as const, 1 as const), kind: fc.constant("sync" as const) }),
);

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("bracket balance under random concurrent edits", () => {
  it("always draws balanced brackets, and both users converge to the same brackets", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const docs = [new Y.Doc(), new Y.Doc()] as const;
        docs[0].get("p", Y.XmlText).insert(0, "The Internet Governance Forum shall meet annually.");
        sync(docs[0], docs[1]);
        let n = 0;
        for (const op of ops) {
          if (op.kind === "sync") {
            sync(docs[0], docs[1]);
            continue;
          }
          const text = docs[op.user].get("p", Y.XmlText);
          const at = Math.min(op.at, text.length);
          if (op.kind === "insert") text.insert(at, op.text);
          else if (op.kind === "delete") text.delete(at, Math.min(op.length, text.length - at));
          else if (op.kind === "bracket") {
            const id = `u${op.user}-${++n}`;
            text.format(at, Math.min(op.length, text.length - at), {
              [`bracket--${id}`]: { ...placer, id, alt: null, at: `2026-11-22T10:00:${String(n % 60).padStart(2, "0")}Z` },
            });
          } else {
            const delta = text.toDelta() as { attributes?: Record<string, unknown> }[];
            const keys = new Set(delta.flatMap((d) => Object.keys(d.attributes ?? {})));
            const key = [...keys][0];
            if (key) text.format(at, Math.min(op.length, text.length - at), { [key]: null });
          }
          const tokens = bracketTokens(runsFromDelta(text.toDelta()));
          if (!isBalanced(tokens)) return false;
        }
        sync(docs[0], docs[1]);
        const [a, b] = docs.map((d) => runsFromDelta(d.get("p", Y.XmlText).toDelta()));
        expect(bracketedText(a!)).toBe(bracketedText(b!));
        expect(isBalanced(bracketTokens(a!))).toBe(true);
        // Typed bracket characters are text, never brackets: they do not change the bracket count.
        expect(listBrackets(a!).length).toBeLessThanOrEqual(n);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
