import { StakeholderGroup } from "../../schemas/domain.js";
import type { PresentPerson } from "./usePresence.js";

/** The people of one delegation (or, with `delegation` null, those who speak for none: secretariat, facilitators). */
export interface PresentDelegation {
  delegation: string | null;
  people: PresentPerson[];
}

/** One stakeholder group in the room (null: people of no group), with its delegations. */
export interface PresentGroup {
  group: StakeholderGroup | null;
  count: number;
  delegations: PresentDelegation[];
}

/**
 * The people present grouped as the room thinks of them: by stakeholder
 * group in the WSIS order, people of no group (the secretariat, the
 * facilitators) first, then by delegation in alphabetical order, each person
 * by name. The window's own entry stays first in its delegation.
 */
export function groupPresence(people: PresentPerson[], locale?: string): PresentGroup[] {
  const collator = new Intl.Collator(locale);
  const byGroup = new Map<StakeholderGroup | null, Map<string | null, PresentPerson[]>>();
  for (const person of people) {
    const delegations = byGroup.get(person.group) ?? new Map<string | null, PresentPerson[]>();
    byGroup.set(person.group, delegations);
    const list = delegations.get(person.delegation) ?? [];
    delegations.set(person.delegation, list);
    list.push(person);
  }
  const order: (StakeholderGroup | null)[] = [null, ...StakeholderGroup.options];
  return order.flatMap((group) => {
    const delegations = byGroup.get(group);
    if (!delegations) return [];
    const sorted = [...delegations.entries()]
      .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : collator.compare(a, b)))
      .map(([delegation, list]) => ({
        delegation,
        people: [...list].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.name, b.name)),
      }));
    return [{ group, count: sorted.reduce((n, d) => n + d.people.length, 0), delegations: sorted }];
  });
}
