import type { BracketAttrs, BracketPlacer } from "../../../schemas/brackets.js";

/** Who places new brackets, when, and where fresh ids come from: everything a bracket command stamps. */
export interface Stamp {
  placer: BracketPlacer;
  /** ISO time of placing. */
  at: string;
  newId: () => string;
}

/** The attributes of a new bracket placed under `stamp`. */
export function newBracket(stamp: Stamp, alt: string | null = null): BracketAttrs {
  return { ...stamp.placer, id: stamp.newId(), alt, at: stamp.at };
}
