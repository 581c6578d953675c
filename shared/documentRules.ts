import { z } from "zod";
import { BRACKET_MARK, BracketAttrs } from "../schemas/brackets.js";
import { ParagraphStatus } from "../schemas/domain.js";
import { CONTENT_FIELD } from "./collab/documentFields.js";
import type { Action } from "./permissions.js";

/**
 * THE allow-list of document content, beside the permission table: every
 * node type, attribute and mark a document may hold, where each may stand,
 * which values it may take and who may set or change it. The server accepts
 * an update only if every change it makes is described here and permitted
 * (server/collab/authorizeUpdate.ts); the editor's guards and its check of
 * content it is about to show read the same table. What is not described is
 * refused.
 */

/**
 * Who may do something to an attribute: an action of the permission table,
 * `"server"` (only the server's own changes, such as issuing a revision), or
 * `"nobody"`.
 */
export type Who = Action | "server" | "nobody";

/** Where a node type may stand: directly in the document, or inside a block's text. */
export type Place = "block" | "inline";

/** A paragraph id as stored: a short token without spaces (`p` + 13 base32 characters when the editor makes it). */
export const Pid = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** A frozen label core ("5", "c", "ii", "12 bis"). */
export const FrozenLabel = z.string().min(1).max(32);

/** The value of a mark without attributes, as the editor writes it. */
const NoAttributes = z.strictObject({});

/** One attribute of a node type. */
export interface AttributeRule {
  value: z.ZodType;
  /**
   * The value a new block may carry with `create` permission. A new block with
   * another value needs `change` permission. `undefined`: any valid value.
   */
  default?: unknown;
  /** A block must carry it. */
  required?: boolean;
  /** Who may add a block carrying it (at its default). */
  create: Who;
  /** Who may change it on an existing block (paragraphs are paired by pid, so a pid never "changes"). */
  change: Who;
}

/** One node type. */
export interface NodeRule {
  place: Place;
  /** What it contains: text and inline nodes, or nothing. */
  holds: "inline" | "nothing";
  attributes: readonly AttributeName[];
}

/** One mark, stored as a Yjs formatting attribute. */
export interface MarkRule {
  /** Matches the formatting attribute keys of this mark (overlapping marks carry a hash suffix). */
  key: RegExp;
  value: z.ZodType;
  /** Who may put it on text. */
  place: Action;
}

export const ATTRIBUTES = {
  /** The paragraph's identity: comments, attribution and the audit log refer to it. */
  pid: { value: Pid, required: true, create: "document.edit", change: "nobody" },
  /** Open, agreed ad ref or deleted. */
  status: { value: ParagraphStatus, default: "open", required: true, create: "document.edit", change: "paragraph.setStatus" },
  /** 1 paragraph, 2 sub-paragraph. */
  level: { value: z.union([z.literal(1), z.literal(2)]), required: true, create: "document.edit", change: "paragraph.setStatus" },
  /** Which part of a resolution a verb phrase opens. */
  part: { value: z.enum(["preambular", "operative"]), required: true, create: "document.edit", change: "paragraph.setStatus" },
  /** The label core fixed by the last revision: set only by issuing one. */
  frozenLabel: { value: FrozenLabel, default: null, create: "document.edit", change: "server" },
  /** The label an imported source gave the paragraph, kept as written: set only by the import. */
  importedLabel: { value: FrozenLabel, default: null, create: "document.edit", change: "server" },
} as const satisfies Record<string, AttributeRule>;

/** An attribute the table describes. */
export type AttributeName = keyof typeof ATTRIBUTES;

export const NODES = {
  title: { place: "block", holds: "inline", attributes: ["pid"] },
  openingLine: { place: "block", holds: "inline", attributes: ["pid"] },
  sectionHeading: { place: "block", holds: "inline", attributes: ["pid"] },
  verbPhrase: { place: "block", holds: "inline", attributes: ["pid", "part"] },
  paragraph: { place: "block", holds: "inline", attributes: ["pid", "status", "level", "frozenLabel", "importedLabel"] },
  hardBreak: { place: "inline", holds: "nothing", attributes: [] },
} as const satisfies Record<string, NodeRule>;

/** A node type the table describes. */
export type NodeName = keyof typeof NODES;

export const MARKS = {
  bold: { key: /^bold$/, value: NoAttributes, place: "document.edit" },
  italic: { key: /^italic$/, value: NoAttributes, place: "document.edit" },
  /** Brackets may overlap, so each is its own attribute, `bracket--` and an 8-character hash of its attributes. */
  [BRACKET_MARK]: { key: /^bracket(--[A-Za-z0-9+/=]{8})?$/, value: BracketAttrs, place: "bracket.place" },
} as const satisfies Record<string, MarkRule>;

/** A mark the table describes. */
export type MarkName = keyof typeof MARKS;

/** Rules that concern whole paragraphs rather than one attribute. */
export const PARAGRAPH_RULES = {
  /** Change anything at all inside a paragraph agreed ad ref or marked deleted. */
  editFrozen: "paragraph.editAgreed",
  /**
   * Remove a paragraph that carries a frozen label (it was in the last
   * revision): nobody; a facilitator marks it deleted and the next revision
   * drops it.
   */
  removeRevised: "server",
  /** Take out, move or re-type words inside someone else's bracket, or take the bracket off them. */
  resolveOthersBracket: "bracket.resolve",
  /** Place brackets in a proposer's name: applying a submitted proposal to the draft, as the proposer's. */
  placeForProposer: "proposal.apply",
} as const satisfies Record<string, Who>;

/** The only root of a document. */
export const ROOT = CONTENT_FIELD;

/** The rule of a node type, or null when the table does not describe it. */
export function nodeRule(name: string): NodeRule | null {
  return Object.hasOwn(NODES, name) ? NODES[name as NodeName] : null;
}

/** The rule of an attribute of a node type, or null when that node type has no such attribute. */
export function attributeRule(node: string, attribute: string): AttributeRule | null {
  const rule = nodeRule(node);
  return rule && (rule.attributes as readonly string[]).includes(attribute) ? ATTRIBUTES[attribute as AttributeName] : null;
}

/** The mark a Yjs formatting attribute key stands for, or null when the table describes none. */
export function markOfKey(key: string): MarkName | null {
  for (const [name, rule] of Object.entries(MARKS)) if (rule.key.test(key)) return name as MarkName;
  return null;
}

/** The first attribute a block of this node type must carry and `attributes` lacks, or null. */
export function missingAttribute(node: string, attributes: Record<string, unknown>): AttributeName | null {
  for (const name of nodeRule(node)?.attributes ?? []) {
    if ((ATTRIBUTES[name] as AttributeRule).required && attributes[name] === undefined) return name;
  }
  return null;
}

/** Whether `value` is a valid value for the attribute. */
export function validAttribute(rule: AttributeRule, value: unknown): boolean {
  return rule.value.safeParse(value).success;
}

/** Whether a formatting value is valid for the mark (`null` ends the mark and is always valid). */
export function validMarkValue(mark: MarkName, value: unknown): boolean {
  return value === null || MARKS[mark].value.safeParse(value).success;
}

/** Whether `who` permits a user: `can` answers for actions of the permission table. */
export function permits(who: Who, can: (action: Action) => boolean): boolean {
  return who !== "server" && who !== "nobody" && can(who);
}
