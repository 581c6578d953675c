/**
 * Writes a submitted proposal into the working draft's Yjs document: the
 * text operations a facilitator's editor would make, with the proposer's
 * brackets (shared/proposals/applyPlan.ts says which). The change is then
 * checked by the room like any client's update (Room.applyServerChange).
 */
import * as Y from "yjs";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { ProposalRow } from "../../schemas/proposals.js";
import { bracketKey } from "../../shared/brackets/bracketKey.js";
import { isBracketAttribute } from "../../shared/brackets/fromDelta.js";
import { newBracketId, placerOf, type BracketIdentity } from "../../shared/brackets/placer.js";
import { contentOf, readBlock } from "../../shared/document/yBlocks.js";
import { newPid } from "../../shared/paragraphs/pid.js";
import { planMod, type PlanStep } from "../../shared/proposals/applyPlan.js";
import { BracketAttrs as BracketSchema } from "../../schemas/brackets.js";

/** Why a proposal cannot be written into the draft as it now stands. */
export class ProposalNotApplicable extends Error {
  constructor(readonly code: "proposal_stale" | "proposal_overlaps" | "paragraph_gone" | "line_break" | "nothing_to_apply", message: string) {
    super(message);
  }
}

export interface WriteProposal {
  row: ProposalRow;
  as: "bracketed" | "agreed";
  proposer: BracketIdentity;
  language: string;
  /** ISO time stamped on the proposer's brackets. */
  now: string;
  /** Paragraphs earlier ADDs after the same block became: a new one goes after them, in the order applied. */
  addedAfter?: ReadonlySet<string>;
}

type Attributes = Record<string, unknown>;
interface Piece {
  text: Y.XmlText;
  start: number;
  length: number;
}

/** The element of the block `pid`, and its index in the fragment. */
function blockOf(doc: Y.Doc, pid: string): { element: Y.XmlElement; index: number } {
  const entries = contentOf(doc).toArray();
  const index = entries.findIndex((e) => e instanceof Y.XmlElement && e.getAttribute("pid") === pid);
  if (index < 0) throw new ProposalNotApplicable("paragraph_gone", "The paragraph of this proposal is no longer in the text.");
  return { element: entries[index] as Y.XmlElement, index };
}

/**
 * Where an ADD after the block at `index` goes: after the block's own
 * sub-paragraphs (a new paragraph after para 1 is not put between para 1
 * and its (a)), and after what earlier ADDs on the same block became.
 */
function placeAfter(doc: Y.Doc, index: number, addedAfter: ReadonlySet<string>): number {
  const entries = contentOf(doc).toArray();
  const anchor = entries[index] as Y.XmlElement;
  const isParagraph = (e: unknown): e is Y.XmlElement => e instanceof Y.XmlElement && e.nodeName === "paragraph";
  const topLevel = isParagraph(anchor) && Number(anchor.getAttribute("level") ?? 1) < 2;
  let at = index + 1;
  while (at < entries.length) {
    const next = entries[at];
    const sub = topLevel && isParagraph(next) && Number(next.getAttribute("level") ?? 1) >= 2;
    const added = next instanceof Y.XmlElement && addedAfter.has(String(next.getAttribute("pid")));
    if (!sub && !added) break;
    at += 1;
  }
  return at;
}

/** The texts of a block with where each starts in the block's plain text (a line break counts one character). */
function piecesOf(element: Y.XmlElement): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      pieces.push({ text: child, start, length: child.length });
      start += child.length;
    } else start += 1;
  }
  return pieces;
}

/** The text holding `[from, to)` (an insertion point when equal), and the offset in it. */
function locate(pieces: Piece[], from: number, to: number): { text: Y.XmlText; offset: number } {
  const piece = pieces.find((p) => p.start <= from && to <= p.start + p.length);
  if (!piece) throw new ProposalNotApplicable("line_break", "The proposal changes words across a line break of the paragraph; apply it by hand.");
  return { text: piece.text, offset: from - piece.start };
}

/** The formatting of each character of a text. */
function attributesAt(text: Y.XmlText): Attributes[] {
  const out: Attributes[] = [];
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Attributes }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    for (let i = 0; i < length; i++) out.push(op.attributes ?? {});
  }
  return out;
}

/** What surrounds an insertion point on both sides (a bracket around it, bold): the new words stay inside it. */
function enclosing(text: Y.XmlText, offset: number): Attributes {
  const chars = attributesAt(text);
  const before = chars[offset - 1];
  const after = chars[offset];
  if (!before || !after) return {};
  return Object.fromEntries(Object.entries(before).filter(([key, value]) => JSON.stringify(after[key]) === JSON.stringify(value)));
}

/** Makes the bracket `id` an option of the set `alt` wherever it stands in the block (it keeps its attribution). */
function joinSet(element: Y.XmlElement, id: string, alt: string): void {
  for (const { text } of piecesOf(element)) {
    const changes: { offset: number; length: number; key: string; attrs: BracketAttrs }[] = [];
    let offset = 0;
    for (const op of text.toDelta() as { insert?: unknown; attributes?: Attributes }[]) {
      const length = typeof op.insert === "string" ? op.insert.length : 1;
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        const parsed = isBracketAttribute(key) ? BracketSchema.safeParse(value) : null;
        if (parsed?.success && parsed.data.id === id) changes.push({ offset, length, key, attrs: parsed.data });
      }
      offset += length;
    }
    for (const c of changes) {
      const attrs = { ...c.attrs, alt };
      text.format(c.offset, c.length, { [c.key]: null, [bracketKey(attrs)]: attrs });
    }
  }
}

/** Performs a MOD's planned steps on a block. */
function perform(element: Y.XmlElement, steps: PlanStep[], bracket: (alt: string | null) => BracketAttrs): void {
  for (const step of steps) {
    if (step.step === "joinSet") {
      joinSet(element, step.bracketId, step.alt);
      continue;
    }
    const pieces = piecesOf(element);
    if (step.step === "insert") {
      const { text, offset } = locate(pieces, step.at, step.at);
      const attrs = enclosing(text, offset);
      if (step.bracket) {
        const placed = bracket(step.bracket.alt);
        attrs[bracketKey(placed)] = placed;
      }
      text.insert(offset, step.text, attrs);
    } else {
      const { text, offset } = locate(pieces, step.from, step.to);
      if (step.step === "delete") text.delete(offset, step.to - step.from);
      else {
        const placed = bracket(step.alt);
        text.format(offset, step.to - step.from, { [bracketKey(placed)]: placed });
      }
    }
  }
}

/**
 * Writes the proposal into `doc`; returns the pid of the paragraph it is
 * now in (an ADD: the new paragraph). Throws ProposalNotApplicable when the
 * words it is about are gone or changed.
 */
export function writeProposal(doc: Y.Doc, { row, as, proposer, language, now, addedAfter = new Set() }: WriteProposal): string {
  const placer = placerOf(proposer);
  const bracket = (alt: string | null): BracketAttrs => ({ id: newBracketId(), alt, ...placer, at: now });
  const { element, index } = blockOf(doc, row.pid);
  switch (row.kind) {
    case "MOD": {
      const block = readBlock(element);
      if (!block || block.kind !== "paragraph") throw new ProposalNotApplicable("paragraph_gone", "The proposal's paragraph is no longer a paragraph.");
      const plan = planMod(row.base_text, row.text ?? "", block.runs, language, as, newBracketId);
      if (!plan.ok) {
        throw plan.reason === "stale"
          ? new ProposalNotApplicable("proposal_stale", `The words "${plan.words.slice(0, 80)}" the proposal changes are no longer in the paragraph as they were.`)
          : new ProposalNotApplicable("proposal_overlaps", `The proposal changes "${plan.words.slice(0, 80)}", which cross alternatives already in the paragraph; resolve them first or apply it by hand.`);
      }
      if (plan.steps.length === 0) throw new ProposalNotApplicable("nothing_to_apply", "In brackets, this MOD changes nothing but spaces; apply it as agreed.");
      // An empty paragraph as the editor writes it has no text inside yet.
      if (!element.toArray().some((child) => child instanceof Y.XmlText)) element.insert(0, [new Y.XmlText()]);
      perform(element, plan.steps, bracket);
      return row.pid;
    }
    case "ADD": {
      const before = readBlock(element);
      const pid = newPid();
      // The editor's binding stores node attributes with their JSON types: a level is a number.
      const added = new Y.XmlElement<Record<string, string | number>>("paragraph");
      added.setAttribute("pid", pid);
      added.setAttribute("status", "open");
      added.setAttribute("level", before?.kind === "paragraph" ? before.level ?? 1 : 1);
      contentOf(doc).insert(placeAfter(doc, index, addedAfter), [added as unknown as Y.XmlElement]);
      const text = new Y.XmlText();
      added.insert(0, [text]);
      const placed = bracket(null);
      text.insert(0, row.text ?? "", as === "bracketed" ? { [bracketKey(placed)]: placed } : {});
      return pid;
    }
    case "SUP": {
      if (as === "agreed") element.setAttribute("status", "deleted");
      else {
        // One bracket over the whole paragraph, line breaks included: proposed for deletion.
        const placed = bracket(null);
        const pieces = piecesOf(element).filter((p) => p.text.toString().trim() !== "");
        if (pieces.length === 0) throw new ProposalNotApplicable("nothing_to_apply", "The paragraph is empty: there is nothing to bracket; apply the SUP as agreed.");
        for (const { text, length } of pieces) text.format(0, length, { [bracketKey(placed)]: placed });
      }
      return row.pid;
    }
    case "NOC":
      return row.pid;
  }
}
