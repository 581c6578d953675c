import { describe, expect, it } from "vitest";
import { DocumentLanguage } from "../../schemas/domain.js";
import type { ProposalCompilation, ProposalView } from "../../schemas/proposals.js";
import { COMPILATION_WORDS } from "../../server/export/compilationWords.js";
import { renderCompilationHtml } from "../../server/export/proposalCompilationHtml.js";
import { compilationExport } from "../../server/export/proposalCompilationModel.js";

const counts = { MOD: 1, ADD: 2, SUP: 3, NOC: 4 };

/** A compilation of one paragraph with a MOD by an Arabic-speaking delegation and a NOC, and an orphan SUP and NOC. */
function compilation(): ProposalCompilation {
  const proposal = (id: string, kind: ProposalView["kind"], extra: Partial<ProposalView> = {}): ProposalView => ({
    id, kind, pid: "p1", status: "submitted", reasons: "", text: null, base: "يقرر المؤتمر", runs: null,
    proposer: { name: "Amal", delegation: "مصر", group: "governments" }, createdAt: "2025-12-16T09:00:00Z", submittedAt: "2025-12-16T09:00:00Z",
    applied: null, ...extra,
  });
  return {
    blocks: [{
      pid: "p1", kind: "paragraph", label: "1", text: "يقرر المؤتمر",
      proposals: [
        proposal("EGY/1", "MOD", { runs: [{ kind: "equal", text: "يقرر " }, { kind: "insert", text: "بالإجماع" }], reasons: "للوضوح." }),
        proposal("EGY/2", "NOC", { proposer: null }),
      ],
      conflicts: [["EGY/1", "EGY/3"]],
    }],
    orphans: [proposal("EGY/4", "SUP", { pid: "pGone" }), proposal("EGY/5", "NOC", { pid: "pGone" })],
    counts,
  };
}

describe("the compilation of proposals in the document's language", () => {
  it("has a table for each of the six languages with every word filled in", () => {
    const keys = (words: object): string[] => Object.entries(words).flatMap(([k, v]) =>
      typeof v === "object" && v !== null ? keys(v).map((sub) => `${k}.${sub}`) : [k]);
    const english = keys(COMPILATION_WORDS.en).sort();
    for (const language of DocumentLanguage.options) {
      const words = COMPILATION_WORDS[language];
      expect(keys(words).sort(), language).toEqual(english);
      const strings = (value: object): string[] => Object.values(value).flatMap((v) =>
        typeof v === "string" ? [v] : typeof v === "object" && v !== null ? strings(v) : []);
      for (const value of strings(words)) expect(value.trim(), language).not.toBe("");
      // The words of the other languages are their own, not English left in place.
      if (language !== "en") expect(words.heading, language).not.toBe(COMPILATION_WORDS.en.heading);
      const counted = words.counts(counts);
      for (const n of ["1", "2", "3", "4", "10"]) expect(counted, language).toContain(n);
      expect(words.conflict("A/1", "B/2"), language).toMatch(/A\/1.*B\/2/);
      expect(words.shownOnly(["x", "y"]), language).toMatch(/x.*y/);
    }
  });

  it("prints an Arabic document's compilation with Arabic words and no English", () => {
    const model = compilationExport(
      { title: "القرار 999", language: "ar", details: { symbol: "", date: "", place: "" } },
      compilation(), { group: "governments", kind: "MOD" },
    );
    expect(model.heading).toBe("تجميع المقترحات");
    expect(model.counts).toBe("عدد المقترحات: 10 (MOD 1، ADD 2، SUP 3، NOC 4).");
    expect(model.filters).toBe("المعروض فقط: فئة أصحاب المصلحة الحكومات؛ النوع MOD.");
    const html = renderCompilationHtml(model);
    expect(html).toContain('<html lang="ar">');
    for (const words of ["مصر (الحكومات)", "الأسباب:", "بدون تغيير", "مقدم المقترح غير معروف", "EGY/1 وEGY/3 يعدلان الكلمات نفسها.",
      "مقترحات بشأن فقرات لم تعد واردة في النص", "الفقرة كما كانت:"]) {
      expect(html).toContain(words);
    }
    for (const english of ["Reasons", "No change", "Proposer unknown", "Governments", "Compilation of proposals", "change the same words"]) {
      expect(html).not.toContain(english);
    }
  });

  it("keeps the English words for an English document", () => {
    const model = compilationExport({ title: "Resolution", language: "en", details: { symbol: "", date: "", place: "" } }, compilation(), {});
    expect([model.heading, model.counts, model.filters]).toEqual(["Compilation of proposals", "10 proposals: MOD 1, ADD 2, SUP 3, NOC 4.", "All submitted proposals."]);
  });
});
