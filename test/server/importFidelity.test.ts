import fs from "node:fs";
import { fileURLToPath } from "node:url";
import {
  DeletedTextRun, Document, FootnoteReferenceRun, InsertedTextRun, Packer, Paragraph, TextRun,
} from "docx";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResponse } from "../../schemas/api.js";
import type { Overview } from "../../shared/document/overview.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

/**
 * What an import keeps of its source, read back from the exported Word file:
 * every labelled line keeps its label as written (or the import names the
 * line and says why not), every line's text comes back in order, footnotes
 * stay plain text and never become brackets, a title written over two lines
 * is one title; and an imported document is a draft only the secretariat and
 * facilitators see until it is published.
 */

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The paragraphs of a .docx's main part as text, TABs kept, read with a zip reader and the XML as written. */
function docxParagraphs(bytes: Uint8Array): string[] {
  const xml = new TextDecoder().decode(unzipSync(bytes)["word/document.xml"]!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((m) => (m[0] === "<w:tab/>" ? "\t" : m[1]!.replace(/&(\w+);/g, (_all, e: string) => XML_ENTITIES[e] ?? `&${e};`)))
      .join(""));
}

/** A label cell as the fixtures write them: "a)", "(iv)", "12", "2.10.1", "–"; null for a line without one. */
function sourceLabel(line: string): { label: string; text: string } | null {
  const match = /^\s*([^\t]{1,12})\t(.*)$/.exec(line);
  if (!match) return null;
  const label = match[1]!.trim();
  if (!/^(\(?[a-z]{1,5}\))+$|^\d+(\.\d+)*\.?$|^[–•-]$/i.test(label)) return null;
  return { label, text: match[2]!.replace(/\t+/g, " ").trim() };
}

/** Text as a comparison reads it: Word footnote markup and what the import made of it set aside, spaces collapsed. */
const comparable = (text: string) => text
  .replace(/\[footnoteRef:\d+\]\d*/g, "").replace(/\s*\[\d+:[^\]]*\]/g, "")
  .replace(/\s*\([¹²³⁴⁵⁶⁷⁸⁹⁰]+ .*\)/g, "").replace(/[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g, "")
  .replace(/\[bookmark:[^\]]*\]/g, "").replace(/\s+/g, " ").trim();

describe("import fidelity", () => {
  let server: TestServer;
  let secretariat: string;

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login("secretariat@demo.accord");
  });
  afterAll(() => server.close());

  const importBytes = async (body: Uint8Array, type: string, query = "") => {
    const res = await fetch(`${server.url}/api/documents/import${query}`, {
      method: "POST", headers: { cookie: secretariat, "content-type": type, origin: server.origin },
      body: new Blob([body as Uint8Array<ArrayBuffer>]),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as ImportResponse;
  };
  const exportDocx = async (id: string, variant = "negotiation", cookie = secretariat) => {
    const res = await fetch(`${server.url}/api/documents/${id}/export?variant=${variant}&format=docx&open=mark`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  const overview = async (id: string, cookie = secretariat) =>
    (await (await fetch(`${server.url}/api/documents/${id}/overview`, { headers: { cookie } })).json()) as Overview;

  for (const fixture of fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".txt"))) {
    it(`round-trips ${fixture}: every label as written (or explained on its line) and every text in order`, async () => {
      const source = fs.readFileSync(`${FIXTURES}${fixture}`, "utf8");
      const imported = await importBytes(new TextEncoder().encode(source), "text/plain; charset=utf-8");
      const paragraphs = docxParagraphs(await exportDocx(imported.document.id));
      const explained = new Set(imported.warnings.flatMap((w) => {
        const m = /^line (\d+):/.exec(w);
        return m ? [Number(m[1])] : [];
      }));

      let at = 0;
      let labelled = 0;
      source.split(/\r\n|\n|\r/).forEach((line, index) => {
        const cell = sourceLabel(line);
        const text = comparable(cell ? cell.text : line.replace(/\t+/g, " "));
        if (text === "" || /^_+$/.test(text)) return;
        // Found in order: at or after where the previous line was found (a title line may share a paragraph).
        const found = paragraphs.findIndex((p, i) => i >= at && comparable(p.replace(/\t/g, " ")).includes(text));
        // A line the import read differently (a flattened tracked change) says so on its line.
        if (found < 0 && explained.has(index + 1)) return;
        expect(found, `line ${index + 1} "${text.slice(0, 60)}" in order`).toBeGreaterThanOrEqual(at);
        at = found;
        if (!cell) return;
        labelled += 1;
        const shown = paragraphs[found]!.split("\t")[0]!;
        if (shown !== cell.label.replace(/\.$/, "")) {
          expect(explained.has(index + 1), `line ${index + 1}: label "${cell.label}" shown as "${shown}" without a word on that line`).toBe(true);
        }
      });
      expect(labelled).toBeGreaterThan(20);
    });
  }

  it("keeps the fixtures' footnotes as plain text in their paragraph, never as a bracket", async () => {
    const source = fs.readFileSync(`${FIXTURES}proposal-mod-res75.es.txt`, "utf8");
    const imported = await importBytes(new TextEncoder().encode(source), "text/plain; charset=utf-8");
    const paragraph = docxParagraphs(await exportDocx(imported.document.id))
      .find((p) => p.includes("Este término comprende los países menos adelantados"))!;
    expect(paragraph).toMatch(/desarrollo¹; \(¹ Este término comprende los países menos adelantados/);
    expect(paragraph).not.toMatch(/[[\]]/);
    expect(imported.warnings.some((w) => w.startsWith("line 62: footnote 1 kept as plain text"))).toBe(true);
    const brackets = (await overview(imported.document.id)).paragraphs.reduce((n, p) => n + p.brackets, 0);
    expect(brackets).toBe(0);
  });

  it("keeps h) as h) after unlabelled lines, and 2.10.1 as 2.10.1, in the council report", async () => {
    const source = fs.readFileSync(`${FIXTURES}council-report-res1332.es.txt`, "utf8");
    const imported = await importBytes(new TextEncoder().encode(source), "text/plain; charset=utf-8");
    const labels = (await overview(imported.document.id)).paragraphs.map((p) => p.label);
    expect(labels).toContain("2.10.1");
    const paragraphs = docxParagraphs(await exportDocx(imported.document.id));
    expect(paragraphs.find((p) => p.includes("que la Resolución 102 (Rev. Bucarest, 2022), en sus considerando"))).toMatch(/^h\)\t/);
    expect(paragraphs.find((p) => p.includes("El GTC-CMSI+ODS inició un debate"))).toMatch(/^2\.10\.1\t/);
    // The agreed text renumbers in sequence, as every revision does.
    const agreed = docxParagraphs(await exportDocx(imported.document.id, "agreed"));
    expect(agreed.find((p) => p.includes("El GTC-CMSI+ODS inició un debate"))).toMatch(/^a\)\t/);
  });

  it("reads a Word file made here: footnotes, labels after unlabelled lines, a title over two lines, tracked changes", async () => {
    const document = new Document({
      footnotes: { 1: { children: [new Paragraph("This term includes the least developed countries.")] } },
      sections: [{
        children: [
          new Paragraph("Draft declaration on the implementation of"),
          new Paragraph("the outcomes of the World Summit"),
          new Paragraph("We, the participants,"),
          new Paragraph({ children: [new TextRun("1.\tRecognize the needs of developing countries"), new FootnoteReferenceRun(1), new TextRun(";")] }),
          new Paragraph("A line without a label."),
          new Paragraph({ children: [new TextRun("7.\tDecide to "), new DeletedTextRun({ text: "consider ", id: 1, author: "X", date: "2025-01-01T00:00:00Z" }), new InsertedTextRun({ text: "continue ", id: 2, author: "X", date: "2025-01-01T00:00:00Z" }), new TextRun("the review.")] }),
        ],
      }],
    });
    const imported = await importBytes(new Uint8Array(await Packer.toBuffer(document)), DOCX, "?language=en");
    expect(imported.document.title).toBe("Draft declaration on the implementation of the outcomes of the World Summit");
    expect(imported.warnings).toContain("lines 1-2: one title written over 2 lines; joined as one title.");
    expect(imported.warnings.some((w) => w.startsWith("The Word file holds tracked changes"))).toBe(true);
    const view = await overview(imported.document.id);
    expect(view.paragraphs.map((p) => p.label)).toEqual(["1.", "1 bis.", "7."]);
    expect(imported.warnings).toContain(
      'line 5: no label in the source among labelled paragraphs; numbered "1 bis." as an addition after the label before it.',
    );
    const paragraphs = docxParagraphs(await exportDocx(imported.document.id));
    expect(paragraphs).toContain("1.\tRecognize the needs of developing countries¹; (¹ This term includes the least developed countries.)");
    expect(paragraphs).toContain("7.\tDecide to continue the review.");
    expect(view.paragraphs.reduce((n, p) => n + p.brackets, 0)).toBe(0);
  });

  describe("an imported document is a draft until the secretariat publishes it", () => {
    let id: string;
    beforeAll(async () => {
      const text = "Draft outcome on drafts\n\n1.\tFirst paragraph.\n\n2.\tSecond paragraph.\n";
      id = (await importBytes(new TextEncoder().encode(text), "text/plain", "?language=en")).document.id;
    });

    const listed = async (cookie: string) =>
      ((await (await fetch(`${server.url}/api/documents`, { headers: { cookie } })).json()) as { id: string; draft: boolean }[])
        .find((d) => d.id === id);

    it("is listed, opened and exported only by the secretariat and facilitators", async () => {
      const chair = await server.login("chair@demo.accord");
      expect(await listed(secretariat)).toMatchObject({ draft: true });
      expect(await listed(chair)).toMatchObject({ draft: true });
      for (const email of ["arcadia@demo.accord", "observer@demo.accord"]) {
        const cookie = await server.login(email);
        expect(await listed(cookie)).toBeUndefined();
        for (const path of ["", "/overview", "/attribution", "/audit", "/comments", "/revisions", "/revisions/1", "/compare?from=1",
          "/export?variant=agreed&format=md&open=mark"]) {
          const res = await fetch(`${server.url}/api/documents/${id}${path}`, { headers: { cookie } });
          expect(res.status, `${email} GET ${path}`).toBe(404);
        }
        const json = { cookie, origin: server.origin, "content-type": "application/json" };
        for (const [method, path, body] of [
          ["PATCH", "", { place: "Nowhere" }], ["POST", "/publish", undefined], ["POST", "/revisions", {}],
          ["POST", "/comments", { pid: "pAnything", text: "Seen?" }],
        ] as const) {
          const res = await fetch(`${server.url}/api/documents/${id}${path}`, { method, headers: json, body: body && JSON.stringify(body) });
          expect(res.status, `${email} ${method} ${path}`).toBe(404);
        }
        const ws = await fetch(`${server.url}/ws/documents/${id}`, { headers: { cookie, origin: server.origin } });
        expect(ws.status, `${email} websocket`).toBe(404);
      }
    });

    it("is read by a delegate the secretariat names facilitator of it, and by them only", async () => {
      const arcadia = await server.login("arcadia@demo.accord");
      const civil = await server.login("civil@demo.accord");
      const me = (await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: arcadia } })).json()) as { user: { id: string } };
      const named = await fetch(`${server.url}/api/admin/documents/${id}/facilitators`, {
        method: "PUT", headers: { cookie: secretariat, origin: server.origin, "content-type": "application/json" },
        body: JSON.stringify({ userIds: [me.user.id] }),
      });
      expect(named.status).toBe(200);
      expect(await listed(arcadia)).toMatchObject({ draft: true });
      expect((await fetch(`${server.url}/api/documents/${id}/overview`, { headers: { cookie: arcadia } })).status).toBe(200);
      expect(await listed(civil)).toBeUndefined();
    });

    it("is published by the secretariat only, once, and then everyone reads it", async () => {
      const chair = await server.login("chair@demo.accord");
      const publish = (cookie: string) => fetch(`${server.url}/api/documents/${id}/publish`, { method: "POST", headers: { cookie, origin: server.origin } });
      expect((await publish(chair)).status).toBe(403);
      const published = await publish(secretariat);
      expect(published.status).toBe(200);
      expect(await published.json()).toMatchObject({ id, draft: false });
      expect((await publish(secretariat)).status).toBe(409);
      const delegate = await server.login("arcadia@demo.accord");
      expect(await listed(delegate)).toMatchObject({ draft: false });
      expect((await fetch(`${server.url}/api/documents/${id}/overview`, { headers: { cookie: delegate } })).status).toBe(200);
      const audit = server.accord.db.prepare("SELECT action FROM audit_log WHERE document_id = ? ORDER BY id").pluck().all(id);
      expect(audit).toEqual(["document.imported", "document.facilitators", "document.published"]);
    });
  });

  describe("document details in the export header", () => {
    const patch = (id: string, cookie: string, body: unknown) => fetch(`${server.url}/api/documents/${id}`, {
      method: "PATCH", headers: { cookie, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify(body),
    });

    it("are changed by the secretariat only, checked, audited, and printed by every format", async () => {
      const text = "Draft outcome with a header\n\n1.\tOnly paragraph.\n";
      const id = (await importBytes(new TextEncoder().encode(text), "text/plain", "?language=en")).document.id;
      const chair = await server.login("chair@demo.accord");
      expect((await patch(id, chair, { symbol: "X" })).status).toBe(403);
      const invalid = await patch(id, secretariat, { date: "16/12/2025", colour: "red" });
      expect(invalid.status).toBe(400);
      const problem = (await invalid.json()) as { issues: { path: string; message: string }[] };
      expect(problem.issues.map((i) => i.path).sort()).toEqual(["(body)", "date"]);

      const ok = await patch(id, secretariat, { symbol: "WSIS+20/MPP/3/Rev.2", date: "2025-12-16", place: "Geneva" });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ symbol: "WSIS+20/MPP/3/Rev.2", date: "2025-12-16", place: "Geneva", title: "Draft outcome with a header" });

      const docx = await exportDocx(id, "agreed");
      const header = Object.entries(unzipSync(docx)).filter(([name]) => /^word\/header\d*\.xml$/.test(name))
        .map(([, bytes]) => new TextDecoder().decode(bytes)).join("");
      expect(header).toContain("WSIS+20/MPP/3/Rev.2");
      expect(header).toContain("Geneva, 16 December 2025");
      const html = await (await fetch(`${server.url}/api/documents/${id}/export?variant=agreed&format=html&open=mark`, { headers: { cookie: secretariat } })).text();
      expect(html).toContain('<div class="doc-header__symbol">WSIS+20/MPP/3/Rev.2</div>');
      expect(html).toContain("Geneva, 16 December 2025");
      const md = await (await fetch(`${server.url}/api/documents/${id}/export?variant=agreed&format=md&open=mark`, { headers: { cookie: secretariat } })).text();
      expect(md.split("\n")[0]).toBe("**WSIS\\+20/MPP/3/Rev.2**");

      // While a draft, the language may change (labels and dates follow); once published it is fixed.
      expect((await patch(id, secretariat, { language: "fr" })).status).toBe(200);
      const french = await (await fetch(`${server.url}/api/documents/${id}/export?variant=agreed&format=md&open=mark`, { headers: { cookie: secretariat } })).text();
      expect(french).toContain("Geneva, 16 décembre 2025");
      expect((await fetch(`${server.url}/api/documents/${id}/publish`, { method: "POST", headers: { cookie: secretariat, origin: server.origin } })).status).toBe(200);
      const fixed = await patch(id, secretariat, { language: "es" });
      expect(fixed.status).toBe(409);
      expect(((await fixed.json()) as { error: string }).error).toBe("language_fixed");
      expect((await patch(id, secretariat, { language: "fr", place: "Genève" })).status).toBe(200);

      const audit = server.accord.db.prepare("SELECT detail FROM audit_log WHERE document_id = ? AND action = 'document.described'").pluck().all(id) as string[];
      expect(audit.map((d) => JSON.parse(d))).toEqual([
        { symbol: { from: "", to: "WSIS+20/MPP/3/Rev.2" }, date: { from: "", to: "2025-12-16" }, place: { from: "", to: "Geneva" } },
        { language: { from: "en", to: "fr" } },
        { place: { from: "Geneva", to: "Genève" } },
      ]);
    });
  });
});
