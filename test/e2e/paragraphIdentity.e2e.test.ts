import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { contentOf, plainText, readBlocks } from "../../shared/document/yBlocks.js";
import { clickBefore, clickInText, openDocumentAs, withServerAndBrowser } from "../helpers/browser.js";
import type { TestServer } from "../helpers/testServer.js";
import { connectYClient, type YClient } from "../helpers/yClient.js";

const DECLARATION = "Draft WSIS+20 Declaration";
const WAIT = { timeout: 20_000 };

/** Paragraphs of the demo declaration by their opening words: para 2, para 3 (agreed before Rev.1), para 4, para 5. */
const PARA_2 = "Reaffirm that the information society";
const PARA_3 = "Recall General Assembly resolution 70/125";
const PARA_4 = "Reaffirm the 2030 Agenda";
const PARA_5 = "Welcome the adoption of the Pact";

let server: TestServer;
let browser: Browser;
/** A second Yjs client (an observer's), reading what the server accepted. */
let watcher: YClient;

withServerAndBrowser((startedServer, startedBrowser) => {
  server = startedServer;
  browser = startedBrowser;
});

/** Para 3 agreed ad ref, then Rev.1 issued: paragraphs 1, 2, 3 ... carry frozen labels. */
beforeAll(async () => {
  const chair = await server.login("chair@demo.accord");
  const docId = await server.documentId(chair, DECLARATION);
  const setup = connectYClient(server.wsBase, docId, chair, server.origin);
  await setup.synced();
  const element = contentOf(setup.doc).toArray().find((n): n is Y.XmlElement =>
    n instanceof Y.XmlElement && n.toString().includes(PARA_3.split(" ").slice(-1)[0]!));
  element!.setAttribute("status", "agreed");
  await setup.allSaved();
  setup.destroy();
  const issued = await fetch(`${server.url}/api/documents/${docId}/revisions`, {
    method: "POST",
    headers: { cookie: chair, "content-type": "application/json" },
    body: JSON.stringify({ name: "Rev.1" }),
  });
  expect(issued.status).toBe(201);
  watcher = connectYClient(server.wsBase, docId, await server.login("observer@demo.accord"), server.origin);
  await watcher.synced();
});
afterAll(() => watcher?.destroy());

function openAs(who: string): Promise<Page> {
  return openDocumentAs(browser, server.url, `${who}@demo.accord`, DECLARATION);
}

/** The paragraph of `page` that the second client holds starting with `text` (found by pid: others' caret flags sit in the text). */
function para(page: Page, text: string): Locator {
  return page.locator(`.negotiation-text p.para[data-pid="${storedWith(text).pid}"]`);
}

interface Shown { pid: string | null; label: string | null; status: string | null; text: string }

/** Every paragraph as the page shows it: pid, margin label, status, text (without carets and bracket glyphs). */
function shown(page: Page): Promise<Shown[]> {
  return page.locator(".negotiation-text p.para").evaluateAll((els) => els.map((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const extra of copy.querySelectorAll(".collab-caret, .bracket-glyph")) extra.remove();
    return { pid: el.getAttribute("data-pid"), label: el.getAttribute("data-label"), status: el.getAttribute("data-status"), text: copy.textContent ?? "" };
  }));
}

/** The paragraph shown just before and the one with `pid`. */
async function aroundPid(page: Page, pid: string): Promise<[Shown | undefined, Shown | undefined]> {
  const all = await shown(page);
  const at = all.findIndex((p) => p.pid === pid);
  return [all[at - 1], all[at]];
}

interface Stored { pid: string; status: string; frozenLabel: string | null; level: number; text: string }

/** The paragraphs as the second client holds them. */
function stored(): Stored[] {
  return readBlocks(watcher.doc).filter((b) => b.kind === "paragraph").map((b) => ({
    pid: b.pid, status: b.status, frozenLabel: b.frozenLabel ?? null, level: b.level ?? 1, text: plainText(b),
  }));
}

function storedWith(text: string): Stored {
  const found = stored().find((p) => p.text.startsWith(text));
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}

/** The stored paragraph before the one with `pid`, and that one. */
function storedAround(pid: string): [Stored | undefined, Stored | undefined] {
  const all = stored();
  const at = all.findIndex((p) => p.pid === pid);
  return [all[at - 1], all[at]];
}

/** The Yjs element of the paragraph with `pid` in the second client. */
function elementOf(pid: string): Y.XmlElement | undefined {
  return contentOf(watcher.doc).toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute("pid") === pid);
}

/** The Yjs items holding an element's words now. */
function wordItems(element: Y.XmlElement): Y.Item[] {
  const items: Y.Item[] = [];
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlText)) continue;
    for (let item = child._start; item; item = item.right) if (!item.deleted) items.push(item);
  }
  return items;
}

/** The page kept its connection: no refusal, no closed connection, everything saved, still editable. */
async function stillConnected(page: Page): Promise<void> {
  await page.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
  expect(await page.locator("[data-refusal]").count()).toBe(0);
  expect(await page.getByText("The connection to this document was closed").count()).toBe(0);
  expect(await page.locator(".negotiation-text").getAttribute("contenteditable")).toBe("true");
}

/**
 * Lets the editor read the selection a click or a caret key made: keys such
 * as Enter act on the editor's selection, which follows the browser's one
 * on its next selectionchange.
 */
async function settle(page: Page, reference: string): Promise<void> {
  await page.getByText(`Caret in ${reference} ·`).waitFor(WAIT);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Puts the caret at the very start of the paragraph containing `text`, which is `reference` ("para 3"). */
async function caretAtStart(page: Page, text: string, reference: string): Promise<void> {
  await clickInText(para(page, text), "start");
  await page.keyboard.press("Home");
  await settle(page, reference);
}

/** Puts the caret just before `word` in the paragraph containing `text`, which is `reference`. */
async function caretBefore(page: Page, text: string, word: string, reference: string): Promise<void> {
  await clickBefore(para(page, text), word);
  await settle(page, reference);
}

describe("a paragraph's identity follows its text", () => {
  it("a delegate's Enter at the start of an agreed paragraph adds an open one before it; Backspace takes it away", async () => {
    const agreed = storedWith(PARA_3);
    expect(agreed).toMatchObject({ status: "agreed", frozenLabel: "3" });
    const element = elementOf(agreed.pid)!;
    const words = wordItems(element);
    const arcadia = await openAs("arcadia");

    await caretAtStart(arcadia, PARA_3, "para 3");
    await arcadia.keyboard.press("Enter");
    await expect.poll(() => aroundPid(arcadia, agreed.pid), WAIT).toMatchObject([
      { label: "2 bis.", status: "open", text: "" },
      { label: "3.", status: "agreed", text: agreed.text },
    ]);
    const [added] = await aroundPid(arcadia, agreed.pid);
    expect(added!.pid).toMatch(/^p[a-z2-7]{13}$/);
    await expect.poll(() => storedAround(agreed.pid), WAIT).toEqual([
      { pid: added!.pid, status: "open", frozenLabel: null, level: 1, text: "" },
      agreed,
    ]);
    // Only the new element was written: the agreed one is the same Yjs element, its words the same items.
    expect(elementOf(agreed.pid)).toBe(element);
    expect(words.filter((item) => item.deleted)).toEqual([]);
    await stillConnected(arcadia);

    await arcadia.keyboard.press("Backspace");
    await expect.poll(() => storedAround(agreed.pid)[0]?.pid, WAIT).not.toBe(added!.pid);
    expect(storedWith(PARA_3)).toEqual(agreed);
    expect((await aroundPid(arcadia, agreed.pid))[1]).toMatchObject({ label: "3.", status: "agreed" });
    await stillConnected(arcadia);
    await arcadia.context().close();
  });

  it("Enter in the middle of an agreed paragraph is stopped for a delegate; a facilitator's split keeps it agreed and adds its bis", async () => {
    const agreed = storedWith(PARA_3);
    const arcadia = await openAs("arcadia");
    await caretBefore(arcadia, PARA_3, "resolution", "para 3");
    await arcadia.keyboard.press("Enter");
    await arcadia.getByRole("status").filter({ hasText: "para 3 is agreed ad ref; only a facilitator can change its text." }).waitFor(WAIT);
    expect(storedWith(PARA_3)).toEqual(agreed);
    await stillConnected(arcadia);

    const chair = await openAs("chair");
    await caretBefore(chair, PARA_3, "resolution", "para 3");
    await chair.keyboard.press("Enter");
    const [first, second] = ["Recall General Assembly ", "resolution 70/125"];
    await expect.poll(async () => (await shown(chair)).filter((p) => p.text.startsWith(first) || p.text.startsWith(second)), WAIT)
      .toMatchObject([{ pid: agreed.pid, label: "3.", status: "agreed" }, { label: "3 bis.", status: "open" }]);
    await expect.poll(() => storedAround(agreed.pid)[1]?.text, WAIT).toBe(first);
    const all = stored();
    const at = all.findIndex((p) => p.pid === agreed.pid);
    expect(all[at]).toMatchObject({ status: "agreed", frozenLabel: "3", text: first });
    expect(all[at + 1]).toMatchObject({ status: "open", frozenLabel: null, level: 1 });
    expect(all[at + 1]!.text.startsWith(second)).toBe(true);
    expect(all[at + 1]!.pid).not.toBe(agreed.pid);
    // The delegate's window sees the same, live.
    await expect.poll(async () => (await aroundPid(arcadia, all[at + 1]!.pid))[1]?.label, WAIT).toBe("3 bis.");
    await stillConnected(chair);
    await stillConnected(arcadia);
    await Promise.all([arcadia.context().close(), chair.context().close()]);
  });

  it("a delegate's Enter at the start of an open paragraph adds one before it; in the middle the first part keeps the identity and the rest is its bis", async () => {
    const open = storedWith(PARA_4);
    expect(open).toMatchObject({ status: "open", frozenLabel: "4" });
    const element = elementOf(open.pid)!;
    const words = wordItems(element);
    const civil = await openAs("civil");

    await caretAtStart(civil, PARA_4, "para 4");
    await civil.keyboard.press("Enter");
    await expect.poll(() => aroundPid(civil, open.pid), WAIT).toMatchObject([
      { status: "open", text: "" },
      { label: "4.", status: "open", text: open.text },
    ]);
    await expect.poll(() => storedAround(open.pid)[0], WAIT).toMatchObject({ status: "open", frozenLabel: null, text: "" });
    expect(storedWith(PARA_4)).toEqual(open);
    expect(elementOf(open.pid)).toBe(element);
    expect(words.filter((item) => item.deleted)).toEqual([]);

    await caretBefore(civil, PARA_4, "Agenda", "para 4");
    await civil.keyboard.press("Enter");
    const head = "Reaffirm the 2030 ";
    await expect.poll(() => stored().find((p) => p.pid === open.pid), WAIT).toEqual({ ...open, text: head });
    const all = stored();
    const at = all.findIndex((p) => p.pid === open.pid);
    expect(all[at + 1]).toMatchObject({ status: "open", frozenLabel: null, level: 1, text: open.text.slice(head.length) });
    await expect.poll(async () => (await aroundPid(civil, all[at + 1]!.pid)), WAIT).toMatchObject([
      { pid: open.pid, label: "4.", status: "open", text: head },
      { label: "4 bis.", status: "open", text: open.text.slice(head.length) },
    ]);
    await stillConnected(civil);
    await civil.context().close();
  });

  it("Backspace at the start of a paragraph of the last revision joins nothing, for a delegate or a facilitator, and says what to do", async () => {
    const revised = storedWith(PARA_2);
    const before = stored();
    for (const who of ["arcadia", "chair"]) {
      const page = await openAs(who);
      await caretAtStart(page, PARA_2, "para 2");
      await page.keyboard.press("Backspace");
      await page.getByRole("status")
        .filter({ hasText: "para 2 is in the last revision, so it cannot be removed or merged into another paragraph. To drop it, a facilitator marks it deleted" })
        .waitFor(WAIT);
      expect((await aroundPid(page, revised.pid))[1]).toMatchObject({ label: "2.", text: revised.text });
      await stillConnected(page);
      await page.context().close();
    }
    expect(stored()).toEqual(before);
  });

  it("a delegate cannot press Enter before another delegation's bracket: the bracketed words would move", async () => {
    const bracketed = readBlocks(watcher.doc).find((b) => plainText(b).startsWith(PARA_5))!;
    const placer = bracketed.runs.flatMap((r) => r.brackets)[0]!;
    const word = bracketed.runs.find((r) => r.brackets.length > 0)!.text.trim().split(/\s+/)[0]!;
    const delegate = placer.delegation === "Republic of Arcadia" ? "borealia" : "arcadia";
    const before = storedWith(PARA_5);
    const page = await openAs(delegate);
    await caretBefore(page, PARA_5, word, "para 5");
    await page.keyboard.press("Enter");
    await page.getByRole("status")
      .filter({ hasText: `Words bracketed by ${placer.delegation} can be added to, but only a facilitator can delete them, move them to another paragraph` })
      .waitFor(WAIT);
    expect(storedWith(PARA_5)).toEqual(before);
    await stillConnected(page);
    await page.context().close();
  });

  it("a delegate deletes words they typed inside another delegation's bracket, but not one of the bracket's own", async () => {
    const bracketed = readBlocks(watcher.doc).find((b) => plainText(b).startsWith(PARA_5))!;
    const placer = bracketed.runs.flatMap((r) => r.brackets)[0]!;
    const words = bracketed.runs.find((r) => r.brackets.length > 0)!.text.trim().split(/\s+/);
    const delegate = placer.delegation === "Republic of Arcadia" ? "borealia" : "arcadia";
    const before = storedWith(PARA_5);
    const page = await openAs(delegate);
    // Inside the bracket, before its second word: typed, then taken back out with Backspace.
    await caretBefore(page, PARA_5, words[1]!, "para 5");
    await page.keyboard.type("truly ");
    await expect.poll(() => storedWith(PARA_5).text, WAIT).toContain(`${words[0]} truly ${words[1]}`);
    for (let i = 0; i < "truly ".length; i++) await page.keyboard.press("Backspace");
    await expect.poll(() => storedWith(PARA_5), WAIT).toEqual(before);
    await stillConnected(page);
    // One more is the bracket's own space: prevented, and nothing reaches the server.
    await page.keyboard.press("Backspace");
    await page.getByRole("status")
      .filter({ hasText: `Words bracketed by ${placer.delegation} can be added to, but only a facilitator can delete them` })
      .waitFor(WAIT);
    expect(storedWith(PARA_5)).toEqual(before);
    await stillConnected(page);
    await page.context().close();
  });
});
