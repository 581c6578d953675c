import { describe, expect, it } from "vitest";
import type { StakeholderGroup } from "../../schemas/domain.js";
import { groupPresence, peopleOf, type PresentWindow } from "../../client/collab/groupPresence.js";
import type { PresentPerson } from "../../client/collab/usePresence.js";

let nextId = 1;
function person(name: string, delegation: string | null, group: StakeholderGroup | null, isSelf = false): PresentPerson {
  return { clientId: nextId++, id: name, name, delegation, group, role: delegation ? "delegate" : "facilitator", color: "#000000", windows: 1, isSelf };
}

/** One window of the account `id`. */
function openWindow(clientId: number, id: string, name: string, delegation: string | null = "Arcadia"): PresentWindow {
  return { clientId, id, name, delegation, group: delegation ? "governments" : null, role: delegation ? "delegate" : "facilitator", color: "#000000" };
}

describe("the windows present as people", () => {
  it("counts one person with two windows once, with the number of windows", () => {
    const people = peopleOf([openWindow(11, "u-elena", "Elena Marek"), openWindow(12, "u-tomas", "Tomas Halvorsen"), openWindow(13, "u-elena", "Elena Marek")], null, "en");
    expect(people.map((p) => [p.name, p.windows, p.clientId])).toEqual([["Elena Marek", 2, 11], ["Tomas Halvorsen", 1, 12]]);
  });

  it("marks the signed-in account as this window's own, in every window of it, and puts it first", () => {
    const people = peopleOf([openWindow(21, "u-ana", "Ana Ruiz"), openWindow(22, "u-zoe", "Zoe Zhang"), openWindow(23, "u-zoe", "Zoe Zhang")], "u-zoe", "en");
    expect(people.map((p) => [p.name, p.isSelf, p.windows])).toEqual([["Zoe Zhang", true, 2], ["Ana Ruiz", false, 1]]);
  });

  it("keeps two people of the same name apart: the account decides, not the name", () => {
    const people = peopleOf([openWindow(31, "u-a", "Ana Ruiz"), openWindow(32, "u-b", "Ana Ruiz", "Borealia")], null, "en");
    expect(people).toHaveLength(2);
    expect(groupPresence(people, "en")[0]!.count).toBe(2);
  });
});

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
