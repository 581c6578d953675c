import fs from "node:fs";
import { Document, Packer, Paragraph, Tab, TextRun } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResponse } from "../../schemas/api.js";
import { ProposalImportResult, ProposalLabel, type ProposalView } from "../../schemas/proposals.js";
import type { Overview } from "../../shared/document/overview.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { FIXTURE, res75BaseText } from "./res75Base.js";

/** A text with every kind of space a plain space. */
const spaced = (text: string | null | undefined) => (text ?? "").replace(/\s/gu, " ");

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A Word proposal made here: a summary, a MOD marker, one paragraph with struck and underlined words, its reasons. */
async function wordProposal(id: string): Promise<Uint8Array> {
  const document = new Document({
    sections: [{
      children: [
        new Paragraph({ children: [new TextRun("Resumen: Arcadia propone una redacción más fuerte.")] }),
        new Paragraph({ children: [new TextRun({ children: ["MOD", new Tab(), id] })] }),
        new Paragraph({
          children: [
            new TextRun({ children: ["b)", new Tab(), "la "] }),
            new TextRun({ text: "notable", strike: true }),
            new TextRun({ text: "considerable", underline: {} }),
            new TextRun(" incidencia que la Agenda 2030 para el Desarrollo Sostenible tiene sobre las actividades de la UIT;"),
          ],
        }),
        new Paragraph({ children: [new TextRun({ children: ["Reasons:", new Tab(), "Stronger wording."] })] }),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/**
 * Importing a delegation's proposal file against a document's text: the
 * Spanish ITU proposal ATU/35A18/1 (flattened tracked changes) against
 * Resolution 75 as it stood before it, and a Word proposal with struck and
 * underlined runs; every refusal stores nothing.
 */
describe("importing proposals from a file", () => {
  let server: TestServer;
  let docId: string;
  let overview: Overview;
  let fixture: ProposalImportResult;
  const cookies: Record<string, string> = {};

  const post = (who: string, body: Uint8Array, query = "", type = "application/octet-stream") =>
    fetch(`${server.url}/api/documents/${docId}/proposals/import${query}`, {
      method: "POST", headers: { cookie: cookies[who]!, origin: server.origin, "content-type": type }, body: new Blob([body as Uint8Array<ArrayBuffer>]),
    });
  const stored = () => server.accord.db.prepare("SELECT count(*) FROM proposals WHERE document_id = ?").pluck().get(docId) as number;
  const audited = () => server.accord.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'proposal.drafted'").pluck().get() as number;
  /** The paragraph of the text whose words start so (no-break spaces as spaces: the fixture has many). */
  const paragraph = (start: string) => {
    const found = overview.paragraphs.filter((p) => spaced(p.excerpt).startsWith(start));
    expect(found.map((p) => p.excerpt.slice(0, 60))).toHaveLength(1);
    return found[0]!;
  };
  const noteOn = (line: number) => fixture.notes.filter((n) => n.line === line).map((n) => n.message).join(" | ");

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ["secretariat", "arcadia", "borealia", "observer"]) cookies[who] = await server.login(`${who}@demo.accord`);
    const imported = await fetch(`${server.url}/api/documents/import?language=es`, {
      method: "POST", headers: { cookie: cookies.secretariat!, "content-type": "text/plain", origin: server.origin }, body: res75BaseText(),
    });
    expect(imported.status).toBe(201);
    docId = ((await imported.json()) as ImportResponse).document.id;
    expect((await fetch(`${server.url}/api/documents/${docId}/publish`, { method: "POST", headers: { cookie: cookies.secretariat!, origin: server.origin } })).status).toBe(200);
    overview = (await (await fetch(`${server.url}/api/documents/${docId}/overview`, { headers: { cookie: cookies.arcadia! } })).json()) as Overview;

    const res = await post("arcadia", new Uint8Array(fs.readFileSync(FIXTURE)), "?name=proposal-mod-res75.es.txt");
    expect(res.status).toBe(201);
    fixture = ProposalImportResult.parse(await res.json());
  });
  afterAll(() => server.close());

  it("makes one draft of the delegation per changed paragraph, ids suffixed in the order of the text, each audited", async () => {
    const ids = fixture.proposals.map((p) => p.id);
    expect(ids[0]).toBe("ATU/35A18/1");
    expect(ids.slice(1, 3)).toEqual(["ATU/35A18/1.2", "ATU/35A18/1.3"]);
    expect(ids.every((id) => ProposalLabel.safeParse(id).success)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fixture.proposals.every((p) => p.status === "draft" && p.proposer?.delegation === "Republic of Arcadia")).toBe(true);
    expect(stored()).toBe(ids.length);
    const details = server.accord.db.prepare("SELECT detail FROM audit_log WHERE action = 'proposal.drafted'").pluck().all() as string[];
    expect(details.map((d) => JSON.parse(d) as { id: string; imported: boolean })).toEqual(
      fixture.proposals.map((p) => ({ id: p.id, kind: p.kind, imported: true })));
    expect(noteOn(8)).toContain(`changes ${ids.length} paragraphs`);
    expect(noteOn(1)).toMatch(/lines 1-6 come before the first ADD, MOD, SUP or NOC marker .* skipped/);
    // Drafts: another delegation does not see them.
    const theirs = (await (await fetch(`${server.url}/api/documents/${docId}/proposals`, { headers: { cookie: cookies.borealia! } })).json()) as ProposalView[];
    expect(theirs).toEqual([]);
  });

  it("reads glued struck and inserted words as a MOD of the old words", () => {
    const base = paragraph("la Resolución 30 (Rev.");
    const mod = fixture.proposals.find((p) => p.pid === base.pid)!;
    expect(mod.kind).toBe("MOD");
    expect(spaced(mod.base)).toMatch(/^la Resolución 30 \(Rev.\s+Buenos Aires, 2017\) de la Conferencia Mundial/);
    expect(spaced(mod.text)).toMatch(/^la Resolución 30 \(Rev.\s+Kigali, 2022\) de la Conferencia Mundial/);
    expect(mod.runs!.filter((r) => r.kind === "delete").map((r) => r.text)).toEqual(["Buenos Aires", "2017"]);
    expect(mod.runs!.filter((r) => r.kind === "insert").map((r) => r.text)).toEqual(["Kigali", "2022"]);

    // "el Consejoel Consejo de la UIT", "20192024": the repeated words and the number are the deletions.
    const b = fixture.proposals.find((p) => p.pid === paragraph("que el Grupo de Trabajo del Consejo sobre la CMSI").pid)!;
    expect(spaced(b.text)).toContain("de conformidad con la Resolución 140 (Rev.  Bucarest, 2022) y la Resolución 1332, que el Consejo de la UIT adoptó por primera vez en su reunión de 2011 y modificó por última vez en su reunión de 2024, abierto");
    expect(b.runs!.filter((r) => r.kind === "insert").map((r) => r.text.trim())).toContain("de la UIT");

    // "i)ii)": the text's i), renumbered, with "Dubái, 2018" and "2020-2023" struck.
    const i = fixture.proposals.find((p) => p.pid === paragraph("Resolución 71").pid)!;
    expect(spaced(i.text)).toBe("Resolución 71 (Rev. Bucarest, 2022) de la Conferencia de Plenipotenciarios, sobre el Plan Estratégico de la Unión para  2024-2027;");
    expect(noteOn(22)).toContain('label "i)ii)" is i) renumbered ii)');
  });

  it("proposes new paragraphs as ADDs after the paragraph before them", () => {
    const adds = fixture.proposals.filter((p) => p.kind === "ADD");
    expect(adds.map((a) => spaced(a.text).slice(0, 20))).toEqual(["la Resolución A/78/L", "Resolución 70 (Rev. ", "Resolución 175 (Rev.", "Resolución 214 (Buca"]);
    const r175 = adds[2]!;
    expect(spaced(r175.text)).toMatch(/^Resolución 175 \(Rev. Bucarest, 2022\) de la Conferencia de Plenipotenciarios, referente a la accesibilidad/);
    expect(r175).toMatchObject({ pid: paragraph("Resolución 140 (Rev.").pid, base: "", runs: null });
    expect(adds[0]!.pid).toBe(paragraph("la Declaración de la CMSI+10").pid);
    expect(noteOn(30)).toContain('new paragraph (ADD) after paragraph viii) (its label "x)" is not kept');
  });

  it("notes changes to headings instead of proposing them: the verb phrase, the title, the opening line", () => {
    expect(noteOn(14)).toContain('the verb phrase "considerando" would read "recordando" (read from the flattened "considerandorecordando")');
    expect(noteOn(14)).toContain("not imported");
    expect(noteOn(9)).toContain('the title "RESOLUCIÓN 75 (Rev. Ginebra, 2022)" would read "RESOLUCIÓN 75 (Rev. Nueva Delhi, 2024)"');
    expect(noteOn(13)).toContain("(Nueva Delhi, 2024),");
    // A line unchanged but renumbered ("fg)") gives no proposal.
    expect(fixture.proposals.some((p) => p.pid === paragraph("las Opiniones del Foro Mundial").pid)).toBe(false);
    expect(noteOn(34)).toContain("f) renumbered g)");
  });

  it("imports a Word proposal's struck and underlined runs as exactly one MOD with its reasons", async () => {
    const before = stored();
    const res = await post("arcadia", await wordProposal("EUR/12A3/1"), "?name=eur.docx", DOCX);
    expect(res.status).toBe(201);
    const result = ProposalImportResult.parse(await res.json());
    const base = paragraph("la notable incidencia");
    expect(result.proposals).toHaveLength(1);
    expect(result.proposals[0]).toMatchObject({
      id: "EUR/12A3/1", kind: "MOD", pid: base.pid, reasons: "Stronger wording.",
      base: "la notable incidencia que la Agenda 2030 para el Desarrollo Sostenible tiene sobre las actividades de la UIT;",
      text: "la considerable incidencia que la Agenda 2030 para el Desarrollo Sostenible tiene sobre las actividades de la UIT;",
      runs: [
        { kind: "equal", text: "la " }, { kind: "delete", text: "notable" }, { kind: "insert", text: "considerable" },
        { kind: "equal", text: " incidencia que la Agenda 2030 para el Desarrollo Sostenible tiene sobre las actividades de la UIT;" },
      ],
    });
    expect(result.notes.map((n) => n.message).join(" ")).toContain("before the first ADD, MOD, SUP or NOC marker");
    expect(stored()).toBe(before + 1);
  });

  it("refuses an observer, a closed period, a damaged Word file, a file with nothing to import and a taken id, storing nothing", async () => {
    const before = [stored(), audited()];
    const word = await wordProposal("EUR/12A3/1");
    const refusal = async (res: Response) => [res.status, ((await res.json()) as { error: string }).error];

    expect(await refusal(await post("observer", word, "", DOCX))).toEqual([403, "forbidden"]);
    expect(await refusal(await post("arcadia", word.slice(0, Math.floor(word.length / 2)), "?name=eur.docx", DOCX))).toEqual([400, "unreadable_file"]);
    // The same id again: noted, and with nothing else in the file nothing is recognised.
    const taken = await post("arcadia", word, "", DOCX);
    expect(taken.status).toBe(400);
    const body = (await taken.json()) as { error: string; notes: { line: number; message: string }[] };
    expect(body.error).toBe("nothing_recognised");
    expect(body.notes.map((n) => n.message)).toContain("the id EUR/12A3/1 is already used in this document: this proposal is skipped.");
    const plain = await post("arcadia", new TextEncoder().encode("Una nota sin marcador.\n"));
    expect(await refusal(plain)).toEqual([400, "nothing_recognised"]);

    server.accord.db.prepare("UPDATE documents SET proposals_open = 0 WHERE id = ?").run(docId);
    expect(await refusal(await post("arcadia", await wordProposal("EUR/12A3/9"), "", DOCX))).toEqual([409, "proposals_closed"]);
    server.accord.db.prepare("UPDATE documents SET proposals_open = 1 WHERE id = ?").run(docId);
    expect([stored(), audited()]).toEqual(before);
  });
});
