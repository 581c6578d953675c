/**
 * Resolution 75 as it stood before the proposal ATU/35A18/1 (the fixture
 * proposal-mod-res75.es.txt): the fixture's lines with the old words taken
 * where struck and inserted words are glued, and the paragraphs the
 * proposal adds left out. Written out here, substitution by substitution,
 * so the base text does not come from the code under test.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";

// The fixtures live beside the repository (/work/shared/fixtures next to /work/main), in CI too.
export const FIXTURE = fileURLToPath(new URL("../../../shared/fixtures/proposal-mod-res75.es.txt", import.meta.url));

/** The fixture's text, lines numbered from 1. */
export function fixtureLines(): string[] {
  return fs.readFileSync(FIXTURE, "utf8").split("\n");
}

/** Lines (1-based) of paragraphs the proposal adds: e) of recordando, i), x) and xiii) of its list. */
export const NEW_LINES = [19, 21, 30, 33];

/** [line, flattened text, old text]: each glued change read by hand, the deleted words written before the inserted ones. */
const OLD_WORDS: [number, string, string][] = [
  [9, "Ginebra, 2022Nueva Delhi, 2024", "Ginebra, 2022"],
  [12, "; Nueva Delhi, 2024)", ")"],
  [13, "Ginebra, 2022Nueva Delhi, 2024", "Ginebra, 2022"],
  [14, "considerandorecordando", "considerando"],
  [20, "ef)", "e)"],
  [22, "i)ii)", "i)"], [22, "2018Bucarest, 2022", "2018"], [22, "2020-20232024-2027", "2020-2023"],
  [23, "ii)iii)", "ii)"], [24, "iii)iv)", "iii)"], [25, "iv)v)", "iv)"], [26, "v)vi)", "v)"], [27, "vi)vii)", "vi)"],
  [28, "vii)viii)", "vii)"], [29, "viii)ix)", "viii)"], [31, "ix)xi)", "ix)"], [32, "x)xii)", "x)"],
  ...[23, 24, 25, 26, 27, 28, 29, 32, 40, 95].map((line): [number, string, string] => [line, "2018Bucarest, 2022", "2018"]),
  [34, "fg)", "f)"], [35, "gh)", "g)"], [36, "hi)", "h)"], [37, "ij)", "i)"],
  [40, "el Consejoel Consejo de la UIT adoptó", "el Consejo adoptó"], [40, "vez\u00A0envez en", "vez\u00A0en"], [40, "20192024", "2019"],
  [50, "UIT;,", "UIT;"], [67, "Resolución;,", "Resolución;"], [73, "GTC-Internet;,", "GTC-Internet;"],
  [70, "2017Kigali, 2022", "2017"], [71, "2019Dubái, 2023", "2019"], [72, "CMDT-1722", "CMDT-17"],
  [77, "20192024", "2019"], [78, "20152023", "2015"], [82, "Consejo;,", "Consejo;"], [91, "GTC-Internet;,", "GTC-Internet;"],
  [103, "GTC-CMSI+ODS,;", "GTC-CMSI+ODS,"],
];

/** The base text: the resolution's lines (9 to 109) with the old words, as a plain-text document to import. */
export function res75BaseText(): string {
  const lines = fixtureLines();
  for (const [line, flattened, old] of OLD_WORDS) {
    const text = lines[line - 1]!;
    if (!text.includes(flattened)) throw new Error(`line ${line} has no "${flattened}"`);
    lines[line - 1] = text.replace(flattened, old);
  }
  return lines.slice(8, 109).filter((_, i) => !NEW_LINES.includes(i + 9)).join("\n");
}
