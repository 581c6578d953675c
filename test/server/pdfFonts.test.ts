import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../server/export/html.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/languages/${name}`, import.meta.url), "utf8");

/** Runs one of poppler's tools on a PDF file. */
function poppler(tool: "pdffonts" | "pdftotext", pdf: string, ...args: string[]): string {
  const run = spawnSync(tool, [...args, pdf, ...(tool === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });
  if (run.error) throw new Error(`${tool} is needed to read PDFs back: ${run.error.message} (npm test installs poppler-utils)`);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** The names of the fonts embedded in a PDF (pdffonts: name, type, encoding, emb, sub, uni, object, id). */
function embeddedFonts(listing: string): string[] {
  return listing.split("\n").slice(2).filter(Boolean)
    .filter((line) => line.trim().split(/\s+/).at(-5) === "yes")
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
}

/**
 * The families of the fonts a PDF embeds as Type 3. Chromium's PDF writer
 * cannot subset a CFF-outline face (Noto CJK is one), so it embeds its glyphs
 * as a Type 3 font, which pdffonts lists without a name; the font's
 * descriptor, an uncompressed dictionary, still names the family.
 */
function type3Families(pdf: string): string[] {
  const raw = fs.readFileSync(pdf).toString("latin1");
  return [...new Set([...raw.matchAll(/\/FontFamily \(([^)]*)\)/g)].map((m) => m[1]!))];
}

describe("Arabic and Chinese in the export's text face", () => {
  it("names the Noto families for Arabic and Chinese documents, and Latin faces for the others", () => {
    const page = (language: "ar" | "zh" | "fr") => renderHtml({
      title: "t", language, blocks: [], variant: "agreed", compilation: false, showTitle: false, symbol: "", dateline: "",
    } as unknown as Parameters<typeof renderHtml>[0]);
    expect(page("ar")).toMatch(/--text-face: [^;]*"Noto Naskh Arabic", "Noto Sans Arabic"/);
    expect(page("zh")).toMatch(/--text-face: [^;]*"Noto Serif CJK SC", "Noto Sans CJK SC"/);
    expect(page("fr")).toMatch(/--text-face: "Times New Roman"/);
  });
});

describe.skipIf(!fs.existsSync(CHROMIUM_PATH))("PDFs of Arabic and Chinese documents, printed by Chromium", () => {
  let server: TestServer;
  let secretariat: string;
  const files: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login("secretariat@demo.accord");
  });
  afterAll(async () => {
    for (const file of files) fs.rmSync(file, { force: true });
    await server.close();
  });

  async function exportedPdf(fixtureName: string, language: "ar" | "zh"): Promise<string> {
    const imported = await fetch(`${server.url}/api/documents/import?title=${encodeURIComponent(`PDF ${language}`)}&language=${language}`, {
      method: "POST", headers: { cookie: secretariat, "content-type": "text/plain", origin: server.origin }, body: fixture(fixtureName),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const { document } = (await imported.json()) as { document: { id: string } };
    const res = await fetch(`${server.url}/api/documents/${document.id}/export?variant=negotiation&format=pdf`, { headers: { cookie: secretariat } });
    expect(res.status).toBe(200);
    const file = `${server.dataDir}/${language}.pdf`;
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    files.push(file);
    return file;
  }

  it("embeds a Noto Arabic face and gives the Arabic words back", async () => {
    const pdf = await exportedPdf("resolution.ar.txt", "ar");
    const fonts = embeddedFonts(poppler("pdffonts", pdf));
    expect(fonts.some((name) => /^Noto(Naskh|Sans)Arabic/.test(name)), fonts.join(", ")).toBe(true);
    // pdftotext gives right-to-left lines in logical order; compare without the spaces and joiners it may place differently.
    const text = poppler("pdftotext", pdf, "-layout").replace(/\s+/g, "");
    for (const line of ["إذيشيرإلى", "يقرر"]) expect(text).toContain(line);
  });

  it("embeds a Noto CJK face and gives the Chinese words back", async () => {
    const pdf = await exportedPdf("resolution.zh.txt", "zh");
    const listing = poppler("pdffonts", pdf);
    // Every font is embedded and maps back to Unicode.
    expect(listing.split("\n").slice(2).filter(Boolean).every((line) => / yes +(?:yes|no) +yes /.test(line)), listing).toBe(true);
    const families = [...embeddedFonts(listing), ...type3Families(pdf)];
    expect(families.some((name) => /^Noto ?(Serif|Sans) ?CJK/.test(name)), families.join(", ")).toBe(true);
    const text = poppler("pdftotext", pdf, "-layout").replace(/\s+/g, "");
    for (const words of ["国际电联在落实信息社会世界峰会成果中的作用", "忆及", "责成秘书长", "每年向理事会报告本决议的落实情况"]) {
      expect(text).toContain(words);
    }
  });
});
