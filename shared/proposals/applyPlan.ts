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

/** One place of a MOD located in the current text: raw (spaces included) and without the spaces at either end. */
interface Located {
  from: number;
  to: number;
  insert: string;
  cFrom: number;
  cTo: number;
  inserted: string;
}

/** Between two options of a set: a space, except in scripts written without spaces between words. */
function separatorOf(language: string): string {
  return /^(zh|ja)\b/.test(language) ? "" : " ";
}

/**
 * Plans a MOD made on `base` (proposing `proposed`) against the paragraph as
 * it stands (`runs`). The base words are found in the current text by
 * comparing the two word by word; a place whose words were changed since is
 * `stale`. `newId` gives fresh ids for sets of alternatives. A plan with no
 * step changes nothing (a MOD of spaces only, in brackets).
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
  // Made on an empty paragraph that has words now: where they would go is anyone's guess.
  if (base.trim() === "" && current.trim() !== "") return { ok: false, reason: "stale", words: current.slice(0, 60) };
  // Where each character of the base stands in the current text, if it is still there.
  const at = new Array<number>(base.length).fill(-1);
  for (const change of wordChanges(base, current, language)) {
    if (change.kind !== "equal") continue;
    for (let i = 0; i < change.text.length; i++) at[change.fromOffset + i] = change.toOffset + i;
  }
  const located: Located[] = [];
  for (const change of modChanges(base, proposed, language)) {
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
        return { ok: false, reason: "stale", words: base.slice(change.from, change.to).trim() };
      }
    }
    const [cFrom, cTo] = core(current, from, to);
    const [iFrom, iTo] = core(change.insert, 0, change.insert.length);
    located.push({ from, to, insert: change.insert, cFrom, cTo, inserted: change.insert.slice(iFrom, iTo) });
  }
  const steps = as === "agreed" ? agreedSteps(located) : bracketedSteps(located, current, placedBrackets(runs), separatorOf(language), newId);
  if (!Array.isArray(steps)) return steps;
  // Later places first, so that each step's offsets are those of the text as it then stands.
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => anchor(b.s) - anchor(a.s) || a.i - b.i).map(({ s }) => s);
  // That order holds only if no insertion falls inside words another step brackets or deletes.
  for (const insert of ordered) {
    if (insert.step !== "insert") continue;
    for (const s of ordered) {
      if ((s.step === "bracket" || s.step === "delete") && s.from < insert.at && insert.at < s.to) {
        return { ok: false, reason: "overlaps", words: current.slice(s.from, s.to) };
      }
    }
  }
  return { ok: true, steps: ordered };
}

/** As agreed: each place's words replaced by the proposed ones. */
function agreedSteps(located: Located[]): PlanStep[] {
  return located.flatMap((l): PlanStep[] => [
    ...(l.insert ? [{ step: "insert" as const, at: l.to, text: l.insert, bracket: null }] : []),
    ...(l.to > l.from ? [{ step: "delete" as const, from: l.from, to: l.to }] : []),
  ]);
}

/**
 * In brackets. Places inside an option of a set of alternatives (or
 * replacing exactly the words of a bracket) make, together, one more option:
 * that option's words as the MOD would have them. Others: replaced words
 * become a new set of two options, struck words a bracket, added words an
 * addition in brackets.
 */
function bracketedSteps(
  located: Located[],
  current: string,
  brackets: Placed[],
  separator: string,
  newId: () => string,
): PlanStep[] | ApplyPlan {
  const steps: PlanStep[] = [];
  const options = new Map<string, { holder: Placed; changes: Located[] }>();
  for (const l of located) {
    const point = l.cFrom === l.cTo;
    if (point && !l.inserted) continue;
    const holder = brackets
      .filter((b) => point
        ? b.bracket.alt !== null && b.from < l.cFrom && l.cFrom < b.to
        : b.from <= l.cFrom && b.to >= l.cTo && (b.bracket.alt !== null || (b.from === l.cFrom && b.to === l.cTo && l.inserted !== "")))
      .sort((a, b) => a.to - a.from - (b.to - b.from))[0];
    if (holder) {
      const group = options.get(holder.bracket.id) ?? { holder, changes: [] };
      group.changes.push(l);
      options.set(holder.bracket.id, group);
      continue;
    }
    if (brackets.some((b) => b.bracket.alt !== null && b.from < l.cTo && b.to > l.cFrom && !(b.from >= l.cFrom && b.to <= l.cTo))) {
      return { ok: false, reason: "overlaps", words: current.slice(l.cFrom, l.cTo) };
    }
    if (point) {
      // An addition: its own spaces stay outside the bracket.
      const [iFrom, iTo] = core(l.insert, 0, l.insert.length);
      if (iTo < l.insert.length) steps.push({ step: "insert", at: l.from, text: l.insert.slice(iTo), bracket: null });
      steps.push({ step: "insert", at: l.from, text: l.inserted, bracket: { alt: null } });
      if (iFrom > 0) steps.push({ step: "insert", at: l.from, text: l.insert.slice(0, iFrom), bracket: null });
    } else if (!l.inserted) {
      steps.push({ step: "bracket", from: l.cFrom, to: l.cTo, alt: null });
    } else {
      const alt = newId();
      steps.push({ step: "insert", at: l.cTo, text: l.inserted, bracket: { alt } });
      if (separator) steps.push({ step: "insert", at: l.cTo, text: separator, bracket: null });
      steps.push({ step: "bracket", from: l.cFrom, to: l.cTo, alt });
    }
  }
  for (const { holder, changes } of options.values()) {
    let option = current.slice(holder.from, holder.to);
    for (const l of [...changes].sort((a, b) => b.cFrom - a.cFrom)) {
      const text = l.cFrom === l.cTo ? l.insert : l.inserted;
      option = option.slice(0, l.cFrom - holder.from) + text + option.slice(l.cTo - holder.from);
    }
    option = option.trim();
    if (!option || option === current.slice(holder.from, holder.to).trim()) continue;
    const alt = holder.bracket.alt ?? newId();
    const set = brackets.filter((b) => b.bracket.alt !== null && b.bracket.alt === holder.bracket.alt);
    const end = Math.max(holder.to, ...set.map((o) => o.to));
    steps.push({ step: "insert", at: end, text: option, bracket: { alt } });
    if (separator) steps.push({ step: "insert", at: end, text: separator, bracket: null });
    if (holder.bracket.alt === null) steps.push({ step: "joinSet", bracketId: holder.bracket.id, alt });
  }
  return steps;
}

/** Where a step acts; steps at one place keep their order (an insertion's pieces are pushed last piece first). */
function anchor(step: PlanStep): number {
  return step.step === "insert" ? step.at : step.step === "joinSet" ? Number.POSITIVE_INFINITY : step.from;
}
