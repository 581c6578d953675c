import type { BracketPlacer } from "../../schemas/brackets.js";
import type { StakeholderGroup } from "../../schemas/domain.js";
import { newPid } from "../paragraphs/pid.js";

/** What identifies a person on a bracket: the fields of a signed-in user that the server stamps and checks. */
export interface BracketIdentity {
  id: string;
  displayName: string;
  delegation: { name: string; stakeholderGroup: StakeholderGroup } | null;
}

/**
 * The attribution a new bracket must carry when `user` places it; exactly
 * what the server demands of every new bracket id (name, delegation and group
 * as in the user's account at the moment of placing).
 */
export function placerOf(user: BracketIdentity): BracketPlacer {
  return {
    userId: user.id,
    name: user.displayName,
    delegation: user.delegation?.name ?? null,
    group: user.delegation?.stakeholderGroup ?? null,
  };
}

/** A fresh id for a bracket or a set of alternatives (same random format as paragraph ids). */
export function newBracketId(): string {
  return newPid();
}
