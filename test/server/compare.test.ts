import { spawnSync } from "node:child_process";
import { unzipSync } from "fflate";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import type { ComparisonView } from "../../schemas/compare.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { elementAt, findParagraph, insertParagraph } from "../helpers/yDocEdits.js";
import { syncedClient, type YClient } from "../helpers/yClient.js";

/**
 * Comparing revisions through the API, with edits made by raw Yjs clients
 * of different delegations: each inserted word names its writer, each
 * deleted word its deleter; added paragraphs, newly agreed ones and the
 * summary; bad requests refused clearly.
 */
/** The paragraphs of document.xml, each as its XML. */
const paragraphXml = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => p);
/** Whether a paragraph's own mark is tracked as inserted (`w:ins`) or deleted (`w:del`): `<w:pPr>...<w:rPr><w:del .../>`. */
const markTracked = (p: string, tag: "ins" | "del") => new RegExp(`<w:pPr>[\\s\\S]*<w:rPr>[\\s\\S]*<w:${tag} [^>]*/>[\\s\\S]*</w:pPr>`).test(p);
/** Word's "Accept all changes": insertions kept, deletions gone, a paragraph whose mark was deleted gone with it. */
const acceptAll = (xml: string) => paragraphXml(xml).filter((p) => !markTracked(p, "del"))
  .map((p) => p.replace(/<w:del [^>]*[^/]>[\s\S]*?<\/w:del>/g, "").replace(/<\/?w:ins(?: [^>]*[^/])?>/g, "")).join("");
/** Word's "Reject all changes": deletions kept as text, insertions gone, a paragraph whose mark was inserted gone with it. */
const rejectAll = (xml: string) => paragraphXml(xml).filter((p) => !markTracked(p, "ins"))
  .map((p) => p.replace(/<w:ins [^>]*[^/]>[\s\S]*?<\/w:ins>/g, "").replace(/<\/?w:del(?: [^>]*[^/])?>/g, "")
    .replace(/<w:delText/g, "<w:t").replace(/<\/w:delText>/g, "</w:t>")).join("");
/** The paragraphs of document.xml as text, a TAB where Word has one. */
const paragraphsOf = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
  [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[0] === "<w:tab/>" ? "\t" : m[1]!)).join("")
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'"));
/** A document's blocks as the comparison writes them: a paragraph's label, a TAB, its words. */
function textOf(doc: Y.Doc): string[] {
  const blocks = readBlocks(doc);
  const labels = numberParagraphs(blocks, "declaration", "en");
  return blocks.map((b) => {
    const words = b.runs.map((r) => r.text).join("");
    return b.kind === "paragraph" ? `${labels.get(b.pid)?.display ?? ""}\t${words}` : words;
  });
}

describe("comparing revisions", () => {
  let server: TestServer;
  let docId: string;
  const cookies: Record<string, string> = {};
  const clients: YClient[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    for (const who of ["chair", "arcadia", "borealia", "civil", "observer"]) cookies[who] = await server.login(`${who}@demo.accord`);
    docId = await server.documentId(cookies.chair!, "Declaration");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const connect = (who: string) => syncedClient(server, docId, cookies[who]!, clients);
  const issue = async () => {
    const res = await fetch(`${server.url}/api/documents/${docId}/revisions`, {
      method: "POST", headers: { cookie: cookies.chair!, origin: server.origin, "content-type": "application/json" }, body: "{}",
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { number: number }).number;
  };
  const compare = (query: string, cookie = cookies.observer!) =>
    fetch(`${server.url}/api/documents/${docId}/compare?${query}`, { headers: { cookie } });
  const unbracketed = (client: YClient) =>
    findParagraph(client.doc, (b) => b.kind === "paragraph" && b.status === "open" && b.runs.every((r) => r.brackets.length === 0) &&
      b.runs.map((r) => r.text).join("").length > 40);

  it("names the delegation behind every inserted and deleted word, and counts what changed", async () => {
    const first = await issue();
    const arcadia = await connect("arcadia");
    const atFirst = new Y.Doc();
    Y.applyUpdate(atFirst, Y.encodeStateAsUpdate(arcadia.doc));
    const target = unbracketed(arcadia);
    const text = elementAt(arcadia.doc, target).text;
    const pid = String(elementAt(arcadia.doc, target).element.getAttribute("pid"));
    const original = text.toString();
    const firstSpace = original.indexOf(" ");
    text.insert(firstSpace + 1, "universally ");
    await arcadia.allSaved();

    const borealia = await connect("borealia");
    const borealiaText = elementAt(borealia.doc, target).text;
    // Borealia deletes the last word before the final full stop.
    const now = borealiaText.toString();
    const lastSpace = now.lastIndexOf(" ");
    const lastWord = now.slice(lastSpace + 1).replace(/[.;,]$/, "");
    borealiaText.delete(lastSpace + 1, lastWord.length);
    await borealia.allSaved();

    const civil = await connect("civil");
    insertParagraph(civil.doc, target + 1, "A paragraph the civil society caucus proposes.");
    await civil.allSaved();

    const res = await compare(`from=${first}&to=live`);
    expect(res.status).toBe(200);
    const view = (await res.json()) as ComparisonView;
    expect(view.from.number).toBe(first);
    expect(view.to).toBeNull();
    const changed = view.blocks.find((b) => b.pid === pid)!;
    expect(changed.change).toBe("changed");
    const inserted = changed.pieces.filter((p) => p.op === "inserted");
    const deleted = changed.pieces.filter((p) => p.op === "deleted");
    expect(inserted.map((p) => [p.text.trim(), p.by?.delegation])).toEqual([["universally", "Republic of Arcadia"]]);
    expect(deleted.map((p) => [p.text.trim(), p.by?.delegation])).toEqual([[lastWord, "Kingdom of Borealia"]]);
    const added = view.blocks.filter((b) => b.change === "added");
    expect(added).toHaveLength(1);
    expect(added[0]!.pieces).toEqual([{ op: "inserted", text: "A paragraph the civil society caucus proposes.", by: expect.objectContaining({ group: "civil_society" }) }]);
    expect(view.summary).toMatchObject({ changed: 1, added: 1, deleted: 0 });

    // As Word tracked changes: authored by the delegations; accepting them all gives the text now, rejecting them the revision.
    const docx = await compare(`from=${first}&to=live&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toMatch(/compare-rev1-now\.docx/);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(await docx.arrayBuffer()))["word/document.xml"]!);
    expect(xml).toMatch(/<w:ins [^>]*w:author="Republic of Arcadia"[^>]*>(?:(?!<\/w:ins>).)*universally/s);
    expect(xml).toMatch(new RegExp(`<w:del [^>]*w:author="Kingdom of Borealia"[^>]*>(?:(?!</w:del>).)*<w:delText[^>]*>[^<]*${lastWord}`, "s"));
    const accepted = paragraphsOf(acceptAll(xml)).slice(1);
    expect(accepted).toEqual(textOf(arcadia.doc));
    const rejected = paragraphsOf(rejectAll(xml)).slice(1);
    expect(rejected.map((p) => p.replace(/^[^\t]*\t/, ""))).toEqual(textOf(atFirst).map((p) => p.replace(/^[^\t]*\t/, "")));

    const html = await (await compare(`from=${first}&to=live&format=html`)).text();
    expect(html).toContain('<ins title="Inserted by Republic of Arcadia">universally </ins>');
    const pdf = await compare(`from=${first}&to=live&format=pdf`);
    expect([pdf.status, pdf.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    const read = spawnSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(await pdf.arrayBuffer()), encoding: "utf8" });
    expect(read.stdout).toContain("universally");
    expect(read.stdout).toContain("Republic of Arcadia");

    // Issued as Rev.2: the same comparison between two revisions.
    const second = await issue();
    const between = (await (await compare(`from=${first}&to=${second}`)).json()) as ComparisonView;
    expect(between.to!.number).toBe(second);
    expect(between.blocks.find((b) => b.pid === pid)!.pieces.filter((p) => p.op !== "same").map((p) => p.text.trim()))
      .toEqual(expect.arrayContaining(["universally", lastWord]));
    // The later revision renumbered: the added paragraph has its own number now, not a bis.
    expect(between.blocks.find((b) => b.change === "added")!.to!.label).not.toMatch(/bis/);
  });

  it("refuses what cannot be compared, clearly", async () => {
    const first = await issue();
    const second = await issue();
    const expectError = async (query: string, status: number, error: string) => {
      const res = await compare(query);
      expect([query, res.status]).toEqual([query, status]);
      expect(((await res.json()) as { error: string }).error).toBe(error);
    };
    await expectError(`from=${second}&to=${first}`, 400, "invalid_query");
    await expectError(`from=${first}&to=${first}`, 400, "invalid_query");
    await expectError("from=9&to=live", 404, "revision_not_found");
    await expectError(`from=${first}&to=9`, 404, "revision_not_found");
    await expectError("from=one", 400, "invalid_query");
    await expectError(`from=${first}&format=rtf`, 400, "invalid_query");
    await expectError(`from=${first}&colour=red`, 400, "invalid_query");
    const missing = await fetch(`${server.url}/api/documents/nosuchdocument/compare?from=1`, { headers: { cookie: cookies.observer! } });
    expect(missing.status).toBe(404);
  });

  it("names a paragraph a delegate split off another, its words moved, not struck and written", async () => {
    const first = await issue();
    const arcadia = await connect("arcadia");
    const target = unbracketed(arcadia);
    const { element, text } = elementAt(arcadia.doc, target);
    const pid = String(element.getAttribute("pid"));
    const whole = text.toString();
    const at = whole.indexOf(" ", Math.floor(whole.length / 2)) + 1;
    const tail = whole.slice(at);
    // As the editor writes Enter in the middle of a paragraph: the tail leaves it and opens a new one.
    arcadia.doc.transact(() => {
      text.delete(at, tail.length);
      insertParagraph(arcadia.doc, target + 1, tail);
    });
    await arcadia.allSaved();
    expect(arcadia.provider.wsconnected).toBe(true);

    const view = (await (await compare(`from=${first}&to=live`)).json()) as ComparisonView;
    const split = view.blocks.find((b) => b.change === "added")!;
    expect(split.origin).toMatchObject({ kind: "split", pid });
    expect(split.pieces.map((p) => p.text).join("")).toBe(tail);
    expect(split.pieces.every((p) => p.moved)).toBe(true);
    expect(view.blocks.find((b) => b.pid === pid)!.pieces.filter((p) => p.op === "deleted").every((p) => p.moved)).toBe(true);
  });

  it("names the facilitator whose revision dropped a paragraph marked deleted", async () => {
    const first = await issue();
    const chair = await connect("chair");
    const target = unbracketed(chair);
    const { element } = elementAt(chair.doc, target);
    const pid = String(element.getAttribute("pid"));
    element.setAttribute("status", "deleted");
    await chair.allSaved();
    const second = await issue();
    const view = (await (await compare(`from=${first}&to=${second}`)).json()) as ComparisonView;
    const dropped = view.blocks.find((b) => b.pid === pid)!;
    expect(dropped.change).toBe("deleted");
    expect(dropped.pieces.every((p) => p.op === "deleted" && p.by?.name === "Jonas Lindqvist")).toBe(true);
    expect(view.summary.deleted).toBe(1);
  });
});
