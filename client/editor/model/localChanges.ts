import type { Node as PmNode } from "@tiptap/pm/model";
import type { Transaction } from "@tiptap/pm/state";
import { checkChanges, type BlockChange, type BlockState, type RuleUser, type RuleViolation } from "../../../shared/document/changeRules.js";
import { nodeRule, PARAGRAPH_RULES, permits, type Who } from "../../../shared/documentRules.js";
import { can } from "../../../shared/permissions.js";
import { blockStateOf, EARLIER_IN_THIS_WINDOW, pidOf, rememberImportedLabels } from "./pmBlocks.js";
import { blocksInRanges, touchedRanges } from "./touchedBlocks.js";
import { yjsWrite } from "./yjsDeletions.js";
import { frozenBlockTouchedInYjs, othersBracketChangedInYjs } from "./yjsWriteRules.js";

/** The first top-level block of `doc` carrying `pid`, or null. */
function findByPid(doc: PmNode, pid: string): PmNode | null {
  let found: PmNode | null = null;
  doc.forEach((node) => {
    if (!found && pidOf(node) === pid) found = node;
  });
  return found;
}

/**
 * The block changes a local transaction makes, shaped the way the server
 * sees the resulting Yjs update: blocks are paired by pid; a touched block
 * whose pid is gone was deleted, a touched block in the new document whose
 * pid is new (or repeats an earlier block's) was added.
 */
export function changesOf(tr: Transaction): BlockChange[] {
  const ranges = touchedRanges(tr);
  const changes: BlockChange[] = [];
  const paired = new Set<PmNode>();
  const beforePids = new Set<string>();
  for (const { node } of blocksInRanges(tr.before, ranges.before)) {
    const before = blockStateOf(node);
    const pid = pidOf(node);
    if (!before || pid === null || beforePids.has(pid)) continue;
    beforePids.add(pid);
    const now = findByPid(tr.doc, pid);
    const after = now ? blockStateOf(now) : null;
    if (now && after) {
      paired.add(now);
      changes.push({ kind: "changed", before, after });
    } else {
      changes.push({ kind: "deleted", before });
    }
  }
  let holders: Map<string, number> | null = null;
  for (const { node } of blocksInRanges(tr.doc, ranges.after)) {
    if (paired.has(node)) continue;
    const after = blockStateOf(node);
    if (!after) continue;
    // Unpaired: a new block, or a copy of one (the second half of a split copies every attribute),
    // which pid integrity renames in the same dispatch: checked as the update will carry it.
    const pid = pidOf(node);
    holders ??= pidHolders(tr.doc);
    changes.push({ kind: "added", after: pid === null || (holders.get(pid) ?? 0) > 1 ? asRenamed(after) : after });
  }
  return changes;
}

/** How many top-level blocks of `doc` carry each pid. */
function pidHolders(doc: PmNode): Map<string, number> {
  const holders = new Map<string, number>();
  doc.forEach((node) => {
    const pid = pidOf(node);
    if (pid !== null) holders.set(pid, (holders.get(pid) ?? 0) + 1);
  });
  return holders;
}

/** A block as pid integrity leaves a copy: a new paragraph, open, without a frozen label (client/editor/plugins/pidIntegrity.ts). */
function asRenamed(state: BlockState): BlockState {
  const { frozenLabel: _label, importedLabel: _imported, ...attributes } = state.attributes;
  if ((nodeRule(state.kind)?.attributes as readonly string[] | undefined)?.includes("status")) attributes.status = "open";
  return { ...state, pid: "", status: "open", frozenLabel: null, attributes };
}

/**
 * Whether the server would refuse this local transaction from `user`; the
 * rule it breaks, or null. Besides the block rules, the words of someone
 * else's bracket must survive the Yjs update the editor writes for it: a
 * split before them or a join that carries them to another paragraph deletes
 * them there and writes them anew, which the server refuses like deleting them
 * (except words the user wrote: `wroteAt`, a position of `tr.before`); and
 * an agreed or deleted paragraph must keep its Yjs element untouched.
 */
export function checkTransaction(tr: Transaction, user: RuleUser, wroteAt?: (pos: number) => boolean): RuleViolation | null {
  if (!tr.docChanged) return null;
  rememberImportedLabels(tr.before);
  const violation = checkChanges(user, changesOf(tr), EARLIER_IN_THIS_WINDOW);
  if (violation) return violation;
  // Those who may edit frozen text and resolve brackets (facilitators) break neither rule below.
  const allowed = (who: Who) => permits(who, (action) => can(user, action));
  if (allowed(PARAGRAPH_RULES.editFrozen) && allowed(PARAGRAPH_RULES.resolveOthersBracket)) return null;
  const write = yjsWrite(tr.before, tr.doc);
  const frozen = frozenBlockTouchedInYjs(user, tr.before, write);
  if (frozen) return { rule: "frozenText", ...frozen };
  const bracket = othersBracketChangedInYjs(user, tr.before, tr.doc, wroteAt, write);
  return bracket ? { rule: "removeOthersBracket", bracket } : null;
}
