import type { BracketAttrs } from "../../schemas/brackets.js";
import type { ParagraphStatus, Role } from "../../schemas/domain.js";
import type { BracketIdentity } from "../brackets/placer.js";
import type { BracketSummary } from "../brackets/tokens.js";
import { CloseCode } from "../collab/closeCodes.js";
import { ATTRIBUTES, MARKS, nodeRule, PARAGRAPH_RULES, permits, validAttribute, type AttributeName, type AttributeRule } from "../documentRules.js";
import { can, type Action } from "../permissions.js";

/** What the rules need to know of a block at one moment. */
export interface BlockState {
  pid: string;
  kind: string;
  status: ParagraphStatus;
  frozenLabel: string | null;
  level: number;
  /** The attributes of the block as stored (the table's rules compare them). */
  attributes: Partial<Record<AttributeName, unknown>>;
  text: string;
  /**
   * The block's content with its marks, in a form both readers (Yjs and
   * ProseMirror) produce alike: equal exactly when nothing inside changed.
   * Read only for blocks agreed or marked deleted, the only ones whose
   * content the rules compare ({@link isFrozenStatus}); empty for open ones.
   */
  content: string;
  brackets: Map<string, BracketSummary>;
}

/** How one top-level block changed in one update. */
export type BlockChange =
  | { kind: "added"; after: BlockState }
  | { kind: "deleted"; before: BlockState }
  | { kind: "changed"; before: BlockState; after: BlockState };

/** Who makes the change: their role in the document and the identity new brackets must carry. */
export interface RuleUser extends BracketIdentity {
  role: Role;
  /**
   * Whose proposal the user is applying (a facilitator writing a submitted
   * proposal into the draft): new brackets may then carry this person's
   * identity, where the permission table allows it (PARAGRAPH_RULES.placeForProposer).
   */
  actingFor?: BracketIdentity;
}

/** Which rule a change breaks, with what a message about it needs. */
export type RuleViolation =
  | { rule: "readOnly" }
  | { rule: "statusChange"; pid: string }
  /** An attribute only a facilitator, or only a revision, may change (level, part, frozen label). */
  | { rule: "attributeChange"; pid: string; attribute: AttributeName }
  /** A block of one type became another. */
  | { rule: "kindChange"; pid: string }
  /** A paragraph of the last revision removed or merged into another: a facilitator marks it deleted instead. */
  | { rule: "removeRevised"; pid: string }
  /** A block without an attribute its type must carry (status, level, part). */
  | { rule: "missingAttribute"; pid: string; attribute: AttributeName }
  /** An attribute with a value the table does not allow. */
  | { rule: "invalidAttribute"; pid: string; attribute: AttributeName }
  | { rule: "frozenText"; pid: string; status: "agreed" | "deleted" }
  | { rule: "frozenRemove"; pid: string; status: "agreed" | "deleted" }
  | { rule: "addNotOpen"; pid: string }
  /** Words of someone else's bracket deleted, moved to another paragraph (their Yjs items deleted), or unbracketed. */
  | { rule: "removeOthersBracket"; bracket: BracketAttrs }
  | { rule: "attributionChanged" }
  | { rule: "placeBracket" }
  | { rule: "forgedBracket" }
  | { rule: "agreedWithBrackets"; pid: string; count: number };

const ATTRIBUTION_KEYS = ["userId", "name", "delegation", "group", "at"] as const;

function sameAttribution(a: BracketAttrs, b: BracketAttrs): boolean {
  return ATTRIBUTION_KEYS.every((k) => a[k] === b[k]);
}

/** Whether the user may do what the table gives to `who`. */
function allowed(user: RuleUser, who: Parameters<typeof permits>[0]): boolean {
  return permits(who, (action: Action) => can(user, action));
}

/**
 * The first attribute whose value differs between two states, or whose value
 * on a new block needs more than `create`. A block that changes type is
 * checked on the attributes of both types: losing a frozen label is changing it.
 */
function attributeViolation(user: RuleUser, kind: string, before: BlockState | null, after: BlockState): RuleViolation | null {
  const own = nodeRule(kind)?.attributes ?? [];
  const names = before && before.kind !== kind ? new Set<AttributeName>([...nodeRule(before.kind)?.attributes ?? [], ...own]) : own;
  for (const name of names) {
    const rule: AttributeRule = ATTRIBUTES[name];
    const value = after.attributes[name];
    // A pid is given by pid integrity in the same dispatch; the server checks it is there.
    if (rule.required && name !== "pid" && value === undefined && own.includes(name)) {
      return { rule: "missingAttribute", pid: after.pid, attribute: name };
    }
    // A value the block already had was checked when it was set.
    if (value !== undefined && (!before || before.attributes[name] !== value) && !validAttribute(rule, value)) {
      return { rule: "invalidAttribute", pid: after.pid, attribute: name };
    }
    // An attribute not stored reads as its default.
    const valueIn = (state: BlockState) => state.attributes[name] ?? rule.default ?? null;
    const now = valueIn(after);
    if (before) {
      if (valueIn(before) === now || name === "pid") continue;
      if (allowed(user, rule.change)) continue;
    } else {
      const atDefault = !("default" in rule) || now === rule.default;
      if (atDefault ? allowed(user, rule.create) : allowed(user, rule.change)) continue;
    }
    if (name === "status") return before ? { rule: "statusChange", pid: after.pid } : { rule: "addNotOpen", pid: after.pid };
    return { rule: "attributeChange", pid: after.pid, attribute: name };
  }
  return null;
}

/** Content that existed earlier in a document, by what identifies it. */
export interface EarlierContent {
  /**
   * A bracket with exactly these attributes: undoing "remove brackets" puts it
   * back, allowed to facilitators and to the bracket's placer.
   */
  bracket(bracket: BracketAttrs): boolean;
  /** A paragraph with this pid carried this imported label: undoing its deletion restores it with its label. */
  importedLabel(pid: string, label: string): boolean;
}

/** Nothing is known to have existed earlier. */
export const NOTHING_EARLIER: EarlierContent = { bracket: () => false, importedLabel: () => false };

/**
 * A new block as the attribute rules judge it: an imported label its pid
 * carried earlier is a restoration (an undone deletion), read as if absent;
 * any other label on a new block is a forgery only an import may write.
 */
function restoredLabel(state: BlockState, earlier: EarlierContent): BlockState {
  const label = state.attributes.importedLabel;
  if (typeof label !== "string" || !earlier.importedLabel(state.pid, label)) return state;
  const { importedLabel: _restored, ...attributes } = state.attributes;
  return { ...state, attributes };
}

/** Whether a paragraph in this status is frozen for everyone but facilitators. */
export function isFrozenStatus(status: ParagraphStatus): status is "agreed" | "deleted" {
  return status === "agreed" || status === "deleted";
}

function frozenStatus(state: BlockState): "agreed" | "deleted" | null {
  return isFrozenStatus(state.status) ? state.status : null;
}

/**
 * Checks the block changes of one update against the permission table and
 * the document's rules, exactly as the server's room does before it stores
 * an update (server/collab/authorizeChanges.ts). The browser runs it to
 * prevent what the server would refuse. Brackets are compared across the
 * whole update, so a bracket that moves is neither removed nor forged.
 * Which characters another delegation's bracket covers is checked one
 * character at a time by the caller, which sees them (the server's item
 * rules, server/collab/itemRules.ts; the editor's model of the Yjs update it
 * writes, client/editor/model/yjsWriteRules.ts): blocks show only text.
 * Returns null when the change is allowed.
 */
export function checkChanges(
  user: RuleUser,
  changes: BlockChange[],
  /** What existed earlier in the document: putting it back (an undo) restores it, it does not forge it. */
  earlier: EarlierContent = NOTHING_EARLIER,
): RuleViolation | null {
  const existedBefore = (bracket: BracketAttrs) => earlier.bracket(bracket);
  if (changes.length > 0 && !can(user, "document.edit")) return { rule: "readOnly" };
  const before = new Map<string, BracketAttrs>();
  const after = new Map<string, BracketAttrs>();
  for (const change of changes) {
    if (change.kind !== "added") {
      for (const b of change.before.brackets.values()) before.set(b.bracket.id, b.bracket);
    }
    if (change.kind !== "deleted") {
      for (const b of change.after.brackets.values()) after.set(b.bracket.id, b.bracket);
    }

    if (change.kind === "changed") {
      const { before: was, after: now } = change;
      if (was.kind !== now.kind && !can(user, "paragraph.setStatus")) return { rule: "kindChange", pid: now.pid };
      const attribute = attributeViolation(user, now.kind, was, now);
      if (attribute) return attribute;
      const frozen = frozenStatus(was);
      if (frozen && was.content !== now.content && !allowed(user, PARAGRAPH_RULES.editFrozen)) {
        return { rule: "frozenText", pid: now.pid, status: frozen };
      }
    } else if (change.kind === "deleted") {
      // A paragraph of the last revision stays for everyone, agreed or not: that is the rule to name.
      if (change.before.frozenLabel !== null && !allowed(user, PARAGRAPH_RULES.removeRevised)) {
        return { rule: "removeRevised", pid: change.before.pid };
      }
      const frozen = frozenStatus(change.before);
      if (frozen && !allowed(user, PARAGRAPH_RULES.editFrozen)) return { rule: "frozenRemove", pid: change.before.pid, status: frozen };
    } else {
      const attribute = attributeViolation(user, change.after.kind, null, restoredLabel(change.after, earlier));
      if (attribute) return attribute;
    }
  }

  for (const [id, bracket] of before) {
    const now = after.get(id);
    if (!now) {
      if (bracket.userId !== user.id && !allowed(user, PARAGRAPH_RULES.resolveOthersBracket)) return { rule: "removeOthersBracket", bracket };
    } else if (!sameAttribution(bracket, now)) {
      return { rule: "attributionChanged" };
    }
  }
  for (const [id, bracket] of after) {
    if (before.has(id)) continue;
    if (existedBefore(bracket) && (allowed(user, PARAGRAPH_RULES.resolveOthersBracket) || bracket.userId === user.id)) continue;
    if (!allowed(user, MARKS.bracket.place)) return { rule: "placeBracket" };
    const proposer = user.actingFor && allowed(user, PARAGRAPH_RULES.placeForProposer) ? user.actingFor : null;
    if (!placedBy(bracket, user) && !(proposer && placedBy(bracket, proposer))) return { rule: "forgedBracket" };
  }

  for (const change of changes) {
    if (change.kind === "deleted") continue;
    if (change.after.status === "agreed" && change.after.brackets.size > 0) {
      return { rule: "agreedWithBrackets", pid: change.after.pid, count: change.after.brackets.size };
    }
  }
  return null;
}

/** Whether a bracket carries exactly `person`'s identity as it stands in their account. */
function placedBy(bracket: BracketAttrs, person: BracketIdentity): boolean {
  return bracket.userId === person.id && bracket.name === person.displayName &&
    bracket.delegation === (person.delegation?.name ?? null) && bracket.group === (person.delegation?.stakeholderGroup ?? null);
}

/** The close code with which the server refuses an update breaking this rule. */
export function closeCodeOf(violation: RuleViolation): CloseCode {
  const invalid: RuleViolation["rule"][] = ["agreedWithBrackets", "missingAttribute", "invalidAttribute"];
  return invalid.includes(violation.rule) ? CloseCode.InvalidChange : CloseCode.Forbidden;
}
