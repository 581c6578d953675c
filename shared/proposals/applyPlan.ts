/**
 * How a MOD is written into a paragraph of the working draft: the steps, in
 * the paragraph's current text, that apply the proposal's change of its base
 * words. Pure, so that the plan can be tested without a document; the
 * server performs it on the Yjs text (server/proposals/applyProposal.ts).
 *
 * In brackets (the usual way: the proposal is on the table, not agreed),
 * each place the MOD changes becomes, like "Offer alternative" in the
 * editor:
 * - words replaced: the base words and the proposed words as two options of
 *   a set of alternatives, `[Alt 1: shall ensure] [Alt 2: should promote]`;
 *   if the base words already are an option (a competing MOD was applied
 *   first), the proposed words are one more option of that set;
 * - words struck: bracketed (proposed for deletion);
 * - words added: inserted in brackets.
 * As agreed, the words are simply replaced, struck or added.
 */
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { TextRun } from "../brackets/tokens.js";
import { wordChanges } from "../compare/wordChanges.js";

/** One place a MOD changes, in its base text: the words it strikes `[from, to)` (empty for an addition) and what it puts there. */
export interface ModChange {
  from: number;
  to: number;
  insert: string;
}

/** A step of applying a MOD, in offsets of the paragraph's text as it is when the step is taken (steps are in descending order). */
export type PlanStep =
  /** Insert words; `bracket` places a new bracket of the proposer on them (`alt`: the set they are an option of). */
  | { step: "insert"; at: number; text: string; bracket: { alt: string | null } | null }
  /** Bracket existing words in the proposer's name. */
  | { step: "bracket"; from: number; to: number; alt: string | null }
  /** An existing bracket becomes an option of the set `alt` (it keeps its attribution). */
  | { step: "joinSet"; bracketId: string; alt: string }
  | { step: "delete"; from: number; to: number };

export type ApplyPlan =
  | { ok: true; steps: PlanStep[] }
  /** The words the MOD changes are no longer in the paragraph as they were: `words` names them. */
  | { ok: false; reason: "stale"; words: string }
  /** The MOD's change crosses alternatives already in the paragraph without lying within one option. */
  | { ok: false; reason: "overlaps"; words: string };

const SPACE = /^\s+$/u;

/** The places a MOD changes its base: neighbouring changes separated only by spaces are one place ("shall ensure" to "should promote"). */
export function modChanges(base: string, proposed: string, language: string): ModChange[] {
  const runs = wordChanges(base, proposed, language);
  const out: ModChange[] = [];
  let open: ModChange | null = null;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (run.kind === "equal") {
      const next = runs[i + 1];
      if (open && next && next.kind !== "equal" && SPACE.test(run.text)) {
        open.to += run.text.length;
        open.insert += run.text;
        continue;
      }
      open = null;
      continue;
    }
    if (!open) out.push((open = { from: run.fromOffset, to: run.fromOffset, insert: "" }));
    if (run.kind === "delete") open.to = run.fromOffset + run.text.length;
    else open.insert += run.text;
  }
  return out;
}

/** `[from, to)` without the spaces at either end. */
function core(text: string, from: number, to: number): [number, number] {
  while (from < to && /\s/u.test(text[from]!)) from++;
  while (to > from && /\s/u.test(text[to - 1]!)) to--;
  return [from, to];
}

interface Placed {
  bracket: BracketAttrs;
  from: number;
  to: number;
}

/** Each bracket of the paragraph with the stretch of text it covers (first to last marked character). */
function placedBrackets(runs: TextRun[]): Placed[] {
  const byId = new Map<string, Placed>();
  let offset = 0;
  for (const run of runs) {
    for (const bracket of run.brackets) {
      const seen = byId.get(bracket.id);
      if (seen) seen.to = offset + run.text.length;
      else byId.set(bracket.id, { bracket, from: offset, to: offset + run.text.length });
    }
    offset += run.text.length;
  }
  return [...byId.values()];
}

/**
 * Plans a MOD made on `base` (proposing `proposed`) against the paragraph as
 * it stands (`runs`). The base words are found in the current text by
 * comparing the two word by word; a place whose words were changed since is
 * `stale`. `newId` gives fresh ids for sets of alternatives.
 */
export function planMod(
  base: string,
  proposed: string,
  runs: TextRun[],
  language: string,
  as: "bracketed" | "agreed",
  newId: () => string,
): ApplyPlan {
  const current = runs.map((r) => r.text).join("");
  // Where each character of the base stands in the current text, if it is still there.
  const at = new Array<number>(base.length).fill(-1);
  for (const change of wordChanges(base, current, language)) {
    if (change.kind !== "equal") continue;
    for (let i = 0; i < change.text.length; i++) at[change.fromOffset + i] = change.toOffset + i;
  }
  const brackets = placedBrackets(runs);
  const steps: PlanStep[] = [];
  for (const change of modChanges(base, proposed, language)) {
    const words = base.slice(change.from, change.to);
    let from: number;
    let to: number;
    if (change.from === change.to) {
      // An addition between two words needs both still there; it goes where the next base character now is,
      // after what earlier proposals added at that place.
      let p = change.from - 1;
      while (p >= 0 && /\s/u.test(base[p]!)) p--;
      let n = change.from;
      while (n < base.length && /\s/u.test(base[n]!)) n++;
      const next = change.from < base.length ? at[change.from]! : -1;
      const previous = change.from > 0 ? at[change.from - 1]! : -1;
      from = to = next >= 0 ? next : previous >= 0 ? previous + 1 : base.length === 0 ? current.length : -1;
      if (from < 0 || (p >= 0 && at[p]! < 0) || (n < base.length && at[n]! < 0)) {
        return { ok: false, reason: "stale", words: base.slice(Math.max(0, p - 30), n + 30).trim() };
      }
    } else {
      from = at[change.from]!;
      to = at[change.to - 1]! + 1;
      if (from < 0 || to - from !== change.to - change.from || at.slice(change.from, change.to).some((v) => v < 0)) {
        return { ok: false, reason: "stale", words: words.trim() };
      }
    }
    if (as === "agreed") {
      if (change.insert) steps.push({ step: "insert", at: to, text: change.insert, bracket: null });
      if (to > from) steps.push({ step: "delete", from, to });
      continue;
    }
    const [cFrom, cTo] = core(current, from, to);
    const [iFrom, iTo] = core(change.insert, 0, change.insert.length);
    const inserted = change.insert.slice(iFrom, iTo);
    if (cFrom === cTo) {
      // An addition: its own spaces stay outside the bracket.
      if (!inserted) continue;
      if (iTo < change.insert.length) steps.push({ step: "insert", at: from, text: change.insert.slice(iTo), bracket: null });
      steps.push({ step: "insert", at: from, text: inserted, bracket: { alt: null } });
      if (iFrom > 0) steps.push({ step: "insert", at: from, text: change.insert.slice(0, iFrom), bracket: null });
      continue;
    }
    if (!inserted) {
      steps.push({ step: "bracket", from: cFrom, to: cTo, alt: null });
      continue;
    }
    // Words replaced: an option of the smallest existing bracket that holds them and is (or may become) a set's option.
    const holder = brackets
      .filter((b) => b.from <= cFrom && b.to >= cTo && (b.bracket.alt !== null || (b.from === cFrom && b.to === cTo)))
      .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    if (holder) {
      const alt = holder.bracket.alt ?? newId();
      const options = brackets.filter((b) => b.bracket.alt !== null && b.bracket.alt === holder.bracket.alt);
      const end = Math.max(holder.to, ...options.map((o) => o.to));
      const option = current.slice(holder.from, cFrom) + inserted + current.slice(cTo, holder.to);
      steps.push({ step: "insert", at: end, text: option, bracket: { alt } });
      steps.push({ step: "insert", at: end, text: " ", bracket: null });
      if (holder.bracket.alt === null) steps.push({ step: "joinSet", bracketId: holder.bracket.id, alt });
      continue;
    }
    if (brackets.some((b) => b.bracket.alt !== null && b.from < cTo && b.to > cFrom)) {
      return { ok: false, reason: "overlaps", words: current.slice(cFrom, cTo) };
    }
    const alt = newId();
    steps.push({ step: "insert", at: cTo, text: inserted, bracket: { alt } });
    steps.push({ step: "insert", at: cTo, text: " ", bracket: null });
    steps.push({ step: "bracket", from: cFrom, to: cTo, alt });
  }
  // Later places first, so that each step's offsets are those of the text as it then stands.
  return { ok: true, steps: steps.map((s, i) => ({ s, i })).sort((a, b) => anchor(b.s) - anchor(a.s) || a.i - b.i).map(({ s }) => s) };
}

/** Where a step acts; steps at one place keep their order (an insertion's pieces are pushed last piece first). */
function anchor(step: PlanStep): number {
  return step.step === "insert" ? step.at : step.step === "joinSet" ? Number.POSITIVE_INFINITY : step.from;
}
