/**
 * Which paragraph of the text each line of a proposal is about. Lines are
 * matched in order (a line after one matched to block k matches a block
 * after k) by the words they share, each word weighted by how rare it is in
 * the text ("de", "la" count little, "1332" much), so that a new paragraph
 * quoting the same boilerplate as its neighbour matches nothing and becomes
 * an ADD. The best set of pairs for the whole file is chosen at once.
 */

/** What a line offers the matcher. */
export interface MatchLine {
  /** The base words the line carries: a flattened line as written, a Word line without its underlined runs. */
  text: string;
  /** A verb phrase matches verb phrases only, and other lines never one. */
  phrase: boolean;
  /** A labelled line ("a)", "1") matches paragraphs only. */
  labelled: boolean;
  /** The line may be the rest of the line before it (a paragraph broken over two lines). */
  mayContinue: boolean;
}

/** What a block of the text offers the matcher. */
export interface MatchBlock {
  kind: "title" | "openingLine" | "sectionHeading" | "verbPhrase" | "paragraph";
  text: string;
}

/** Below this score a line and a block are not a pair. */
export const MATCH_THRESHOLD = 0.6;
/** Share of a line's weighted words that must be in its neighbour's block for it to be read as that line's continuation. */
const CONTINUATION_COVER = 0.8;

const WORD = /\p{L}+|\p{N}+/gu;

function wordsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The lines' blocks: the index of the block each line is about (null: none), and which lines continue the line before. */
export interface LineMatches {
  block: (number | null)[];
  /** For a line read as the continuation of an earlier one: that line's index. */
  continues: (number | null)[];
  /** Each line's score with its block. */
  score: number[];
}

/** Matches proposal lines to the text's blocks, in order. */
export function matchLines(lines: MatchLine[], blocks: MatchBlock[]): LineMatches {
  const blockWords = blocks.map((b) => wordsOf(b.text));
  const documentFrequency = new Map<string, number>();
  for (const words of blockWords) for (const word of words.keys()) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const n = Math.max(1, blocks.length);
  const weight = (word: string) => Math.log(1 + n / (documentFrequency.get(word) ?? 0.5));
  const mass = (words: Map<string, number>) => [...words].reduce((sum, [w, c]) => sum + weight(w) * c, 0);
  const blockMass = blockWords.map(mass);

  /** Recall of the block's words in the line, precision of the line's words in the block, recall weighing more (F2). */
  const score = (words: Map<string, number>, lineMass: number, b: number): number => {
    let common = 0;
    for (const [w, c] of words) {
      const inBlock = blockWords[b]!.get(w);
      if (inBlock) common += weight(w) * Math.min(c, inBlock);
    }
    if (common === 0 || lineMass === 0 || blockMass[b] === 0) return 0;
    const recall = common / blockMass[b]!;
    const precision = common / lineMass;
    return (5 * recall * precision) / (4 * precision + recall);
  };
  const fits = (line: MatchLine, block: MatchBlock) =>
    line.phrase === (block.kind === "verbPhrase") && (!line.labelled || block.kind === "paragraph");

  const lineWords = lines.map((l) => wordsOf(l.text));
  const lineMass = lineWords.map(mass);
  const m = lines.length;
  const width = blocks.length + 1;
  const pair = new Float64Array(m * blocks.length);
  for (let i = 0; i < m; i++) {
    for (let b = 0; b < blocks.length; b++) {
      pair[i * blocks.length + b] = fits(lines[i]!, blocks[b]!) ? score(lineWords[i]!, lineMass[i]!, b) : 0;
    }
  }
  // best[i][b]: the highest total score pairing lines i.. with blocks b.., in order.
  const best = new Float64Array((m + 1) * width);
  for (let i = m - 1; i >= 0; i--) {
    for (let b = blocks.length - 1; b >= 0; b--) {
      const s = pair[i * blocks.length + b]!;
      const paired = s >= MATCH_THRESHOLD ? s + best[(i + 1) * width + b + 1]! : 0;
      best[i * width + b] = Math.max(paired, best[(i + 1) * width + b]!, best[i * width + b + 1]!);
    }
  }
  const block: (number | null)[] = new Array(m).fill(null);
  const scores: number[] = new Array(m).fill(0);
  for (let i = 0, b = 0; i < m && b < blocks.length;) {
    const s = pair[i * blocks.length + b]!;
    const here = best[i * width + b]!;
    if (s >= MATCH_THRESHOLD && here === s + best[(i + 1) * width + b + 1]!) {
      block[i] = b;
      scores[i] = s;
      i += 1;
      b += 1;
    } else if (here === best[(i + 1) * width + b]) i += 1;
    else b += 1;
  }

  // A line left over right after a matched one, whose words are that block's, is the rest of that line.
  const continues: (number | null)[] = new Array(m).fill(null);
  for (let i = 1; i < m; i++) {
    const head = continues[i - 1] ?? i - 1;
    const b = block[head];
    if (block[i] !== null || b === null || b === undefined || !lines[i]!.mayContinue) continue;
    const words = lineWords[i]!;
    let inBlock = 0;
    for (const [w, c] of words) inBlock += weight(w) * Math.min(c, blockWords[b]!.get(w) ?? 0);
    if (lineMass[i]! > 0 && inBlock / lineMass[i]! >= CONTINUATION_COVER) continues[i] = head;
  }
  return { block, continues, score: scores };
}
