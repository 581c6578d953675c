import { StakeholderGroup } from "../../schemas/domain.js";
import type { PresenceUser } from "../../shared/collab/presence.js";
import type { PresentPerson } from "./usePresence.js";

/** One window's presence as the server stamped it. */
export interface PresentWindow extends PresenceUser {
  clientId: number;
}

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
 * The windows present as people: one entry per account (`user.id`, which
 * the server stamps), with how many windows it has open; `selfId`'s entry
 * is marked as this window's own and comes first, then by name. The entry
 * keeps the first window's client id, as its key.
 */
export function peopleOf(windows: readonly PresentWindow[], selfId: string | null, locale?: string): PresentPerson[] {
  const byAccount = new Map<string, PresentPerson>();
  for (const { clientId, ...user } of windows) {
    const known = byAccount.get(user.id);
    if (known) known.windows += 1;
    else byAccount.set(user.id, { ...user, clientId, windows: 1, isSelf: user.id === selfId });
  }
  const collator = new Intl.Collator(locale);
  return [...byAccount.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.name, b.name));
}

/**
 * The people present grouped as the room thinks of them: by stakeholder
 * group in the WSIS order, people of no group (the secretariat, the
 * facilitators) first, then by delegation in alphabetical order, each person
 * by name. The signed-in account's own entry stays first in its delegation.
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
