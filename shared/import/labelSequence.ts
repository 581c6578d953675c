/**
 * Picks one reading per label by what came before it in the same run, and
 * gives the paragraph its level. Invariants of ITU and UN drafts relied on:
 * numbering restarts in every verb-phrase block; roman sub-items restart
 * under each lettered item, lettered sub-items under each numbered item.
 */
import type { LabelReading, LabelScheme } from "./labels.js";

/**
 * Where a run of paragraphs sits. Preambular: a) items, i) sub-items.
 * Operative: 1 items, a) sub-items. Free: outside verb-phrase blocks (a
 * declaration, a cover note or report, an annex): numbers are items, and
 * letters are items too unless numbered items came before them.
 */
export type RunContext = "preambular" | "operative" | "free";

/** The reading chosen for a label and the paragraph level it implies. */
export interface ResolvedLabel {
  reading: LabelReading;
  level: 1 | 2;
}

/** What the reader may look at around the label it resolves. */
export interface LabelNeighbours {
  /** Readings of the next label in the same run, if any. */
  next: LabelReading[] | null;
  /** Text of the paragraph just before, if any ("... as follows:" announces sub-items). */
  previousText: string | null;
}

/** Reads the labels of one run in order; create a new one at every verb phrase, annex or resolution heading. */
export class LabelSequence {
  private lastNumber = 0;
  private lastLetter = 0;
  private lastRoman = 0;
  private sawNumber = false;

  constructor(readonly context: RunContext) {}

  /** Chooses a reading for the next label of the run and records it. */
  next(readings: LabelReading[], around: LabelNeighbours): ResolvedLabel {
    const reading = this.choose(readings, around);
    const level = this.levelOf(reading);
    this.record(reading);
    return { reading, level };
  }

  private expected(scheme: LabelScheme): number {
    if (scheme === "number") return this.lastNumber + 1;
    if (scheme === "letter") return this.lastLetter + 1;
    if (scheme === "roman") return this.lastRoman + 1;
    return 0;
  }

  private choose(readings: LabelReading[], around: LabelNeighbours): LabelReading {
    if (readings.length === 1) return readings[0]!;
    const onTime = readings.filter((r) => r.value === this.expected(r.scheme));
    const letter = onTime.find((r) => r.scheme === "letter");
    const roman = onTime.find((r) => r.scheme === "roman");
    // "i)" right after "h)": the ninth item, or the first sub-item of h)?
    if (letter && roman) return this.breakTie(letter, roman, around);
    if (onTime.length > 0) return preferPlain(onTime);
    // A renumbered item whose struck label continues the old sequence ("810" after 7).
    const continuing = readings.find((r) => r.struck !== undefined && Number(r.struck) === this.expected(r.scheme));
    if (continuing) return continuing;
    // Nothing fits: take the reading closest to where its sequence stands, plain before glued, letters on a tie.
    const cost = (r: LabelReading) =>
      Math.abs(r.value - this.expected(r.scheme)) + (r.struck === undefined ? 0 : 0.5) + (r.scheme === "roman" ? 0.25 : 0);
    return [...readings].sort((a, b) => cost(a) - cost(b))[0]!;
  }

  private breakTie(letter: LabelReading, roman: LabelReading, around: LabelNeighbours): LabelReading {
    const next = around.next ?? [];
    if (next.some((r) => r.scheme === "roman" && r.value === roman.value + 1)) return roman;
    if (next.some((r) => r.scheme === "letter" && r.value === letter.value + 1)) return letter;
    // "v)" after "iv)" continues the open sub-list; "i)" opens one only after an announcing colon.
    if (this.lastRoman > 0) return roman;
    return around.previousText?.trimEnd().endsWith(":") ? roman : letter;
  }

  private levelOf(reading: LabelReading): 1 | 2 {
    switch (reading.scheme) {
      case "number":
        return reading.depth >= 3 ? 2 : 1;
      case "letter":
        if (this.context === "preambular") return 1;
        if (this.context === "operative") return 2;
        return this.sawNumber ? 2 : 1;
      case "roman":
      case "bullet":
        return 2;
    }
  }

  private record(reading: LabelReading): void {
    switch (reading.scheme) {
      case "number":
        if (reading.depth === 1) this.lastNumber = reading.value;
        this.sawNumber = true;
        this.lastLetter = 0;
        this.lastRoman = 0;
        return;
      case "letter":
        this.lastLetter = reading.value;
        this.lastRoman = 0;
        return;
      case "roman":
        this.lastRoman = reading.value;
        return;
      case "bullet":
        return;
    }
  }
}

function preferPlain(readings: LabelReading[]): LabelReading {
  return readings.find((r) => r.struck === undefined) ?? readings[0]!;
}
