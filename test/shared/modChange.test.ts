import { describe, expect, it } from "vitest";
import { changedSpans, modConflicts, modRuns, spansConflict } from "../../shared/proposals/modChange.js";

const BASE = "que la UIT desempeñe un papel esencial en la aplicación de los resultados de la CMSI";

describe("a MOD as struck and underlined words", () => {
  it("gives runs that spell the base without the insertions and the proposal without the deletions", () => {
    const proposed = "que la UIT desempeñe un papel rector en la aplicación de los resultados de la CMSI y de la Agenda 2030";
    const runs = modRuns(BASE, proposed, "es");
    expect(runs.filter((r) => r.kind !== "insert").map((r) => r.text).join("")).toBe(BASE);
    expect(runs.filter((r) => r.kind !== "delete").map((r) => r.text).join("")).toBe(proposed);
    expect(runs.filter((r) => r.kind === "delete").map((r) => r.text.trim())).toEqual(["esencial"]);
    expect(runs.filter((r) => r.kind === "insert").map((r) => r.text.trim())).toEqual(["rector", "y de la Agenda 2030"]);
  });

  it("strikes and underlines Chinese by word", () => {
    const runs = modRuns("我们承诺确保普遍接入。", "我们承诺确保普遍和可负担的接入。", "zh");
    expect(runs.filter((r) => r.kind === "insert").map((r) => r.text).join("")).toBe("和可负担的");
    expect(runs.filter((r) => r.kind === "delete")).toEqual([]);
  });
});

describe("conflicts between MODs of one paragraph", () => {
  const mod = (text: string) => changedSpans(BASE, text, "es");
  const rector = mod(BASE.replace("esencial", "rector"));
  const central = mod(BASE.replace("esencial", "central"));
  const nextWord = mod(BASE.replace("aplicación", "puesta en práctica"));
  const appended = mod(`${BASE} y de la Agenda 2030`);
  const alsoAppended = mod(`${BASE}, en particular`);

  it("finds two MODs changing the same words", () => {
    expect(spansConflict(rector, central)).toBe(true);
  });

  it("finds two insertions at the same place, and an insertion inside struck words", () => {
    expect(spansConflict(appended, alsoAppended)).toBe(true);
    const struck = mod(BASE.replace("un papel esencial en", "en"));
    const inside = mod(BASE.replace("papel esencial", "papel muy esencial"));
    expect(spansConflict(struck, inside)).toBe(true);
  });

  it("lets changes of different words stand side by side", () => {
    expect(spansConflict(rector, nextWord)).toBe(false);
    expect(spansConflict(rector, appended)).toBe(false);
  });

  it("lists the conflicting pairs by id", () => {
    expect(modConflicts(BASE, [
      { id: "EUR/12A3/1", text: BASE.replace("esencial", "rector") },
      { id: "AFR/7/2", text: BASE.replace("aplicación", "puesta en práctica") },
      { id: "ARB/4/1", text: BASE.replace("esencial", "central") },
    ], "es")).toEqual([["EUR/12A3/1", "ARB/4/1"]]);
  });
});
