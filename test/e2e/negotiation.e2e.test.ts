import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickBefore, openDocumentAs, paragraph, textWithoutCarets, withServerAndBrowser } from "../helpers/browser.js";
import type { TestServer } from "../helpers/testServer.js";

const DECLARATION = "Draft WSIS+20 Declaration";
const WAIT = { timeout: 20_000 };

let server: TestServer;
let browser: Browser;

withServerAndBrowser((startedServer, startedBrowser) => {
  server = startedServer;
  browser = startedBrowser;
});

/** A fresh browser profile, signed in through the login form, with the declaration open and loaded. */
function openDeclarationAs(who: string): Promise<Page> {
  return openDocumentAs(browser, server.url, `${who}@demo.accord`, DECLARATION);
}

/** Selects `text` inside paragraph `index` as a user would (a DOM selection the editor picks up). */
async function selectInParagraph(page: Page, index: number, text: string): Promise<void> {
  const target = paragraph(page, index);
  await target.scrollIntoViewIfNeeded();
  await target.click();
  await target.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the paragraph`);
  }, text);
}

/** Clicks inside `word` of paragraph `index`, putting the caret there. */
function clickOnWord(page: Page, index: number, word: string): Promise<void> {
  return clickBefore(paragraph(page, index), word);
}

/**
 * Clicks inside `word` of paragraph `index` until the editor reports its
 * caret in `reference`: a click while a remote change re-renders the
 * paragraph can land before the editor reads it.
 */
async function caretOnWord(page: Page, index: number, word: string, reference: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await clickOnWord(page, index, word);
    try {
      await page.getByText(`Caret in ${reference} ·`).waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The live counter's number for `part` ("open", "agreed", "deleted", "brackets"). */
async function count(page: Page, part: string): Promise<number> {
  const text = await page.locator(`.doc-bar [data-count="${part}"]`).textContent();
  return Number(/\d+/.exec(text ?? "")?.[0]);
}

async function waitForCount(page: Page, part: string, expected: number): Promise<void> {
  await page.waitForFunction(
    ([p, n]) => /\d+/.exec(document.querySelector(`.doc-bar [data-count="${p}"]`)?.textContent ?? "")?.[0] === String(n),
    [part, expected] as const,
    WAIT,
  );
}

function glyphs(page: Page, index: number) {
  return paragraph(page, index).locator(".bracket-glyph");
}

/** The first word inside a bracket of paragraph `index` (the drawn glyphs are not words). */
function firstBracketedWord(page: Page, index: number): Promise<string> {
  return paragraph(page, index).locator(".bracket").first().evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const glyph of copy.querySelectorAll(".bracket-glyph, .collab-caret")) glyph.remove();
    return (copy.textContent ?? "").trim().split(/\s+/)[0]!;
  });
}

/** Waits until paragraph `index` has status `status`. */
async function statusIs(page: Page, index: number, status: string): Promise<void> {
  await expect.poll(() => paragraph(page, index).getAttribute("data-status"), WAIT).toBe(status);
}

describe("negotiating the declaration", () => {
  it("a delegate brackets words, the others see it live, and the facilitator clears and agrees the paragraph", async () => {
    const arcadia = await openDeclarationAs("arcadia");
    const civil = await openDeclarationAs("civil");
    const chair = await openDeclarationAs("chair");
    const [openBefore, agreedBefore] = [await count(civil, "open"), await count(civil, "agreed")];

    await selectInParagraph(arcadia, 1, "international law and multilateralism");
    await arcadia.getByRole("button", { name: "Bracket", exact: true }).click();
    await expect.poll(() => glyphs(arcadia, 1).count(), WAIT).toBe(2);

    await expect.poll(() => glyphs(civil, 1).count(), WAIT).toBe(2);
    await expect.poll(() => glyphs(civil, 1).first().getAttribute("title"), WAIT)
      .toMatch(/^Bracketed by Elena Marek \(Republic of Arcadia, Governments\) on /);
    expect(await textWithoutCarets(paragraph(civil, 1))).toContain("[international law and multilateralism]");

    await expect.poll(() => glyphs(chair, 1).count(), WAIT).toBe(2);
    while ((await glyphs(chair, 1).count()) > 0) {
      await clickOnWord(chair, 1, await firstBracketedWord(chair, 1));
      const before = await glyphs(chair, 1).count();
      await chair.getByRole("button", { name: "Remove brackets" }).first().click();
      await expect.poll(() => glyphs(chair, 1).count(), WAIT).toBeLessThan(before);
    }
    await clickOnWord(chair, 1, "Charter");
    await chair.getByRole("button", { name: "Agree ad ref" }).click();

    await statusIs(civil, 1, "agreed");
    expect(await paragraph(civil, 1).getAttribute("data-status-label")).toMatch(/agreed ad ref/);
    await waitForCount(civil, "open", openBefore - 1);
    await waitForCount(civil, "agreed", agreedBefore + 1);
    expect(await glyphs(civil, 1).count()).toBe(0);
    await Promise.all([arcadia.context().close(), civil.context().close(), chair.context().close()]);
  });

  it("a delegate cannot type into an agreed paragraph, and is told why", async () => {
    const chair = await openDeclarationAs("chair");
    const arcadia = await openDeclarationAs("arcadia");
    await clickOnWord(chair, 0, "common");
    await chair.getByRole("button", { name: "Agree ad ref" }).click();
    await statusIs(arcadia, 0, "agreed");
    const before = await textWithoutCarets(paragraph(arcadia, 0));

    await clickOnWord(arcadia, 0, "common");
    await arcadia.keyboard.type("not ");
    await arcadia.getByRole("status").filter({ hasText: "para 1 is agreed ad ref; only a facilitator can change its text." })
      .waitFor(WAIT);
    expect(await textWithoutCarets(paragraph(arcadia, 0))).toBe(before);
    await arcadia.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    expect(await textWithoutCarets(paragraph(chair, 0))).toBe(before);
    await Promise.all([arcadia.context().close(), chair.context().close()]);
  });

  it("an observer follows the text live in a read-only editor", async () => {
    const observer = await openDeclarationAs("observer");
    const arcadia = await openDeclarationAs("arcadia");
    expect(await observer.locator(".negotiation-text").getAttribute("contenteditable")).toBe("false");
    expect(await observer.getByRole("toolbar").count()).toBe(0);

    await clickOnWord(arcadia, 3, "critical");
    await arcadia.keyboard.type("truly ");
    await expect.poll(() => textWithoutCarets(paragraph(observer, 3)), WAIT).toContain("truly critical");
    // Observers are counted, not named, in their own window too.
    await expect.poll(() => observer.locator(".presence__name").allTextContents(), WAIT).toEqual(["Elena Marek"]);
    // Observers are sent presence at most once a second: the count may come a moment after the names.
    await expect.poll(() => observer.locator(".presence").textContent(), WAIT).toContain("1 observer");
    await Promise.all([observer.context().close(), arcadia.context().close()]);
  });

  it("refuses to agree a bracketed paragraph, naming it and counting its brackets", async () => {
    const chair = await openDeclarationAs("chair");
    await clickOnWord(chair, 4, "Welcome");
    await chair.getByRole("button", { name: "Agree ad ref" }).click();
    await chair.getByRole("alert").filter({ hasText: "para 5 cannot be agreed while it contains 1 bracket." }).waitFor(WAIT);
    expect(await paragraph(chair, 4).getAttribute("data-status")).toBe("open");
    await chair.context().close();
  });

  it("stops an undo of words in a paragraph agreed since, says why, and the next undo reaches the step before", async () => {
    const arcadia = await openDeclarationAs("arcadia");
    const chair = await openDeclarationAs("chair");
    await clickOnWord(arcadia, 5, "urge");
    await arcadia.keyboard.type("open ");
    await expect.poll(() => textWithoutCarets(paragraph(chair, 5)), WAIT).toContain("open urge");
    // Typing within half a second is one undo step (Yjs's capture timeout): the next words are a step of their own.
    await arcadia.waitForTimeout(600);
    await clickOnWord(arcadia, 6, "remarkable");
    await arcadia.keyboard.type("very ");
    await arcadia.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    await expect.poll(() => textWithoutCarets(paragraph(chair, 6)), WAIT).toContain("very remarkable");
    await caretOnWord(chair, 6, "progress", "para 7");
    await chair.getByRole("button", { name: "Agree ad ref" }).click();
    await statusIs(arcadia, 6, "agreed");

    // Undoing "very " would change agreed text: stopped in the browser, nothing sent, the connection kept.
    await arcadia.keyboard.press("Control+z");
    await arcadia.getByRole("status")
      .filter({ hasText: "para 7 is agreed ad ref; only a facilitator can change its text. That step can no longer be undone; undo again to go to the one before." })
      .waitFor(WAIT);
    expect(await textWithoutCarets(paragraph(arcadia, 6))).toContain("very remarkable");
    expect(await arcadia.locator("[data-refusal]").count()).toBe(0);
    // That step left the history: the next undo takes back "open ", typed inside another delegation's bracket in para 6.
    await arcadia.keyboard.press("Control+z");
    await expect.poll(() => textWithoutCarets(paragraph(chair, 5)), WAIT).not.toContain("open urge");
    expect(await textWithoutCarets(paragraph(chair, 6))).toContain("very remarkable");
    await arcadia.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    expect(await arcadia.locator("[data-refusal]").count()).toBe(0);
    expect(await arcadia.locator(".negotiation-text").getAttribute("contenteditable")).toBe("true");
    await Promise.all([arcadia.context().close(), chair.context().close()]);
  });
});
