import type { BracketAttrs, BracketPlacer } from "../../schemas/brackets.js";

/**
 * Returns a function that re-stamps copied brackets as new ones placed by
 * `placer` at `at`: every bracket id gets a fresh id and every set of
 * alternatives a fresh set id, consistently (two marks of the same copied
 * bracket stay one bracket, options of one copied set stay one set). A copy
 * thus never carries someone else's attribution or collides with the original.
 */
export function createRestamper(
  placer: BracketPlacer,
  at: string,
  newId: () => string,
): (bracket: BracketAttrs) => BracketAttrs {
  const ids = new Map<string, string>();
  const sets = new Map<string, string>();
  const remap = (map: Map<string, string>, key: string) => {
    let fresh = map.get(key);
    if (fresh === undefined) map.set(key, (fresh = newId()));
    return fresh;
  };
  return (bracket) => ({
    ...placer,
    id: remap(ids, bracket.id),
    alt: bracket.alt === null ? null : remap(sets, bracket.alt),
    at,
  });
}
