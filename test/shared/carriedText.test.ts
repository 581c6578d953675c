import { describe, expect, it } from "vitest";
import { CarriedText } from "../../shared/attribution/carriedText.js";

describe("carried text ranges", () => {
  const carried = new CarriedText<string | null>();
  carried.add([
    { client: 7, clock: 20, length: 5, author: "arcadia" },
    { client: 7, clock: 10, length: 5, author: null },
    { client: 9, clock: 0, length: 3, author: "civil" },
  ]);

  it("splits a run of items into own and carried pieces, in order", () => {
    expect(carried.slices(7, 8, 20)).toEqual([
      { length: 2, carried: false },
      { length: 5, carried: true, author: null },
      { length: 5, carried: false },
      { length: 5, carried: true, author: "arcadia" },
      { length: 3, carried: false },
    ]);
    expect(carried.slices(7, 12, 2)).toEqual([{ length: 2, carried: true, author: null }]);
    expect(carried.slices(7, 23, 4)).toEqual([{ length: 2, carried: true, author: "arcadia" }, { length: 2, carried: false }]);
    expect(carried.slices(8, 0, 4)).toEqual([{ length: 4, carried: false }]);
  });

  it("keeps the first record of a range added twice (a batch checked again after a failed write)", () => {
    carried.add([{ client: 9, clock: 0, length: 3, author: "someone else" }]);
    expect(carried.slices(9, 0, 3)).toEqual([{ length: 3, carried: true, author: "civil" }]);
    expect(carried.all()).toHaveLength(3);
  });
});
