import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { launchBrowser, openDocumentAs, signInThroughForm } from "../helpers/browser.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { PASSWORD, startTestServer, type TestServer } from "../helpers/testServer.js";
import {
  firstText, insertBareText, insertUnknownBlock, markWord, plain, setAttribute,
} from "../helpers/unshownContent.js";
import { connectYClient } from "../helpers/yClient.js";

const VISION = "Draft WSIS+20 Vision";
const DECLARATION = "Draft WSIS+20 Declaration";
const WAIT = { timeout: 20_000 };
const CHAIR = "chair@demo.accord";
const ARCADIA = "arcadia@demo.accord";
const LOOSE = "Loose words a raw client wrote at the top";
const CELLS = "Cell one of a table no editor knows";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // No timed compaction while the test counts the update log (unloading still compacts).
  server = await startTestServer({ COMPACT_INTERVAL_MS: "3600000" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Where the content the editor cannot show was put, to find it again. */
interface Planted {
  agreedPid: string;
  markedWords: string;
  colouredPid: string;
}

/** The document as stored: its compacted state, then its update log. */
function storedDocument(store: DocumentStore, documentId: string): Y.Doc {
  const stored = store.load(documentId);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  return doc;
}

/** Index of the `n`-th top-level paragraph (0-based). */
function paragraphIndex(doc: Y.Doc, n: number): number {
  const indexes = contentOf(doc).toArray().flatMap((node, i) => (node instanceof Y.XmlElement && node.nodeName === "paragraph" ? [i] : []));
  return indexes[n]!;
}

/**
 * Writes into the stored log, as another tool could, one update holding (a) a
 * bare text at the top, (b) an unknown mark on an agreed paragraph's words,
 * (c) an unknown block node type and (d) an unknown attribute on a paragraph.
 */
function plantUnshownContent(documentId: string): { planted: Planted; seq: number } {
  const store = new DocumentStore(server.accord.db);
  const doc = storedDocument(store, documentId);
  const before = Y.encodeStateVector(doc);
  const agreed = paragraphIndex(doc, 0);
  const coloured = paragraphIndex(doc, 1);
  const markedWords = plain(firstText(doc, agreed)).split(" ").slice(0, 3).join(" ");
  const planted: Planted = {
    agreedPid: (contentOf(doc).get(agreed) as Y.XmlElement).getAttribute("pid") as string,
    colouredPid: (contentOf(doc).get(coloured) as Y.XmlElement).getAttribute("pid") as string,
    markedWords,
  };
  doc.transact(() => {
    setAttribute(doc, agreed, "status", "agreed");
    markWord(doc, agreed, markedWords, "strike");
    setAttribute(doc, coloured, "colour", "red");
    insertUnknownBlock(doc, coloured + 1, "table", CELLS);
    insertBareText(doc, 1, LOOSE);
  });
  const [seq] = store.append(documentId, [{ data: Y.encodeStateAsUpdate(doc, before), userId: null }]);
  return { planted, seq: seq! };
}

/** Asserts that every planted piece is in the document. */
function expectPlanted(doc: Y.Doc, planted: Planted): void {
  const nodes = contentOf(doc).toArray();
  expect(nodes.some((node) => node instanceof Y.XmlText && plain(node) === LOOSE)).toBe(true);
  const table = nodes.find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "table");
  expect(table && plain(table.get(0) as Y.XmlText)).toBe(CELLS);
  const byPid = (pid: string) => nodes.find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.getAttribute("pid") === pid)!;
  expect(byPid(planted.colouredPid).getAttribute("colour")).toBe("red");
  const agreed = byPid(planted.agreedPid);
  expect(agreed.getAttribute("status")).toBe("agreed");
  expect((agreed.get(0) as Y.XmlText).toDelta()).toContainEqual({ insert: planted.markedWords, attributes: { strike: true } });
}

/** Signs in, opens the document from the list and waits for the notice; page errors are collected in `errors`. */
async function openUnshownAs(email: string, errors: Error[]): Promise<Page> {
  const page = await signInThroughForm(browser, server.url, email, PASSWORD, async (context) => {
    context.on("page", (opened) => opened.on("pageerror", (error) => errors.push(error)));
  });
  await page.getByRole("link", { name: VISION }).click();
  await page.locator('[role="alert"][data-unshown-places]').waitFor(WAIT);
  return page;
}

function userId(email: string): string {
  return server.accord.db.prepare("SELECT id FROM users WHERE email = ?").pluck().get(email) as string;
}

/** Client ids of this document that the server bound to `email` (bound when a window first writes). */
function boundClientIds(documentId: string, email: string): number {
  return server.accord.db.prepare("SELECT COUNT(*) FROM client_ids WHERE document_id = ? AND user_id = ?")
    .pluck().get(documentId, userId(email)) as number;
}

/** Rows of the update log after `seq` for this document. */
function updatesAfter(documentId: string, seq: number): number {
  return server.accord.db.prepare("SELECT COUNT(*) FROM document_updates WHERE document_id = ? AND seq > ?")
    .pluck().get(documentId, seq) as number;
}

describe("a document holding content the editor cannot show", () => {
  it("opens read-only for a facilitator and a delegate, says so, follows changes, and changes nothing", async () => {
    const cookie = await server.login("tech@demo.accord");
    const documentId = await server.documentId(cookie, VISION);
    const { planted, seq } = plantUnshownContent(documentId);
    expect(updatesAfter(documentId, seq)).toBe(0);
    // Some delegations proposed words in the Vision's demo history: their client ids are bound already.
    const boundBefore = { chair: boundClientIds(documentId, CHAIR), arcadia: boundClientIds(documentId, ARCADIA) };

    const errors: Error[] = [];
    const chair = await openUnshownAs(CHAIR, errors);
    const arcadia = await openUnshownAs(ARCADIA, errors);

    for (const page of [chair, arcadia]) {
      const notice = page.locator("[data-unshown-places]");
      expect(await notice.getAttribute("data-unshown-places")).toBe("4");
      expect(await notice.textContent()).toContain("cannot show (4 places)");
      expect(await notice.textContent()).toContain("nothing has been changed");
      const text = page.locator(".unshown-text");
      const shown = (await text.textContent()) ?? "";
      expect(shown).toContain("Text outside any block");
      expect(shown).toContain(LOOSE);
      expect(shown).toContain("Unknown block ‹table›");
      expect(shown).toContain(CELLS);
      expect(shown).toContain("Unknown attribute ‹colour›: red");
      const marked = page.locator(".unshown-inline", { hasText: "Text with an unknown mark ‹strike›" });
      expect(await marked.textContent()).toContain(planted.markedWords);
      // Known blocks keep their computed labels.
      expect(await page.locator(".unshown-text p.para").first().getAttribute("data-label")).toBe("(a)");
      // Nothing to edit with: no editable text, no negotiation toolbar; typing goes nowhere.
      expect(await page.locator('[contenteditable="true"]').count()).toBe(0);
      expect(await page.getByRole("toolbar").count()).toBe(0);
      expect(await page.getByRole("button", { name: /Issue revision/ }).count()).toBe(0);
      await page.getByText(CELLS).click();
      await page.keyboard.type("typed here");
      await page.keyboard.press("Backspace");
      expect(await text.textContent()).not.toContain("typed here");
    }

    // Someone else's edit elsewhere in the document is followed live, still read-only.
    const tech = connectYClient(server.wsBase, documentId, cookie, server.origin);
    await tech.synced();
    typeAtEnd(tech.doc, paragraphIndex(tech.doc, 2), " liveproposal");
    await tech.allSaved();
    for (const page of [chair, arcadia]) await page.getByText("liveproposal", { exact: false }).waitFor(WAIT);
    tech.destroy();
    // Each window is present to the others, though its editor is not there to announce it.
    for (const page of [chair, arcadia]) {
      await expect.poll(async () => (await page.locator(".presence__name").allTextContents()).sort(), WAIT)
        .toEqual(["Elena Marek", "Jonas Lindqvist"]);
    }

    // A reconnection (here: the server closes the socket after a change to the account) opens the
    // document on a fresh connection; the content is still there, so the same read-only view.
    await arcadia.locator(".unshown-sheet").evaluate((el) => el.setAttribute("data-first-connection", ""));
    server.accord.db.prepare("UPDATE users SET display_name = ? WHERE email = ?").run("Elena Marek-Ruiz", ARCADIA);
    await arcadia.locator(".unshown-sheet:not([data-first-connection])").waitFor(WAIT);
    expect(await arcadia.locator("[data-unshown-places]").getAttribute("data-unshown-places")).toBe("4");
    expect(await arcadia.locator(".unshown-text").textContent()).toContain("liveproposal");

    expect(errors).toEqual([]);
    expect(updatesAfter(documentId, seq)).toBe(1); // the other delegate's edit, and nothing from the two windows
    await Promise.all([chair.context().close(), arcadia.context().close()]);

    server = await server.restart();
    const stored = storedDocument(new DocumentStore(server.accord.db), documentId);
    expectPlanted(stored, planted);
    expect({ chair: boundClientIds(documentId, CHAIR), arcadia: boundClientIds(documentId, ARCADIA) }).toEqual(boundBefore);
  });

  it("leaves an ordinary document to the normal editor, without the notice", async () => {
    const page = await openDocumentAs(browser, server.url, ARCADIA, DECLARATION);
    expect(await page.locator("[data-unshown-places]").count()).toBe(0);
    expect(await page.locator(".negotiation-text").getAttribute("contenteditable")).toBe("true");
    await page.context().close();
  });
});
