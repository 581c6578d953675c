import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import mammoth from "mammoth";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ThreadView } from "../../schemas/api.js";
import { MessageType } from "../../shared/collab/messages.js";
import type { Overview } from "../../shared/document/overview.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, type YClient } from "../helpers/yClient.js";

/**
 * Exports rendered on the server from the stored document: the negotiation
 * text (every bracket, label and status), the agreed text (sequential
 * numbers, no brackets, open paragraphs refused or marked), the comments
 * compilation, and a revision's text as issued.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The text of a PDF, as Debian's pdftotext reads it (installed by the test set-up). */
function pdfText(pdf: Buffer): string {
  const read = spawnSync("pdftotext", ["-layout", "-", "-"], { input: pdf, encoding: "utf8" });
  if (read.error) throw new Error(`pdftotext is needed to read PDFs back: ${read.error.message} (npm test installs poppler-utils)`);
  expect(read.status, read.stderr).toBe(0);
  return read.stdout;
}

/** Markdown as text: the escapes taken out. */
const unescapeMarkdown = (md: string) => md.replace(/\\([\\`*_{}[\]()<>#+\-!|~.])/g, "$1");
/** HTML as text: tags taken out, entities read. */
const htmlText = (html: string) => html.replace(/<br>/g, "\n").replace(/<[^>]+>/g, "")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("exports", () => {
  let server: TestServer;
  let chair: string;
  let vision: string;
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    chair = await server.login("chair@demo.accord");
    vision = await server.documentId(chair, "Vision");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const get = (document: string, query: string, cookie = chair) =>
    fetch(`${server.url}/api/documents/${document}/export?${query}`, { headers: { cookie } });

  async function overview(document: string): Promise<Overview> {
    return (await (await fetch(`${server.url}/api/documents/${document}/overview`, { headers: { cookie: chair } })).json()) as Overview;
  }

  async function yClient(document: string): Promise<YClient> {
    const client = connectYClient(server.wsBase, document, chair, server.origin);
    client.provider.messageHandlers[MessageType.Comments] = () => {};
    clients.push(client);
    await client.synced();
    return client;
  }

  /** A document imported from plain text: a title and numbered paragraphs without brackets. */
  async function importPlain(paragraphs: string[]): Promise<string> {
    const secretariat = await server.login("secretariat@demo.accord");
    const text = ["Draft outcome on testing", "", ...paragraphs.flatMap((p, i) => [`${i + 1}.\t${p}`, ""])].join("\n");
    const res = await fetch(`${server.url}/api/documents/import?title=Export%20test&language=en`, {
      method: "POST", headers: { cookie: secretariat, "content-type": "text/plain", origin: server.origin }, body: text,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { document: { id: string } }).document.id;
  }

  /** Sets paragraph statuses as the chair, through Yjs, and waits until they are stored. */
  async function setStatuses(document: string, statuses: Map<string, "agreed" | "deleted">): Promise<void> {
    const client = await yClient(document);
    client.doc.transact(() => {
      for (const node of contentOf(client.doc).toArray()) {
        if (!(node instanceof Y.XmlElement)) continue;
        const status = statuses.get(node.getAttribute("pid") as string);
        if (status) node.setAttribute("status", status);
      }
    });
    await client.allSaved();
  }

  it("gives the negotiation text with every paragraph's label, brackets and alternatives, and who proposed words", async () => {
    const res = await get(vision, "variant=negotiation&format=md");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w-]+-negotiation\.md"/);
    const text = unescapeMarkdown(await res.text());
    const { paragraphs } = await overview(vision);
    let at = 0;
    for (const p of paragraphs) {
      // Each paragraph, in order, with its label and its text as negotiators write it (brackets and alternatives).
      const excerpt = p.excerpt.endsWith("…") ? p.excerpt.slice(0, -1) : p.excerpt;
      const found = text.indexOf(`${p.label} ${excerpt}`, at);
      expect(found, p.reference).toBeGreaterThanOrEqual(0);
      at = found;
    }
    const brackets = paragraphs.reduce((n, p) => n + p.brackets, 0);
    expect(brackets).toBeGreaterThan(0);
    expect((text.match(/\[(?!agreed ad ref\]|deleted\])/g) ?? []).length).toBe(brackets);
    expect(text).toContain("[Alt 1: ");
    expect(text).toMatch(/\*Proposed by: [^*]+\*/);

    const html = await get(vision, "variant=negotiation&format=html&compilation=1");
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(htmlText(page)).toMatch(/ - [^\]]+\]/);
  });

  it("gives Word files built from named styles, with every label and text in order, read back by another library", async () => {
    const res = await get(vision, "variant=negotiation&format=docx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toMatch(/-negotiation\.docx"/);
    const buffer = Buffer.from(await res.arrayBuffer());
    const text = (await mammoth.extractRawText({ buffer })).value;
    const { paragraphs } = await overview(vision);
    let at = 0;
    for (const p of paragraphs) {
      const excerpt = p.excerpt.endsWith("…") ? p.excerpt.slice(0, -1) : p.excerpt;
      const found = text.indexOf(`${p.label}\t${excerpt}`, at);
      expect(found, p.reference).toBeGreaterThanOrEqual(0);
      at = found;
    }
    expect(text).toContain("Proposed by: ");
    // Mammoth names the styles it does not map: the text stands in Accord's named styles, not direct formatting.
    const styles = (await mammoth.convertToHtml({ buffer })).messages.map((m) => m.message).join("\n");
    for (const style of ["Accord Numbered Paragraph", "Accord Verb Phrase", "Accord Proposed By"]) expect(styles).toContain(style);

    const agreed = Buffer.from(await (await get(vision, "variant=agreed&format=docx&open=mark")).arrayBuffer());
    const agreedText = (await mammoth.extractRawText({ buffer: agreed })).value;
    const open = paragraphs.filter((p) => p.status === "open").length;
    expect(agreedText.split("[not yet agreed]").length - 1).toBe(open);
    expect(agreedText.replaceAll("[not yet agreed]", "")).not.toMatch(/[[\]]/);

    const comments = await get(vision, "variant=comments&format=docx");
    expect(comments.status).toBe(200);
  });

  it("prints the agreed text to PDF with Chromium: the agreed paragraphs, numbered, and no brackets", async () => {
    const id = await importPlain(["First agreed words.", "Second, to be deleted.", "Third agreed words."]);
    const { paragraphs } = await overview(id);
    await setStatuses(id, new Map([[paragraphs[0]!.pid, "agreed"], [paragraphs[1]!.pid, "deleted"], [paragraphs[2]!.pid, "agreed"]]));
    const res = await get(id, "variant=agreed&format=pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toMatch(/1\.\s+First agreed words\./);
    expect(text).toMatch(/2\.\s+Third agreed words\./);
    expect(text).not.toContain("to be deleted");
    expect(text).not.toMatch(/[[\]]/);

    // The negotiation text of the Vision keeps its brackets in print too.
    const negotiation = pdfText(Buffer.from(await (await get(vision, "variant=negotiation&format=pdf")).arrayBuffer()));
    expect(negotiation).toContain("[Alt 1:");
    expect((await (await fetch(`${server.url}/api/documents/${vision}/export/formats`, { headers: { cookie: chair } })).json()))
      .toEqual({ pdf: true, pdfUnavailable: null });
  });

  it("refuses the agreed text while paragraphs are open, naming them, and marks them when asked", async () => {
    const refused = await get(vision, "variant=agreed&format=md");
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; message: string; paragraphs: { pid: string; reference: string }[] };
    const open = (await overview(vision)).paragraphs.filter((p) => p.status === "open");
    expect(body.error).toBe("paragraphs_open");
    expect(body.paragraphs.map((p) => p.reference)).toEqual(open.map((p) => p.reference));
    expect(body.message).toContain(open[0]!.reference);

    const marked = await get(vision, "variant=agreed&format=md&open=mark");
    expect(marked.status).toBe(200);
    const text = unescapeMarkdown(await marked.text());
    expect(text.split("[not yet agreed]").length - 1).toBe(open.length);
    // No brackets, no attribution: the only square brackets are the marks.
    expect(text.replaceAll("[not yet agreed]", "")).not.toMatch(/[[\]]/);
    expect(text).not.toContain("Proposed by");
  });

  it("numbers the agreed text afresh in sequence, without deleted paragraphs or brackets", async () => {
    const id = await importPlain(["First agreed words.", "Second, to be deleted.", "Third agreed words.", "Fourth agreed words."]);
    const { paragraphs } = await overview(id);
    expect(paragraphs.map((p) => p.label)).toEqual(["1.", "2.", "3.", "4."]);
    await setStatuses(id, new Map([
      [paragraphs[0]!.pid, "agreed"], [paragraphs[1]!.pid, "deleted"], [paragraphs[2]!.pid, "agreed"], [paragraphs[3]!.pid, "agreed"],
    ]));
    const res = await get(id, "variant=agreed&format=html");
    expect(res.status).toBe(200);
    const text = htmlText(await res.text());
    expect(text).toContain("1.First agreed words.");
    expect(text).toContain("2.Third agreed words.");
    expect(text).toContain("3.Fourth agreed words.");
    expect(text).not.toContain("to be deleted");
    expect(text).not.toContain("[agreed ad ref]");

    // The negotiation text keeps the deleted paragraph, its label and the status tags.
    const negotiation = unescapeMarkdown(await (await get(id, "variant=negotiation&format=md")).text());
    expect(negotiation).toContain("2. ~~Second, to be deleted.~~ [deleted]");
    expect(negotiation).toContain("1. First agreed words. [agreed ad ref]");
  });

  it("exports a revision's text as it was issued", async () => {
    const id = await importPlain(["Words as issued.", "Other words."]);
    const issued = await fetch(`${server.url}/api/documents/${id}/revisions`, {
      method: "POST", headers: { cookie: chair, "content-type": "application/json", origin: server.origin }, body: "{}",
    });
    expect(issued.status).toBe(201);
    const client = await yClient(id);
    const first = contentOf(client.doc).toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, "Changed since: ");
    await client.allSaved();

    const now = unescapeMarkdown(await (await get(id, "variant=negotiation&format=md")).text());
    expect(now).toContain("Changed since: Words as issued.");
    const rev = await get(id, "variant=negotiation&format=md&revision=1");
    expect(rev.status).toBe(200);
    expect(rev.headers.get("content-disposition")).toContain("-negotiation-rev1.md");
    const then = unescapeMarkdown(await rev.text());
    expect(then).toContain("1. Words as issued.");
    expect(then).not.toContain("Changed since");
  });

  it("compiles every comment thread by paragraph, markup as text", async () => {
    const { paragraphs } = await overview(vision);
    const arcadia = await server.login("arcadia@demo.accord");
    const post = async (pid: string, body: string) => {
      const res = await fetch(`${server.url}/api/documents/${vision}/comments`, {
        method: "POST", headers: { cookie: arcadia, "content-type": "application/json", origin: server.origin }, body: JSON.stringify({ pid, body }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as ThreadView;
    };
    await post(paragraphs[5]!.pid, "Later paragraph first posted.");
    await post(paragraphs[1]!.pid, "Earlier paragraph <script>x</script>.");
    await post(paragraphs[5]!.pid, "Second thread on the later paragraph.");

    const md = unescapeMarkdown(await (await get(vision, "variant=comments&format=md")).text());
    const early = md.indexOf(`## ${paragraphs[1]!.reference}: ${paragraphs[1]!.excerpt.slice(0, 20)}`);
    const late = md.indexOf(`## ${paragraphs[5]!.reference}: ${paragraphs[5]!.excerpt.slice(0, 20)}`);
    expect(early).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(early);
    expect(md.indexOf("Earlier paragraph <script>x</script>.")).toBeGreaterThan(early);
    expect(md.indexOf("Later paragraph first posted.")).toBeGreaterThan(late);
    expect(md.indexOf("Second thread on the later paragraph.")).toBeGreaterThan(md.indexOf("Later paragraph first posted."));
    expect(md).toContain("Elena Marek (Republic of Arcadia)");

    const html = await (await get(vision, "variant=comments&format=html")).text();
    expect(html).toContain("Earlier paragraph &lt;script&gt;x&lt;/script&gt;.");
    expect(html).not.toContain("<script>");
  });

  it("refuses bad requests clearly", async () => {
    const observer = await server.login("observer@demo.accord");
    const declaration = await server.documentId(chair, "Declaration");
    const cases: [string, () => Promise<Response>, number, string][] = [
      ["no variant", () => get(vision, "format=md"), 400, "invalid_query"],
      ["an unknown variant", () => get(vision, "variant=minutes&format=md"), 400, "invalid_query"],
      ["an unknown format", () => get(vision, "variant=negotiation&format=rtf"), 400, "invalid_query"],
      ["an unknown option", () => get(vision, "variant=negotiation&format=md&colour=red"), 400, "invalid_query"],
      ["a revision of nothing", () => get(vision, "variant=negotiation&format=md&revision=7"), 404, "revision_not_found"],
      ["a revision number that is not one", () => get(vision, "variant=negotiation&format=md&revision=first"), 400, "invalid_query"],
      ["comments of a revision", () => get(vision, "variant=comments&format=md&revision=1"), 400, "invalid_query"],
      ["an unknown document", () => get("nosuchdocument", "variant=negotiation&format=md"), 404, "document_not_found"],
    ];
    // A revision of another document is not this document's.
    expect((await fetch(`${server.url}/api/documents/${declaration}/revisions`, {
      method: "POST", headers: { cookie: chair, "content-type": "application/json", origin: server.origin }, body: "{}",
    })).status).toBe(201);
    cases.push(["another document's revision", () => get(vision, "variant=negotiation&format=md&revision=1"), 404, "revision_not_found"]);
    for (const [what, request, status, error] of cases) {
      const res = await request();
      expect(res.status, what).toBe(status);
      expect(((await res.json()) as { error: string }).error, what).toBe(error);
    }
    expect((await fetch(`${server.url}/api/documents/${vision}/export?variant=negotiation&format=md`)).status).toBe(401);

    // Observers read the text; not the comments once the secretariat hides them.
    expect((await get(vision, "variant=negotiation&format=md", observer)).status).toBe(200);
    const secretariat = await server.login("secretariat@demo.accord");
    expect((await fetch(`${server.url}/api/documents/${vision}/comments/settings`, {
      method: "PUT", headers: { cookie: secretariat, "content-type": "application/json", origin: server.origin }, body: JSON.stringify({ observersSee: false }),
    })).status).toBe(200);
    expect((await get(vision, "variant=comments&format=md", observer)).status).toBe(403);
  });

  it("gives the same export from the command line, to a file or standard output, changing nothing", async () => {
    const admin = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "document", "export", ...args], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: server.dataDir }, encoding: "utf8",
    });
    const rows = () => ["document_updates", "document_states", "quarantined_updates", "audit_log", "comment_threads"]
      .map((table) => server.accord.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    const before = rows();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "accord-export-")), "negotiation.md");
    const written = admin([vision, "--variant", "negotiation", "--format", "md", "--out", out]);
    expect(written.status, written.stderr).toBe(0);
    expect(fs.readFileSync(out, "utf8")).toBe(await (await get(vision, "variant=negotiation&format=md")).text());

    const marked = admin([vision, "--variant", "agreed", "--format", "html", "--open", "mark"]);
    expect(marked.status).toBe(0);
    expect(marked.stdout).toContain("[not yet agreed]");
    const refused = admin([vision, "--variant", "agreed", "--format", "md"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/paragraphs are not agreed yet: PP \(a\)/);
    expect(admin([vision, "--variant", "agreed", "--format", "docm"]).status).toBe(2);
    expect(admin(["nosuchdocument", "--variant", "agreed", "--format", "md"]).status).toBe(1);
    expect(rows()).toEqual(before);
  });

  it("says how to get PDF when Chromium is missing, and gives every other format", async () => {
    await server.close();
    server = await startTestServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
    chair = await server.login("chair@demo.accord");
    vision = await server.documentId(chair, "Vision");
    const res = await get(vision, "variant=negotiation&format=pdf");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe("pdf_unavailable");
    expect(body.message).toContain("apt-get install chromium");
    const formats = await (await fetch(`${server.url}/api/documents/${vision}/export/formats`, { headers: { cookie: chair } })).json();
    expect(formats).toMatchObject({ pdf: false });
    expect((await get(vision, "variant=negotiation&format=docx")).status).toBe(200);
  });
  it("writes a right-to-left paragraph right to left, and names fonts for Chinese and Arabic", async () => {
    const id = await importPlain(["Reaffirm our commitment.", "نؤكد من جديد التزامنا بمجتمع المعلومات.", "重申我们的承诺。"]);
    const docx = new Uint8Array(await (await get(id, "variant=agreed&format=docx&open=mark")).arrayBuffer());
    const parts = unzipSync(docx);
    const xml = new TextDecoder().decode(parts["word/document.xml"]);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => p);
    const arabic = paragraphs.find((p) => p.includes("نؤكد"))!;
    expect(arabic).toContain("<w:bidi/>");
    expect(arabic).toContain("<w:rtl/>");
    for (const other of [paragraphs.find((p) => p.includes("Reaffirm"))!, paragraphs.find((p) => p.includes("重申"))!]) {
      expect(other).not.toContain("<w:bidi/>");
    }
    const styles = new TextDecoder().decode(parts["word/styles.xml"]);
    expect(styles).toMatch(/w:eastAsia="SimSun"/);
    expect(styles).toMatch(/w:cs="Simplified Arabic"/);
    const html = await (await get(id, "variant=agreed&format=html&open=mark")).text();
    expect(html).toMatch(/<div class="para[^"]*" data-pid="[^"]+" dir="rtl"><span class="para__label">2\.<\/span>/);
    expect((html.match(/dir="rtl"/g) ?? []).length).toBe(1);
  });
});
