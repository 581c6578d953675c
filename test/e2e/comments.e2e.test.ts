import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickBefore, openDocumentAs, paragraph, seriousViolations, textWithoutCarets, useServerAndBrowser } from "../helpers/browser.js";

const VISION = "WSIS+20 Vision";
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

/** A fresh browser profile signed in as the demo account `who`, with the Vision open. */
const openVisionAs = (who: string) => openDocumentAs(room.browser, room.server.url, `${who}@demo.accord`, VISION);

/** Selects `words` in a paragraph with the keyboard, as a delegate would (caret before them, then Shift+Right). */
async function selectWords(page: Page, index: number, words: string): Promise<void> {
  await clickBefore(paragraph(page, index), words);
  for (let i = 0; i < words.length; i++) await page.keyboard.press("Shift+ArrowRight");
  // The editor reads the browser's selection when the browser reports it: wait until it has.
  await page.waitForFunction((wanted) => {
    const editor = (document.querySelector(".ProseMirror") as unknown as { editor?: { state: { selection: { from: number; to: number }; doc: { textBetween(a: number, b: number): string } } } } | null)?.editor;
    if (!editor) return false;
    const { from, to } = editor.state.selection;
    return editor.state.doc.textBetween(from, to) === wanted;
  }, words, WAIT);
}

/** The index of the first open paragraph without brackets (a delegate may delete any of its words). */
async function freelyEditableParagraph(page: Page): Promise<number> {
  const count = await page.locator(".negotiation-text p.para").count();
  for (let i = 0; i < count; i++) {
    const status = await paragraph(page, i).getAttribute("data-status");
    const text = await textWithoutCarets(paragraph(page, i));
    if (status === "open" && !/[[\]]/.test(text) && text.split(/\s+/).length > 8) return i;
  }
  throw new Error("no open paragraph without brackets");
}

/** The comments tab of the side panel. */
async function openCommentsTab(page: Page): Promise<void> {
  await page.getByRole("tab", { name: /Comments/ }).click();
}

/** The thread card in the panel that quotes `quote`. */
function threadQuoting(page: Page, quote: string) {
  return page.locator("article.thread", { has: page.locator(".thread__quote-text", { hasText: quote }) });
}

describe("paragraph comments in the browser", () => {
  it("a delegate comments on selected words; another sees the badge, the highlight and the thread live, replies; the facilitator resolves it", async () => {
    const arcadia = await openVisionAs("arcadia");
    const borealia = await openVisionAs("borealia");
    await openCommentsTab(borealia);

    const index = 4;
    const text = await textWithoutCarets(paragraph(arcadia, index));
    const words = text.split(/\s+/).slice(3, 5).join(" ");
    expect(words.length).toBeGreaterThan(3);
    await selectWords(arcadia, index, words);
    await arcadia.keyboard.press("Control+Alt+KeyM");
    const box = arcadia.getByRole("textbox", { name: /Comment on/ });
    await box.waitFor(WAIT);
    await box.fill("Arcadia cannot accept this; we propose other words. <script>window.injected = 1</script>");
    await arcadia.getByRole("button", { name: "Post comment" }).click();

    // Borealia: the badge beside the paragraph, the quoted words highlighted, the thread with who wrote it.
    const badge = paragraph(borealia, index).locator(".comment-badge");
    await badge.waitFor(WAIT);
    expect(await badge.getAttribute("data-count")).toBe("1");
    expect(await badge.getAttribute("aria-label")).toMatch(/1 open comment thread on /);
    await borealia.locator(".comment-quote", { hasText: words }).first().waitFor(WAIT);
    const thread = threadQuoting(borealia, words);
    await thread.waitFor(WAIT);
    const byline = await thread.locator(".comment__byline").first().innerText();
    expect(byline).toContain("Elena Marek");
    expect(byline).toContain("Republic of Arcadia");
    expect(byline).toContain("Governments");
    // The markup is shown as text, never run.
    await thread.getByText("<script>window.injected = 1</script>", { exact: false }).waitFor(WAIT);
    expect(await borealia.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();

    // Borealia replies; Arcadia sees the reply without reloading.
    await thread.getByRole("button", { name: "Reply" }).click();
    await thread.getByRole("textbox", { name: "Your reply" }).fill("Borealia can accept 'should'.");
    await thread.getByRole("button", { name: "Send reply" }).click();
    await openCommentsTab(arcadia);
    await threadQuoting(arcadia, words).getByText("Borealia can accept 'should'.").waitFor(WAIT);

    // The facilitator resolves it: it folds away everywhere, still readable, and the badge goes.
    const chair = await openVisionAs("chair");
    await openCommentsTab(chair);
    await threadQuoting(chair, words).getByRole("button", { name: "Resolve" }).click();
    await badge.waitFor({ state: "detached", ...WAIT });
    await borealia.getByRole("radio", { name: "Resolved" }).or(borealia.getByRole("button", { name: "Resolved" })).first().click();
    const folded = threadQuoting(borealia, words);
    await folded.getByText(/Resolved by Jonas Lindqvist/).waitFor(WAIT);
    await folded.getByRole("button", { name: "Show thread" }).click();
    await folded.getByText("Borealia can accept 'should'.").waitFor(WAIT);

    expect(await seriousViolations(borealia)).toEqual([]);
    for (const page of [arcadia, borealia, chair]) await page.context().close();
  });

  it("the thread follows its paragraph and says when its quoted words are deleted; an observer reads but cannot write", async () => {
    const arcadia = await openVisionAs("arcadia");
    const index = await freelyEditableParagraph(arcadia);
    const text = await textWithoutCarets(paragraph(arcadia, index));
    const words = text.split(/\s+/).slice(2, 4).join(" ");
    await selectWords(arcadia, index, words);
    await arcadia.getByRole("button", { name: "Comment", exact: true }).click();
    await arcadia.getByRole("textbox", { name: /Comment on/ }).fill("These words go too far.");
    await arcadia.getByRole("button", { name: "Post comment" }).click();
    const thread = threadQuoting(arcadia, words);
    await thread.waitFor(WAIT);

    const observer = await openVisionAs("observer");
    await openCommentsTab(observer);
    const seen = threadQuoting(observer, words);
    await seen.waitFor(WAIT);
    expect(await seen.getByRole("button", { name: "Reply" }).count()).toBe(0);

    // Arcadia deletes the quoted words: the thread says so and keeps the quote as it was.
    await selectWords(arcadia, index, words);
    await arcadia.keyboard.press("Backspace");
    await seen.getByText("The quoted words were deleted.").waitFor(WAIT);
    expect(await seen.locator(".thread__quote-text").innerText()).toBe(words);

    // With the keyboard: to the next thread, then from it to its paragraph, which is brought into view and marked.
    await observer.keyboard.press("Control+Alt+KeyN");
    await observer.waitForFunction(() => document.activeElement?.closest("[data-thread]") !== null, undefined, WAIT);
    await observer.keyboard.press("Control+Alt+KeyJ");
    await paragraph(observer, index).and(observer.locator(".para--flash")).waitFor(WAIT);

    // And back: the badge beside the paragraph lists its threads and puts the first in focus.
    await arcadia.getByRole("tab", { name: /Paragraphs/ }).click();
    await paragraph(arcadia, index).locator(".comment-badge").click();
    await arcadia.waitForFunction(() => document.activeElement?.closest("[data-thread]") !== null, undefined, WAIT);
    expect(await arcadia.locator("article.thread").count()).toBe(1);
    expect(await seriousViolations(observer)).toEqual([]);
    for (const page of [arcadia, observer]) await page.context().close();
  });
});
