import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UserView } from "../../schemas/api.js";
import { authorizeChanges } from "../../server/collab/authorizeChanges.js";
import { listBrackets } from "../../shared/brackets/tokens.js";
import { checkChanges, closeCodeOf, type BlockChange, type BlockState } from "../../shared/document/changeRules.js";
import { bracket, people } from "./docBuilder.js";

const users = Object.values(people) as UserView[];
const placers = [people.arcadia, people.civil, people.chair];

const blockState = fc.record({
  pid: fc.constantFrom("p1", "p2", "p3"),
  status: fc.constantFrom("open" as const, "agreed" as const, "deleted" as const),
  text: fc.constantFrom("alpha", "beta"),
  brackets: fc.subarray(["b1", "b2", "b3"]),
  owner: fc.integer({ min: 0, max: 2 }),
  alt: fc.constantFrom(null, "s1"),
}).map(({ pid, status, text, brackets, owner, alt }): BlockState => {
  const runs = brackets.map((id, i) => ({ text: `${text}${i}`, brackets: [bracket(id, placers[(owner + i) % 3]!, { alt })] }));
  return {
    pid, kind: "paragraph", status, frozenLabel: null, level: 1, text: runs.map((r) => r.text).join("") || text,
    brackets: new Map(listBrackets(runs).map((b) => [b.bracket.id, b])),
  };
});

const change: fc.Arbitrary<BlockChange> = fc.oneof(
  blockState.map((after) => ({ kind: "added" as const, after })),
  blockState.map((before) => ({ kind: "deleted" as const, before })),
  fc.tuple(blockState, blockState).map(([before, after]) => ({ kind: "changed" as const, before, after: { ...after, pid: before.pid } })),
);

describe("the client's copy of the change rules", () => {
  it("refuses exactly what the server refuses, with the same close code", () => {
    fc.assert(
      fc.property(fc.constantFrom(...users), fc.array(change, { maxLength: 3 }), (user, changes) => {
        const server = authorizeChanges(user, changes, (pid) => pid);
        const client = checkChanges(user, changes);
        expect(client === null).toBe(server === null);
        if (client && server) expect(closeCodeOf(client)).toBe(server.code);
      }),
      { numRuns: 2000 },
    );
  });
});
