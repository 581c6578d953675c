import * as Y from "yjs";
import { isBracketAttribute } from "../../shared/brackets/fromDelta.js";
import type { BlockState } from "../../shared/document/changeRules.js";
import { describeType } from "../../shared/document/validateContent.js";
import { attributeRule, markOfKey, nodeRule, validAttribute, validMarkValue } from "../../shared/documentRules.js";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { TransactionItems } from "./ownTransaction.js";

/** An item-level change the allow-list does not describe, or that this user may not make. */
export type ItemViolation =
  /** Content outside the document's one root, or in a place no node type may stand. */
  | { rule: "notDescribed"; what: string }
  /** An attribute or mark value the table does not allow. */
  | { rule: "invalidValue"; what: string }
  /** Any change inside a paragraph agreed ad ref or marked deleted, by someone who may not edit it. */
  | { rule: "frozenItem"; state: BlockState }
  /** A character inside another person's bracket deleted (removed, moved or re-typed). */
  | { rule: "othersBracketedWords"; bracket: BracketAttrs };

/** What the item rules need to know besides the transaction. */
export interface ItemContext {
  fragment: Y.XmlFragment;
  /** The state of a top-level element before this update, or undefined if the update created it. */
  stateBefore: (element: Y.XmlElement) => BlockState | null | undefined;
  /** The user may change paragraphs agreed ad ref or marked deleted. */
  mayEditFrozen: boolean;
  /** The user may take out others' bracketed words; else the id whose brackets are theirs. */
  mayResolveBrackets: boolean;
  userId: string;
  /** Whether the user wrote the character at this Yjs id (they may take their own words back out of anyone's bracket). */
  wrote: (client: number, clock: number) => boolean;
}

/** Where an item stands: in a block (the top-level element), in a block's text, in an inline node, or nowhere allowed. */
type Place =
  | { kind: "top" }
  | { kind: "block"; block: Y.XmlElement }
  | { kind: "text"; block: Y.XmlElement }
  | { kind: "inline"; block: Y.XmlElement; node: Y.XmlElement }
  | { kind: "outside"; what: string };

function placeOf(parent: Y.AbstractType<unknown>, fragment: Y.XmlFragment): Place {
  if (parent === fragment) return { kind: "top" };
  const chain: Y.AbstractType<unknown>[] = [];
  let root: Y.AbstractType<unknown> = parent;
  while (root._item) {
    chain.push(root);
    root = root._item.parent as Y.AbstractType<unknown>;
  }
  if (root !== fragment) {
    const name = [...(parent.doc?.share ?? [])].find(([, type]) => type === root)?.[0] ?? "?";
    return { kind: "outside", what: `a root "${name}" besides the document's content` };
  }
  // chain: [parent, ..., top-level element]
  const block = chain[chain.length - 1];
  if (!(block instanceof Y.XmlElement)) return { kind: "outside", what: `${describeType(block)} where a block should be` };
  if (chain.length === 1) return { kind: "block", block };
  if (chain.length === 2) {
    if (parent instanceof Y.XmlText) return { kind: "text", block };
    if (parent instanceof Y.XmlElement) return { kind: "inline", block, node: parent };
  }
  return { kind: "outside", what: `content nested inside ${describeType(parent)}` };
}

/** Why a new item in this place is not described, or null when it is. */
function describedNewItem(item: Y.Item, place: Place): ItemViolation | null {
  const content = item.content;
  const sub = item.parentSub;
  if (place.kind === "outside") return { rule: "notDescribed", what: place.what };
  // Deleted content carries nothing; only where it stands matters.
  if (content instanceof Y.ContentDeleted) {
    return sub !== null && place.kind !== "block" && place.kind !== "inline"
      ? { rule: "notDescribed", what: `an attribute "${sub}" where none may be` } : null;
  }
  const type = content instanceof Y.ContentType ? content.type : null;
  switch (place.kind) {
    case "top": {
      if (sub !== null) return { rule: "notDescribed", what: `an attribute "${sub}" on the document` };
      if (!(type instanceof Y.XmlElement)) return { rule: "notDescribed", what: `${type ? describeType(type) : "content"} where a block should be` };
      const rule = nodeRule(type.nodeName);
      if (!rule) return { rule: "notDescribed", what: `a node type <${type.nodeName}>` };
      return rule.place === "block" ? null : { rule: "notDescribed", what: `<${type.nodeName}> where a block should be` };
    }
    case "block":
    case "inline": {
      const element = place.kind === "block" ? place.block : place.node;
      if (sub !== null) {
        const rule = attributeRule(element.nodeName, sub);
        if (!rule) return { rule: "notDescribed", what: `an attribute "${sub}" on <${element.nodeName}>` };
        const values = content instanceof Y.ContentAny ? content.arr : null;
        return values?.length === 1 && validAttribute(rule, values[0])
          ? null : { rule: "invalidValue", what: `the value of "${sub}" on <${element.nodeName}>` };
      }
      if (place.kind === "inline" || nodeRule(element.nodeName)?.holds !== "inline") {
        return { rule: "notDescribed", what: `content inside <${element.nodeName}>` };
      }
      if (type instanceof Y.XmlText) return null;
      if (type instanceof Y.XmlElement) {
        const rule = nodeRule(type.nodeName);
        if (!rule) return { rule: "notDescribed", what: `a node type <${type.nodeName}>` };
        return rule.place === "inline" ? null : { rule: "notDescribed", what: `<${type.nodeName}> inside a block` };
      }
      return { rule: "notDescribed", what: `${type ? describeType(type) : "content"} inside a block` };
    }
    case "text": {
      if (sub !== null) return { rule: "notDescribed", what: `a text attribute "${sub}"` };
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) {
        const mark = markOfKey(content.key);
        if (!mark) return { rule: "notDescribed", what: `a mark "${content.key}"` };
        return validMarkValue(mark, content.value) ? null : { rule: "invalidValue", what: `the value of mark "${content.key}"` };
      }
      return { rule: "notDescribed", what: `${type ? describeType(type) : "an embedded object"} inside text` };
    }
  }
}

/** Whether an item is a live text that was in the document before the transaction. */
function isOldText(item: Y.Item | null, isNew: (item: Y.Item) => boolean): boolean {
  return item !== null && !item.deleted && !isNew(item) && item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText;
}

/** The nearest live sibling of an item on one side. */
function liveNeighbour(item: Y.Item, side: "left" | "right"): Y.Item | null {
  let next = item[side];
  while (next && next.deleted) next = next[side];
  return next;
}

/**
 * Checks every item a transaction added or deleted: new items must stand
 * where the allow-list (shared/documentRules.ts) lets them, with valid
 * values; nobody without the right may add or delete anything inside a
 * paragraph agreed ad ref or marked deleted (even to leave its text equal),
 * nor change which of someone else's brackets cover a character that was
 * there before (delete it, unless they wrote it themselves; take the bracket
 * off it; stretch the bracket over it). A block's text stays one text between inline nodes: a second text
 * placed beside one the sender had, or two texts made neighbours by deleting
 * what stood between them, would make every editor rewrite the paragraph on
 * its next keystroke. Must run while the transaction's observers run, before
 * its deleted content is collected.
 */
export function checkItems(transaction: Y.Transaction, items: TransactionItems, context: ItemContext): ItemViolation | null {
  const frozenBlock = (block: Y.XmlElement): BlockState | null => {
    if (context.mayEditFrozen) return null;
    const state = context.stateBefore(block);
    return state && (state.status === "agreed" || state.status === "deleted") ? state : null;
  };
  const isNew = (item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  /** Texts whose characters may have changed brackets, checked once each. */
  const texts = new Set<Y.XmlText>();
  /** Blocks that lost an inline node, checked for texts made neighbours. */
  const lostInline = new Set<Y.XmlElement>();
  for (const item of items.added) {
    const place = placeOf(item.parent as Y.AbstractType<unknown>, context.fragment);
    const violation = describedNewItem(item, place);
    if (violation) return violation;
    if (place.kind === "top" || place.kind === "outside") continue;
    const frozen = frozenBlock(place.block);
    if (frozen) return { rule: "frozenItem", state: frozen };
    if (place.kind === "block" && item.parentSub === null && item.content instanceof Y.ContentType &&
      item.content.type instanceof Y.XmlText && (isOldText(liveNeighbour(item, "left"), isNew) || isOldText(liveNeighbour(item, "right"), isNew))) {
      return { rule: "notDescribed", what: "a second text beside the block's text" };
    }
    if (place.kind === "text" && item.content instanceof Y.ContentFormat) texts.add(item.parent as Y.XmlText);
  }
  for (const item of items.deleted) {
    const place = placeOf(item.parent as Y.AbstractType<unknown>, context.fragment);
    if (place.kind === "outside") return { rule: "notDescribed", what: place.what };
    const block = place.kind === "top" ? (item.content as Y.ContentType).type as Y.XmlElement : place.block;
    const frozen = block instanceof Y.XmlElement ? frozenBlock(block) : null;
    if (frozen) return { rule: "frozenItem", state: frozen };
    if (place.kind === "text") texts.add(item.parent as Y.XmlText);
    else if (place.kind === "block" && item.parentSub === null && context.stateBefore(place.block) !== undefined) lostInline.add(place.block);
  }
  for (const block of lostInline) {
    let previous: Y.Item | null = null;
    for (let item = block._start; item; item = item.right) {
      if (item.deleted) continue;
      if (isOldText(item, isNew) && isOldText(previous, isNew)) return { rule: "notDescribed", what: "two texts side by side in a block" };
      previous = item;
    }
  }
  if (!context.mayResolveBrackets) {
    for (const text of texts) {
      const bracket = othersBracketMoved(transaction, text, context, isNew);
      if (bracket) return { rule: "othersBracketedWords", bracket };
    }
  }
  return null;
}

/** The ids of the brackets in `active` placed by someone other than `userId`. */
function othersIds(active: Map<string, BracketAttrs>, userId: string): string[] {
  const ids: string[] = [];
  for (const bracket of active.values()) if (bracket.userId !== userId) ids.push(bracket.id);
  return ids.sort();
}

/**
 * The first bracket of someone other than `userId` whose hold on a character
 * of `text` that existed before the transaction changed: the character was
 * deleted inside it, or the bracket was taken off it or stretched over it.
 * Formatting is read twice along the text, as it was (formats the
 * transaction added do not count, formats it deleted do) and as it is.
 */
function othersBracketMoved(transaction: Y.Transaction, text: Y.XmlText, context: ItemContext, isNew: (item: Y.Item) => boolean): BracketAttrs | null {
  const { userId } = context;
  const ownWords = (item: Y.Item) => {
    for (let i = 0; i < item.length; i++) if (!context.wrote(item.id.client, item.id.clock + i)) return false;
    return true;
  };
  const deletedNow = (item: Y.Item) => Y.isDeleted(transaction.deleteSet, item.id);
  const before = new Map<string, BracketAttrs>();
  const after = new Map<string, BracketAttrs>();
  const apply = (active: Map<string, BracketAttrs>, key: string, value: unknown) => {
    if (value === null) active.delete(key);
    else active.set(key, value as BracketAttrs);
  };
  const anyOf = (ids: string[]) => [...before.values(), ...after.values()].find((b) => ids.includes(b.id)) ?? null;
  for (let item = text._start; item; item = item.right) {
    const existed = !isNew(item) && (!item.deleted || deletedNow(item));
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (!isBracketAttribute(content.key)) continue;
      if (existed) apply(before, content.key, content.value);
      if (!item.deleted) apply(after, content.key, content.value);
      continue;
    }
    if (!existed || !(content instanceof Y.ContentString)) continue;
    const was = othersIds(before, userId);
    if (item.deleted) {
      if (was.length > 0 && !ownWords(item)) return anyOf(was);
      continue;
    }
    const now = othersIds(after, userId);
    if (was.join() !== now.join()) return anyOf([...was.filter((id) => !now.includes(id)), ...now.filter((id) => !was.includes(id))]);
  }
  return null;
}
