/**
 * A MOD proposal as the ITU writes it: the base paragraph's words kept,
 * struck (deleted) and underlined (inserted), word by word, and whether two
 * MODs of one paragraph change the same words (a conflict the compilation
 * shows and the facilitator resolves, for example as alternatives).
 */
import { wordChanges } from "../compare/wordChanges.js";

/** One run of a MOD: words of the base kept, struck or added. */
export interface ModRun {
  kind: "equal" | "insert" | "delete";
  text: string;
}

/** The paragraph as proposed, against its base text, as runs: put together without the inserted runs, they are the base. */
export function modRuns(base: string, proposed: string, language: string): ModRun[] {
  return wordChanges(base, proposed, language).map(({ kind, text }) => ({ kind, text }));
}

/** A place in the base text a MOD changes: the words it strikes, `[start, end)`, or where it inserts (start = end). */
export interface ChangedSpan {
  start: number;
  end: number;
}

/** The places of the base text a MOD changes. */
export function changedSpans(base: string, proposed: string, language: string): ChangedSpan[] {
  return wordChanges(base, proposed, language).flatMap((change): ChangedSpan[] =>
    change.kind === "delete" ? [{ start: change.fromOffset, end: change.fromOffset + change.text.length }]
      : change.kind === "insert" ? [{ start: change.fromOffset, end: change.fromOffset }]
      : []);
}

/**
 * Whether two MODs of one paragraph change the same words: what they strike
 * overlaps, they insert at the same place, or one inserts inside words the
 * other strikes. Changes side by side (one strikes a word, the other the next)
 * do not conflict.
 */
export function spansConflict(a: ChangedSpan[], b: ChangedSpan[]): boolean {
  const clash = (x: ChangedSpan, y: ChangedSpan) => {
    const xPoint = x.start === x.end;
    const yPoint = y.start === y.end;
    if (xPoint && yPoint) return x.start === y.start;
    if (xPoint) return x.start > y.start && x.start < y.end;
    if (yPoint) return y.start > x.start && y.start < x.end;
    return x.start < y.end && y.start < x.end;
  };
  return a.some((x) => b.some((y) => clash(x, y)));
}

/** The pairs of MODs (by id) that change the same words of their common base paragraph. */
export function modConflicts(base: string, mods: { id: string; text: string }[], language: string): [string, string][] {
  const spans = mods.map((m) => ({ id: m.id, spans: changedSpans(base, m.text, language) }));
  const out: [string, string][] = [];
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      if (spansConflict(spans[i]!.spans, spans[j]!.spans)) out.push([spans[i]!.id, spans[j]!.id]);
    }
  }
  return out;
}
