import type { UserView } from "../../schemas/api.js";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { can } from "../../shared/permissions.js";
import type { BlockChange, BlockState } from "./changeTracker.js";

/** Why an update is refused: the close code for the sender's socket and a sentence for the user. */
export interface Refusal {
  code: CloseCode;
  reason: string;
  pid: string | null;
}

/** Names a paragraph the way the room does ("OP7", "para 12"); falls back to a neutral phrase. */
export type LabelOf = (pid: string) => string;

const ATTRIBUTION_KEYS = ["userId", "name", "delegation", "group", "at"] as const;

function sameAttribution(a: BracketAttrs, b: BracketAttrs): boolean {
  return ATTRIBUTION_KEYS.every((k) => a[k] === b[k]);
}

function contentChanged(before: BlockState, after: BlockState): boolean {
  if (before.text !== after.text || before.brackets.size !== after.brackets.size) return true;
  for (const [id, b] of before.brackets) {
    const a = after.brackets.get(id);
    if (!a || a.text !== b.text || a.bracket.alt !== b.bracket.alt) return true;
  }
  return false;
}

const frozen = (state: BlockState) => state.status === "agreed" || state.status === "deleted";

/**
 * Checks the block changes of one update against the permission table and
 * the document's rules. Brackets are compared across the whole update, so a
 * bracket that moves (joining two paragraphs, cut and paste in one step)
 * is neither removed nor forged. Returns null when the update may be applied.
 */
export function authorizeChanges(user: UserView, changes: BlockChange[], labelOf: LabelOf): Refusal | null {
  if (changes.length > 0 && !can(user, "document.edit")) {
    return { code: CloseCode.Forbidden, reason: "Observers cannot change the document.", pid: null };
  }
  const before = new Map<string, BracketAttrs>();
  const after = new Map<string, BracketAttrs>();
  for (const change of changes) {
    if (change.kind !== "added") for (const b of change.before.brackets.values()) before.set(b.bracket.id, b.bracket);
    if (change.kind !== "deleted") for (const b of change.after.brackets.values()) after.set(b.bracket.id, b.bracket);

    if (change.kind === "changed") {
      const { before: was, after: now } = change;
      if (was.status !== now.status && !can(user, "paragraph.setStatus")) {
        return refuse(CloseCode.Forbidden, `Only a facilitator can change the status of ${labelOf(now.pid)}.`, now.pid);
      }
      if (frozen(was) && contentChanged(was, now) && !can(user, "paragraph.editAgreed")) {
        return refuse(CloseCode.Forbidden, `${labelOf(now.pid)} is ${was.status === "agreed" ? "agreed ad ref" : "deleted"}; only a facilitator can change its text.`, now.pid);
      }
    } else if (change.kind === "deleted") {
      if (frozen(change.before) && !can(user, "paragraph.editAgreed")) {
        return refuse(CloseCode.Forbidden, `${labelOf(change.before.pid)} is ${change.before.status === "agreed" ? "agreed ad ref" : "deleted"}; only a facilitator can remove it.`, change.before.pid);
      }
    } else if (change.after.status !== "open" && !can(user, "paragraph.setStatus")) {
      return refuse(CloseCode.Forbidden, "Only a facilitator can add a paragraph that is not open.", change.after.pid);
    }
  }

  for (const [id, bracket] of before) {
    const now = after.get(id);
    if (!now) {
      if (bracket.userId !== user.id && !can(user, "bracket.resolve")) {
        return refuse(CloseCode.Forbidden, `Only a facilitator can take off brackets placed by ${bracket.delegation ?? bracket.name}.`, null);
      }
    } else if (!sameAttribution(bracket, now)) {
      return refuse(CloseCode.Forbidden, "A bracket's attribution cannot be changed.", null);
    }
  }
  for (const [id, bracket] of after) {
    if (before.has(id)) continue;
    if (!can(user, "bracket.place")) return refuse(CloseCode.Forbidden, "You cannot place brackets.", null);
    if (bracket.userId !== user.id || bracket.name !== user.displayName ||
      bracket.delegation !== (user.delegation?.name ?? null) || bracket.group !== (user.delegation?.stakeholderGroup ?? null)) {
      return refuse(CloseCode.Forbidden, "A new bracket must be attributed to the person placing it.", null);
    }
  }

  for (const change of changes) {
    if (change.kind === "deleted") continue;
    if (change.after.status === "agreed" && change.after.brackets.size > 0) {
      const n = change.after.brackets.size;
      return refuse(CloseCode.InvalidChange,
        `${labelOf(change.after.pid)} cannot be agreed ad ref while it contains ${n} bracket${n === 1 ? "" : "s"}.`, change.after.pid);
    }
  }
  return null;
}

function refuse(code: CloseCode, reason: string, pid: string | null): Refusal {
  return { code, reason, pid };
}
