import type { Node as PmNode } from "@tiptap/pm/model";
import type { BracketAttrs } from "../../../schemas/brackets.js";
import type { ParagraphStatus } from "../../../schemas/domain.js";
import { isFrozenStatus, type RuleUser } from "../../../shared/document/changeRules.js";
import { PARAGRAPH_RULES, permits } from "../../../shared/documentRules.js";
import { can } from "../../../shared/permissions.js";
import { bracketMarksOf } from "./bracketRanges.js";
import { yjsWrite, type YjsWrite } from "./yjsDeletions.js";

/*
 * The server's item rules (server/collab/itemRules.ts) applied to the Yjs
 * update the editor's binding will write for a transaction, as
 * ./yjsDeletions.ts models it: what the server would refuse, the editor
 * prevents.
 */

/**
 * The brackets not placed by `userId` on the character after `pos`, and
 * how many characters from `pos` on the same text node holds.
 */
function othersAt(doc: PmNode, pos: number, userId: string): { ids: Set<string>; brackets: BracketAttrs[]; length: number } {
  const $pos = doc.resolve(pos);
  const node = $pos.parent.maybeChild($pos.index());
  const brackets = bracketMarksOf(node).map(({ bracket }) => bracket).filter((b) => b.userId !== userId);
  const length = node?.isText ? node.nodeSize - $pos.textOffset : 1;
  return { ids: new Set(brackets.map((b) => b.id)), brackets, length };
}

/**
 * The first bracket of someone else that the Yjs update for this change
 * would delete characters of, or put on or take off characters it keeps,
 * when `user` may not resolve others' brackets; else null: the server's item
 * rule (server/collab/itemRules.ts), on the modelled update. Adding words
 * inside such a bracket deletes nothing; splitting a paragraph before or
 * inside it, joining its paragraph onto the one before, or an edit whose
 * diff reaches into it does. Characters `wroteAt` says the user wrote (a
 * position of `before`) are theirs to take back out.
 */
export function othersBracketChangedInYjs(
  user: RuleUser, before: PmNode, after: PmNode, wroteAt: (pos: number) => boolean = () => false,
  write: YjsWrite = yjsWrite(before, after),
): BracketAttrs | null {
  if (permits(PARAGRAPH_RULES.resolveOthersBracket, (action) => can(user, action))) return null;
  for (const { from, to, length } of write.reformatted) {
    // One comparison per stretch where neither document changes text node.
    for (let i = 0; i < length;) {
      const was = othersAt(before, from + i, user.id);
      const now = othersAt(after, to + i, user.id);
      const taken = was.brackets.find((b) => !now.ids.has(b.id));
      const put = now.brackets.find((b) => !was.ids.has(b.id));
      if (taken ?? put) return (taken ?? put)!;
      i += Math.min(was.length, now.length);
    }
  }
  for (const { from, to } of write.deletions) {
    let found: BracketAttrs | null = null;
    before.nodesBetween(from, to, (node, pos) => {
      if (found) return false;
      if (!node.isText) return true;
      const bracket = bracketMarksOf(node).find(({ bracket: b }) => b.userId !== user.id)?.bracket ?? null;
      if (!bracket) return false;
      for (let at = Math.max(from, pos); at < Math.min(to, pos + node.nodeSize); at++) {
        if (!wroteAt(at)) {
          found = bracket;
          break;
        }
      }
      return false;
    });
    if (found) return found;
  }
  return null;
}

/**
 * The first paragraph agreed ad ref or marked deleted whose Yjs element the
 * update for this change would touch, when `user` may not edit such text;
 * else null. Blocks are paired by pid for the rules, but y-tiptap pairs
 * elements by position: several blocks added or split in one transaction can
 * make it rewrite a frozen paragraph's element into a neighbour (its text
 * deleted, its attributes changed) and write the frozen paragraph anew, which
 * the server refuses like editing it.
 */
export function frozenBlockTouchedInYjs(user: RuleUser, before: PmNode, write: YjsWrite): { pid: string; status: "agreed" | "deleted" } | null {
  if (permits(PARAGRAPH_RULES.editFrozen, (action) => can(user, action))) return null;
  for (const pos of write.blocks) {
    const node = before.nodeAt(pos);
    const status = node?.attrs.status as ParagraphStatus | undefined;
    if (node && status !== undefined && isFrozenStatus(status)) return { pid: String(node.attrs.pid), status };
  }
  return null;
}
