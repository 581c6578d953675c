import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import type { BracketIdentity } from "../../shared/brackets/placer.js";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { bracketOwner, type RefusalReason } from "../../shared/collab/refusalReason.js";
import type { DecodedUpdate } from "../../shared/collab/readUpdate.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { PARAGRAPH_RULES, permits } from "../../shared/documentRules.js";
import { can } from "../../shared/permissions.js";
import { auditEntries, type AuditEntry } from "./auditTrail.js";
import { authorizeChanges, refusalOf, type LabelOf, type Refusal } from "./authorizeChanges.js";
import type { BlockTracker, TouchedBlocks } from "./blockTracker.js";
import { captureMovedText, carryMovedText } from "./findCarriedText.js";
import { checkItems, type ItemViolation } from "./itemRules.js";
import { deletedText, readTransactionItems, runOwnTransaction } from "./ownTransaction.js";

export { refusalOf, type Refusal } from "./authorizeChanges.js";

/** Who an update is checked as: a session's user, possibly applying someone's proposal (shared/document/changeRules.ts `actingFor`). */
export type Actor = UserView & { actingFor?: BracketIdentity };

/** A change made on a user's behalf that the rules refused: nothing of it is kept. */
export class ChangeRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** Who wrote what so far: for finding the authors of words an update moves. */
export interface Authorship {
  /** The author of an existing character (a user id, or null for the draft's own text). */
  authorOf(client: number, clock: number): string | null;
  /** The user a client id is bound to, or null. */
  ownerOf(client: number): string | null;
}

/** A document updates are tried on, and what the rules know of its blocks. */
export interface Candidate {
  doc: Y.Doc;
  tracker: BlockTracker;
}

/** An update the rules accept: exactly what it changed, to store and send, and what follows from it. */
export interface Accepted {
  ok: true;
  /** The update as Yjs applied it (V1, nothing unread, nothing it did not change), or null if it changed nothing. */
  applied: Uint8Array | null;
  audit: AuditEntry[];
  /** Words the update moved (split, join), with their true authors. */
  carried: CarriedRange<string | null>[];
  /** The items it deleted (that existed before it), for the record of who deleted what. */
  deleted: { client: number; clock: number; length: number }[];
  /** For committing the tracker once the update is kept. */
  touched: TouchedBlocks | null;
}

/** The verdict on one update. */
export type Verdict = Accepted | { ok: false; refusal: Refusal };

const refused = (code: CloseCode, rule: RefusalReason, reason: string, pid: string | null = null): Verdict =>
  ({ ok: false, refusal: { code, rule, reason, pid } });

/** The refusal of an item-level violation: its rule for the close frame, and the English sentence of the record. */
function describeItem(v: ItemViolation, labelOf: LabelOf): Refusal {
  switch (v.rule) {
    case "notDescribed":
      return { code: CloseCode.InvalidChange, rule: { rule: v.rule }, reason: `The document has no place for ${v.what}.`, pid: null };
    case "invalidValue":
      return { code: CloseCode.InvalidChange, rule: { rule: v.rule }, reason: `The change sets an invalid value: ${v.what}.`, pid: null };
    case "frozenItem": {
      const { pid, status } = v.state;
      const word = status === "agreed" ? "agreed ad ref" : "deleted";
      return {
        code: CloseCode.Forbidden, rule: { rule: v.rule, pid, status: status === "agreed" ? "agreed" : "deleted" },
        reason: `${labelOf(pid)} is ${word}; only a facilitator can change anything in it.`, pid,
      };
    }
    case "othersBracketedWords":
      return {
        code: CloseCode.Forbidden, rule: { rule: v.rule, who: bracketOwner(v.bracket) }, pid: null,
        reason: `Words bracketed by ${bracketOwner(v.bracket)} can be added to, not taken out, moved or re-typed (words the sender added inside it excepted).`,
      };
  }
}

/**
 * The authorization step: applies one update to the room's working copy and
 * decides whether every change it makes is described by the allow-list and
 * permitted to `user` (shared/documentRules.ts, shared/permissions.ts):
 * item by item (where each new item stands, its values; nothing inside a
 * frozen paragraph; no one else's bracketed words deleted), then paragraph
 * by paragraph, paired by pid (attributes, status, brackets, frozen text,
 * revised paragraphs kept, no pid on two blocks). A refused update leaves the
 * working copy changed: the caller rolls it back.
 */
export function authorizeUpdate(
  candidate: Candidate,
  update: Uint8Array,
  decoded: DecodedUpdate,
  user: Actor,
  authorship: Authorship,
  labelOf: LabelOf,
): Verdict {
  const { doc, tracker } = candidate;
  // Read before applying: once applied, deleted text is gone.
  const moved = captureMovedText(doc, decoded, authorship.authorOf);
  let touched: TouchedBlocks | null = null;
  let itemViolation: ItemViolation | null = null;
  let deleted: Accepted["deleted"] = [];
  const read = (transaction: Y.Transaction) => {
    const items = readTransactionItems(transaction);
    deleted = deletedText(transaction, items);
    touched = tracker.touched(transaction, items);
    itemViolation = checkItems(transaction, items, {
      fragment: contentOf(doc),
      stateBefore: (element) => tracker.stateBefore(element),
      mayEditFrozen: permits(PARAGRAPH_RULES.editFrozen, (a) => can(user, a)),
      mayResolveBrackets: permits(PARAGRAPH_RULES.resolveOthersBracket, (a) => can(user, a)),
      userId: user.id,
      wrote: (client, clock) => authorship.authorOf(client, clock) === user.id,
    });
  };
  // An update that only inserts, all of it new, is applied exactly as sent (it has been read to its last byte):
  // its bytes are what was applied. Anything else is stored as Yjs encodes what it really changed.
  const insertsOnlyNew = decoded.ds.clients.size === 0 &&
    decoded.structs.every((s) => s.id.clock >= Y.getState(doc.store, s.id.client));
  let applied: Uint8Array | null;
  try {
    applied = runOwnTransaction(doc, () => Y.applyUpdate(doc, update, candidate), read, !insertsOnlyNew);
    if (insertsOnlyNew) applied = decoded.structs.length > 0 ? update : null;
  } catch (err) {
    return refused(CloseCode.MalformedMessage, { rule: "unappliable" }, `The update could not be applied: ${(err as Error).message}`.slice(0, 120));
  }
  // Clients only ever know what came through the server. An update that deletes or builds on
  // content the server does not have would lie in wait and take effect on later edits unchecked.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    return refused(CloseCode.InvalidChange, { rule: "unknownText" }, "The change refers to text the server does not have.");
  }
  const items = itemViolation as ItemViolation | null;
  if (items && (items.rule === "notDescribed" || items.rule === "invalidValue")) return { ok: false, refusal: describeItem(items, labelOf) };
  const blocks = touched as TouchedBlocks | null;
  if (blocks) {
    const { changes, duplicates, movedRevised } = tracker.changes(blocks);
    const withoutPid = changes.find((c) => c.kind !== "deleted" && !c.after.pid);
    if (withoutPid) return refused(CloseCode.InvalidChange, { rule: "missingPid" }, "Every block needs a pid.");
    if (duplicates.length > 0) {
      const { pid } = duplicates[0]!;
      return refused(CloseCode.InvalidChange, { rule: "duplicatePid", pid }, `The pid ${pid} would be on two blocks.`, pid);
    }
    if (movedRevised.length > 0) {
      return { ok: false, refusal: refusalOf({ rule: "removeRevised", pid: movedRevised[0]! }, labelOf) };
    }
    const refusal = authorizeChanges(user, changes, labelOf, tracker.earlier);
    if (refusal) return { ok: false, refusal };
    if (items) return { ok: false, refusal: describeItem(items, labelOf) };
    return {
      ok: true,
      applied,
      audit: auditEntries(changes),
      carried: moved && applied ? carryMovedText(doc, moved, authorship.ownerOf) : [],
      deleted,
      touched: blocks,
    };
  }
  return { ok: true, applied, audit: [], carried: [], deleted, touched: null };
}
