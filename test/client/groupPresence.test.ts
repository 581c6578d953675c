import { describe, expect, it } from "vitest";
import type { StakeholderGroup } from "../../schemas/domain.js";
import { groupPresence } from "../../client/collab/groupPresence.js";
import type { PresentPerson } from "../../client/collab/usePresence.js";

let nextId = 1;
function person(name: string, delegation: string | null, group: StakeholderGroup | null, isSelf = false): PresentPerson {
  return { clientId: nextId++, id: name, name, delegation, group, role: delegation ? "delegate" : "facilitator", color: "#000000", isSelf };
}

describe("the room grouped by stakeholder group and delegation", () => {
  it("puts people without a group first, then the groups in the WSIS order, delegations alphabetically", () => {
    const groups = groupPresence([
      person("Amara Diallo", "Civil Voices", "civil_society"),
      person("Tomas Halvorsen", "Borealia", "governments"),
      person("Elena Marek", "Arcadia", "governments"),
      person("Jonas Lindqvist", null, null),
      person("Ana Ruiz", "Arcadia", "governments"),
    ], "en");
    expect(groups.map((g) => [g.group, g.count])).toEqual([[null, 1], ["governments", 3], ["civil_society", 1]]);
    const governments = groups[1]!;
    expect(governments.delegations.map((d) => [d.delegation, d.people.map((p) => p.name)])).toEqual([
      ["Arcadia", ["Ana Ruiz", "Elena Marek"]],
      ["Borealia", ["Tomas Halvorsen"]],
    ]);
  });

  it("keeps this window first in its delegation and leaves out groups nobody is in", () => {
    const groups = groupPresence([
      person("Ana Ruiz", "Arcadia", "governments"),
      person("Zoe Zhang", "Arcadia", "governments", true),
    ], "en");
    expect(groups).toHaveLength(1);
    expect(groups[0]!.delegations[0]!.people.map((p) => p.name)).toEqual(["Zoe Zhang", "Ana Ruiz"]);
  });

  it("counts every person of a large room once", () => {
    const people = Array.from({ length: 300 }, (_, i) =>
      person(`Delegate ${i}`, `Delegation ${i % 40}`, (["governments", "private_sector", "academia_technical"] as const)[i % 3]!));
    const groups = groupPresence(people, "en");
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(300);
    expect(groups.flatMap((g) => g.delegations).reduce((n, d) => n + d.people.length, 0)).toBe(300);
  });
});
