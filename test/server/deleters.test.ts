import { describe, expect, it } from "vitest";
import type { Author } from "../../schemas/api.js";
import { deletersOf } from "../../server/compare/compareDocument.js";

const people: Record<string, Author> = {
  u1: { name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" },
  u2: { name: "Tomas Halvorsen", delegation: "Kingdom of Borealia", group: "governments" },
};

describe("who deleted items, from the room's record", () => {
  const who = deletersOf([
    { client: 1, clock: 10, length: 2, deleter: "u2" },
    { client: 1, clock: 5, length: 3, deleter: "u1" },
    { client: 2, clock: 0, length: 4, deleter: "u2" },
  ], (id) => people[id] ?? null);
  const names = (pieces: { length: number; author: Author | null }[]) => pieces.map((p) => [p.length, p.author?.delegation ?? null]);

  it("cuts an item run where recorded deletions start and end, whatever order they were recorded in", () => {
    expect(names(who(1, 3, 12))).toEqual([[2, null], [3, "Republic of Arcadia"], [2, null], [2, "Kingdom of Borealia"], [3, null]]);
    expect(names(who(1, 6, 1))).toEqual([[1, "Republic of Arcadia"]]);
    expect(names(who(1, 8, 2))).toEqual([[2, null]]);
    expect(names(who(1, 11, 4))).toEqual([[1, "Kingdom of Borealia"], [3, null]]);
  });

  it("names nobody for a client that deleted nothing, or a deleter no longer known", () => {
    expect(names(who(3, 0, 5))).toEqual([[5, null]]);
    const unknown = deletersOf([{ client: 1, clock: 0, length: 2, deleter: "gone" }], () => null);
    expect(names(unknown(1, 0, 2))).toEqual([[2, null]]);
  });
});
