/**
 * Two texts compared word by word: the `diff` package's `diffArrays` over the
 * segments `Intl.Segmenter` finds for the language (words, and the spaces and
 * punctuation between them, each its own token), so Chinese and Arabic compare
 * by word, and the pieces put together give each text back exactly.
 */
import { diffArrays } from "diff";

/** A run of two texts compared: in both, only in the later one, or only in the earlier one. */
export interface WordChange {
  kind: "equal" | "insert" | "delete";
  text: string;
  /** Where it starts in the earlier text (for an insertion: where it goes). */
  fromOffset: number;
  /** Where it starts in the later text (for a deletion: where it was). */
  toOffset: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterOf(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) segmenters.set(language, (segmenter = new Intl.Segmenter(language, { granularity: "word" })));
  return segmenter;
}

/** A text cut into its word segments; joined, they are the text. */
export function segments(text: string, language: string): string[] {
  return [...segmenterOf(language).segment(text)].map((s) => s.segment);
}

/** The runs that turn `from` into `to`, word by word; neighbouring runs of one kind are one. */
export function wordChanges(from: string, to: string, language: string): WordChange[] {
  if (from === to) return from ? [{ kind: "equal", text: from, fromOffset: 0, toOffset: 0 }] : [];
  const out: WordChange[] = [];
  let fromOffset = 0;
  let toOffset = 0;
  for (const change of diffArrays(segments(from, language), segments(to, language))) {
    const text = change.value.join("");
    const kind = change.added ? "insert" : change.removed ? "delete" : "equal";
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text, fromOffset, toOffset });
    if (kind !== "insert") fromOffset += text.length;
    if (kind !== "delete") toOffset += text.length;
  }
  return out;
}
