import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalCompilation, ProposalView } from "../../schemas/proposals.js";
import type { Overview } from "../../shared/document/overview.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

/**
 * The compilation of proposals exported: three delegations propose MOD, ADD,
 * SUP and NOC through the API and submit them; the Word file shows each
 * block with its proposals in the order of the text, a MOD's deleted words
 * as struck runs and inserted words as underlined runs, the reasons, the
 * conflict; drafts stay out, filters narrow it, the web page escapes what
 * delegations wrote, the PDF reads back.
 */

/** One run of a Word paragraph: its words (a tab as "\t") and whether it is struck or underlined. */
interface WordRun { text: string; strike: boolean; underline: boolean }
interface WordParagraph { style: string; bidi: boolean; runs: WordRun[]; text: string }

const xmlText = (xml: string) => xml.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The paragraphs of word/document.xml, in order, with their style and runs. */
function wordParagraphs(docx: Uint8Array): WordParagraph[] {
  const xml = new TextDecoder().decode(unzipSync(docx)["word/document.xml"]!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => {
    const runs = [...p.matchAll(/<w:r(?:\s[^>]*)?>([\s\S]*?)<\/w:r>/g)].map(([, run]): WordRun => {
      const props = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(run!)?.[1] ?? "";
      const text = [...run!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map(([tag, t]) => (tag.startsWith("<w:tab") ? "\t" : xmlText(t!))).join("");
      return { text, strike: /<w:strike(?: w:val="(?:true|1|on)")?\/>/.test(props), underline: /<w:u w:val="single"\/>/.test(props) };
    });
    return {
      style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p)?.[1] ?? "",
      bidi: /<w:bidi\/>/.test(p),
      runs,
      text: runs.map((r) => r.text).join(""),
    };
  });
}

/** The paragraphs of one proposal: from its line ("MOD\tARC/1") to the next proposal, block or conflict. */
function proposalParagraphs(paragraphs: WordParagraph[], line: string): WordParagraph[] {
  const start = paragraphs.findIndex((p) => p.style === "AccordProposal" && p.text === line);
  expect(start, line).toBeGreaterThanOrEqual(0);
  const end = paragraphs.findIndex((p, i) => i > start && ["AccordProposal", "AccordBaseText", "AccordConflict", "AccordHeading"].includes(p.style));
  return paragraphs.slice(start, end < 0 ? undefined : end);
}

const proposed = (paragraphs: WordParagraph[]) => paragraphs.find((p) => p.style === "AccordProposedText")!;
const struck = (p: WordParagraph) => p.runs.filter((r) => r.strike).map((r) => r.text);
const underlined = (p: WordParagraph) => p.runs.filter((r) => r.underline).map((r) => r.text);

describe("exporting the compilation of proposals", () => {
  let server: TestServer;
  let docId: string;
  const cookies: Record<string, string> = {};
  const bases: string[] = [];
  const pids: string[] = [];
  const ARABIC = "نؤكد من جديد التزامنا بمجتمع المعلومات.";
  const SCRIPT_REASONS = 'Keep it as it is: <script>alert("x")</script> & nothing else.';

  const post = (who: string, path: string, body?: unknown) => fetch(`${server.url}/api/documents/${docId}/proposals${path}`, {
    method: "POST", headers: { cookie: cookies[who]!, origin: server.origin, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const exportOf = (query: string, who = "observer") =>
    fetch(`${server.url}/api/documents/${docId}/proposals/compilation/export?${query}`, { headers: { cookie: cookies[who]! } });
  const docx = async (query = "") => {
    const res = await exportOf(`format=docx${query}`);
    expect(res.status).toBe(200);
    return wordParagraphs(new Uint8Array(await res.arrayBuffer()));
  };
  const ids = (paragraphs: WordParagraph[]) => paragraphs.filter((p) => p.style === "AccordProposal").map((p) => p.text);

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ["chair", "arcadia", "borealia", "civil", "observer"]) cookies[who] = await server.login(`${who}@demo.accord`);
    docId = await server.documentId(cookies.chair!, "Declaration");
    server.accord.db.prepare("UPDATE documents SET symbol = ?, place = ?, dated = ? WHERE id = ?").run("WSIS+20/MPP/3", "Geneva", "2026-11-30", docId);
    const overview = (await (await fetch(`${server.url}/api/documents/${docId}/overview`, { headers: { cookie: cookies.chair! } })).json()) as Overview;
    // The paragraphs' words as the compilation reads them from the text.
    const compilation = (await (await fetch(`${server.url}/api/documents/${docId}/proposals/compilation`, { headers: { cookie: cookies.observer! } })).json()) as ProposalCompilation;
    for (const p of overview.paragraphs.filter((p) => p.status === "open" && p.brackets === 0).slice(0, 3)) {
      pids.push(p.pid);
      bases.push(compilation.blocks.find((b) => b.pid === p.pid)!.text);
    }

    const words = bases[0]!.split(" ");
    const replacing = (word: string) => [words[0], word, ...words.slice(2)].join(" ");
    const proposals: [string, Record<string, string>][] = [
      ["arcadia", { id: "ARC/12A3/1", kind: "MOD", pid: pids[0]!, text: `${replacing("resolutely")} without delay`, reasons: "Stronger wording." }],
      ["borealia", { id: "BOR/12A3/2", kind: "MOD", pid: pids[0]!, text: replacing("firmly"), reasons: "Firmer." }],
      ["borealia", { id: "BOR/12A3/3", kind: "ADD", pid: pids[0]!, text: "A new paragraph on capacity building.", reasons: "A gap in the text." }],
      ["arcadia", { id: "ARC/12A3/4", kind: "SUP", pid: pids[1]!, reasons: "Covered by another paragraph." }],
      ["borealia", { id: "BOR/12A3/5", kind: "NOC", pid: pids[2]!, reasons: SCRIPT_REASONS }],
      ["civil", { id: "DRN/12A3/6", kind: "ADD", pid: pids[2]!, text: ARABIC, reasons: "Text of the Arab States." }],
    ];
    for (const [who, body] of proposals) {
      const created = await post(who, "", body);
      expect(created.status).toBe(201);
      expect((await post(who, `/${encodeURIComponent(body.id!)}/submit`)).status).toBe(200);
    }
    // A draft: read by its delegation only, never compiled.
    expect((await post("arcadia", "", { id: "ARC/12A3/7", kind: "NOC", pid: pids[1]!, reasons: "Still a draft." })).status).toBe(201);
  });
  afterAll(() => server.close());

  it("gives a Word file with each block's proposals in text order, deleted words struck and inserted words underlined", async () => {
    const res = await exportOf("format=docx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w-]+-proposals\.docx"/);
    const parts = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const headers = Object.keys(parts).filter((name) => /^word\/header\d*\.xml$/.test(name)).map((name) => new TextDecoder().decode(parts[name]));
    expect(headers.join("")).toContain("WSIS+20/MPP/3");
    expect(headers.join("")).toContain("Geneva, 30 November 2026");
    const paragraphs = wordParagraphs(new Uint8Array(await (await exportOf("format=docx")).arrayBuffer()));

    expect(paragraphs[0]).toMatchObject({ style: "AccordTitle", text: "Compilation of proposals" });
    expect(paragraphs[1]!.text).toMatch(/\(WSIS\+20\/MPP\/3\)$/);
    expect(paragraphs.map((p) => p.text)).toContain("6 proposals: MOD 2, ADD 2, SUP 1, NOC 1.");
    expect(ids(paragraphs)).toEqual(["MOD\tARC/12A3/1", "MOD\tBOR/12A3/2", "ADD\tBOR/12A3/3", "SUP\tARC/12A3/4", "NOC\tBOR/12A3/5", "ADD\tDRN/12A3/6"]);
    // Each block as it stands, before its proposals.
    const baseBlocks = paragraphs.filter((p) => p.style === "AccordBaseText");
    expect(baseBlocks.map((p) => p.text.split("\t")[1])).toEqual(bases);
    expect(paragraphs.indexOf(baseBlocks[1]!)).toBeGreaterThan(paragraphs.findIndex((p) => p.text === "ADD\tBOR/12A3/3"));

    const mod = proposalParagraphs(paragraphs, "MOD\tARC/12A3/1");
    expect(mod[1]!.text).toBe("Republic of Arcadia (Governments)");
    expect(struck(proposed(mod)).join("").trim()).toBe(bases[0]!.split(" ")[1]);
    expect(underlined(proposed(mod)).map((t) => t.trim())).toEqual(["resolutely", "without delay"]);
    expect(proposed(mod).runs.filter((r) => !r.strike && !r.underline).map((r) => r.text).join("")).not.toContain("resolutely");
    expect(mod.find((p) => p.style === "AccordReasons")!.text).toBe("Reasons:\tStronger wording.");

    const add = proposed(proposalParagraphs(paragraphs, "ADD\tBOR/12A3/3"));
    expect([underlined(add).join(""), struck(add)]).toEqual(["A new paragraph on capacity building.", []]);
    const sup = proposed(proposalParagraphs(paragraphs, "SUP\tARC/12A3/4"));
    expect([struck(sup).join(""), underlined(sup)]).toEqual([bases[1], []]);
    const noc = proposalParagraphs(paragraphs, "NOC\tBOR/12A3/5");
    expect([proposed(noc).text, struck(proposed(noc)), underlined(proposed(noc))]).toEqual(["No change", [], []]);
    expect(noc.find((p) => p.style === "AccordReasons")!.text).toBe(`Reasons:\t${SCRIPT_REASONS}`);

    // The two MODs strike the same word: named under the paragraph, before the next block.
    const conflict = paragraphs.findIndex((p) => p.style === "AccordConflict");
    expect(paragraphs[conflict]!.text).toBe("ARC/12A3/1 and BOR/12A3/2 change the same words.");
    expect(conflict).toBeGreaterThan(paragraphs.findIndex((p) => p.text === "ADD\tBOR/12A3/3"));
    expect(conflict).toBeLessThan(paragraphs.indexOf(baseBlocks[1]!));

    // Arabic words are a right-to-left paragraph; English ones are not.
    const arabic = proposalParagraphs(paragraphs, "ADD\tDRN/12A3/6");
    expect(arabic[1]!.text).toBe("Digital Rights Network (Civil society)");
    expect([proposed(arabic).bidi, proposed(arabic).text]).toEqual([true, ARABIC]);
    expect(add.bidi).toBe(false);

    expect(paragraphs.some((p) => p.text.includes("ARC/12A3/7") || p.text.includes("Still a draft."))).toBe(false);
  });

  it("narrows the export by delegation, stakeholder group or kind, and says so", async () => {
    const arcadia = await docx(`&delegation=${encodeURIComponent("Republic of Arcadia")}`);
    expect(ids(arcadia)).toEqual(["MOD\tARC/12A3/1", "SUP\tARC/12A3/4"]);
    expect(arcadia.map((p) => p.text)).toContain("Shown only: delegation Republic of Arcadia.");
    expect(arcadia.filter((p) => p.style === "AccordBaseText")).toHaveLength(2);

    const civil = await docx("&group=civil_society");
    expect(ids(civil)).toEqual(["ADD\tDRN/12A3/6"]);
    expect(civil.map((p) => p.text)).toContain("Shown only: stakeholder group Civil society.");

    const sups = await docx("&kind=SUP");
    expect(ids(sups)).toEqual(["SUP\tARC/12A3/4"]);
    expect(sups.map((p) => p.text)).toEqual(expect.arrayContaining(["1 proposal: MOD 0, ADD 0, SUP 1, NOC 0.", "Shown only: kind SUP."]));
    expect(sups.some((p) => p.style === "AccordConflict")).toBe(false);

    const none = await docx(`&delegation=${encodeURIComponent("Kingdom of Nowhere")}`);
    expect([ids(none), none.map((p) => p.text)]).toEqual([[], expect.arrayContaining(["No proposals match."])]);
  });

  it("refuses bad queries and unreadable documents clearly", async () => {
    for (const [query, status, error] of [
      ["format=rtf", 400, "invalid_query"],
      ["", 400, "invalid_query"],
      ["format=docx&kind=XYZ", 400, "invalid_query"],
      ["format=docx&colour=red", 400, "invalid_query"],
    ] as const) {
      const res = await exportOf(query);
      expect([query, res.status, ((await res.json()) as { error: string }).error]).toEqual([query, status, error]);
    }
    const missing = await fetch(`${server.url}/api/documents/nosuchdocument/proposals/compilation/export?format=docx`, { headers: { cookie: cookies.observer! } });
    expect([missing.status, ((await missing.json()) as { error: string }).error]).toEqual([404, "document_not_found"]);
    expect((await fetch(`${server.url}/api/documents/${docId}/proposals/compilation/export?format=docx`)).status).toBe(401);
  });

  it("gives a web page that escapes what delegations wrote, marks changes as <del> and <ins>, and says what was applied", async () => {
    server.accord.db.prepare("UPDATE proposals SET status = 'applied', applied_pid = pid, applied_as = 'bracketed', applied_by = author_id, applied_at = ? WHERE label = ?")
      .run(new Date().toISOString(), "BOR/12A3/3");
    const res = await exportOf("format=html");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("Keep it as it is: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; nothing else.");
    expect(html).toContain("<ins>resolutely</ins>");
    expect(html).toMatch(new RegExp(`<del>${bases[0]!.split(" ")[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*</del>`));
    expect(html).toMatch(/data-id="BOR\/12A3\/3"[^]*?<p class="applied">Applied, in brackets<\/p><\/section>/);
    expect(html).toMatch(/<p class="proposed" dir="rtl"><ins>نؤكد/);
    const order = ["ARC/12A3/1", "BOR/12A3/2", "BOR/12A3/3", "ARC/12A3/4", "BOR/12A3/5", "DRN/12A3/6"].map((id) => html.indexOf(`data-id="${id}"`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it("lists proposals on paragraphs no longer in the text at the end", async () => {
    const created = (await (await post("arcadia", "", { id: "ARC/12A3/8", kind: "NOC", pid: pids[1]!, reasons: "Keep it." })).json()) as ProposalView;
    expect((await post("arcadia", `/${encodeURIComponent(created.id)}/submit`)).status).toBe(200);
    // The paragraph it was about is gone from the text.
    server.accord.db.prepare("UPDATE proposals SET pid = 'pGoneFromTheText' WHERE label = ?").run("ARC/12A3/8");
    const paragraphs = await docx();
    const heading = paragraphs.findIndex((p) => p.text === "Proposals on paragraphs no longer in the text");
    expect(heading).toBeGreaterThan(paragraphs.findIndex((p) => p.text === "ADD\tDRN/12A3/6"));
    expect(ids(paragraphs.slice(heading))).toEqual(["NOC\tARC/12A3/8"]);
    expect(paragraphs.slice(heading).map((p) => p.text)).toEqual(expect.arrayContaining(["The paragraph as it was:", bases[1]]));
  });

  it.skipIf(!fs.existsSync(CHROMIUM_PATH))("prints a PDF that reads back with every id and the reasons", async () => {
    const res = await exportOf("format=pdf");
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    const read = spawnSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(await res.arrayBuffer()), encoding: "utf8" });
    if (read.error) throw new Error(`pdftotext is needed to read PDFs back: ${read.error.message} (npm test installs poppler-utils)`);
    const text = read.stdout;
    for (const id of ["ARC/12A3/1", "BOR/12A3/2", "BOR/12A3/3", "ARC/12A3/4", "BOR/12A3/5", "DRN/12A3/6"]) expect(text).toContain(id);
    expect(text).toContain("Compilation of proposals");
    expect(text).toContain("Stronger wording.");
    expect(text).not.toContain("ARC/12A3/7");
  });

  it("says how to get PDF when Chromium is missing, and gives Word", async () => {
    const bare = await startTestServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
    try {
      const cookie = await bare.login("observer@demo.accord");
      const id = await bare.documentId(cookie, "Declaration");
      const get = (format: string) => fetch(`${bare.url}/api/documents/${id}/proposals/compilation/export?format=${format}`, { headers: { cookie } });
      const pdf = await get("pdf");
      const body = (await pdf.json()) as { error: string; message: string };
      expect([pdf.status, body.error]).toEqual([503, "pdf_unavailable"]);
      expect(body.message).toContain("apt-get install chromium");
      expect((await get("docx")).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});
