import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickInText, openDocumentAs, paragraph, signInThroughForm, textWithoutCarets, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD } from "../helpers/testServer.js";

/*
 * Low-bandwidth mode and quiet windows: a delegate in low-bandwidth mode
 * sends no caret and sees none, gets every word exactly, and keeps the mode
 * on the next visit; observers and low-bandwidth windows, which the server
 * sends no presence renewals, still see everyone present after the 30 s in
 * which y-protocols would forget them, and the observer is counted, not named.
 */

const VISION = "WSIS+20 Vision";
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

const open = (email: string) => openDocumentAs(room.browser, room.server.url, email, VISION);
const presenceCount = (page: Page) => page.locator(".presence__open").textContent();

describe("low-bandwidth mode", () => {
  it("sends and shows no carets, keeps the text exact, and is remembered by the browser", async () => {
    const elena = await open("arcadia@demo.accord");
    const tomas = await open("borealia@demo.accord");
    // Live: Elena's caret reaches Tomas.
    await clickInText(paragraph(elena, 3), "start");
    await tomas.locator(".collab-caret", { hasText: "Elena Marek" }).waitFor(WAIT);

    await elena.getByRole("button", { name: "Low-bandwidth mode" }).click();
    await elena.getByText("the text updates every second").waitFor(WAIT);
    // Her caret leaves Tomas's screen and does not come back when she moves.
    await tomas.locator(".collab-caret", { hasText: "Elena Marek" }).waitFor({ ...WAIT, state: "detached" });
    await clickInText(paragraph(elena, 5), "end");
    await elena.keyboard.press("ArrowLeft");
    // Tomas's caret is not drawn for her.
    await clickInText(paragraph(tomas, 4), "start");
    await tomas.waitForTimeout(2_000);
    expect(await tomas.locator(".collab-caret", { hasText: "Elena Marek" }).count()).toBe(0);
    expect(await elena.locator(".collab-caret:visible").count()).toBe(0);

    // Tomas's words reach her, exactly, within the coalescing second.
    await tomas.keyboard.type("coalesced words ");
    await expect.poll(() => textWithoutCarets(paragraph(elena, 4)), WAIT).toBe(await textWithoutCarets(paragraph(tomas, 4)));
    expect(await textWithoutCarets(paragraph(elena, 4))).toContain("coalesced words");

    await elena.reload();
    await paragraph(elena, 2).waitFor(WAIT);
    await elena.locator('button[aria-pressed="true"]', { hasText: "Low-bandwidth mode" }).waitFor(WAIT);
    await elena.context().close();
    await tomas.context().close();
  });

  it("keeps everyone present for observers and low-bandwidth windows past 30 s, and counts the observer unnamed", async () => {
    const chair = await open("chair@demo.accord");
    const elena = await open("arcadia@demo.accord");
    await elena.getByRole("button", { name: "Low-bandwidth mode" }).click();
    const nadia = await open("observer@demo.accord");
    for (const page of [chair, elena, nadia]) {
      await expect.poll(() => presenceCount(page), WAIT).toMatch(/^2 people present 1 observer following$/);
    }
    // Past y-protocols' 30 s without renewals: nobody vanished from the quiet windows.
    await nadia.waitForTimeout(36_000);
    for (const page of [chair, elena, nadia]) expect(await presenceCount(page)).toMatch(/^2 people present 1 observer following$/);
    await nadia.locator(".presence__open").click();
    const names = await nadia.getByRole("dialog").textContent();
    expect(names).toContain("Jonas Lindqvist");
    expect(names).toContain("Elena Marek");
    expect(names).not.toContain("Nadia Petrova");
    for (const page of [chair, elena, nadia]) await page.context().close();
  }, 90_000);

  it("brings others' carets back at once on leaving the mode, and keeps the idle present afterwards", async () => {
    const elena = await signInLow("arcadia@demo.accord");
    const tomas = await open("borealia@demo.accord");
    const tomasPresent = elena.locator(".presence__list", { hasText: "Tomas Halvorsen" });
    await tomasPresent.waitFor(WAIT);
    // Tomas comes back and puts his caret down within one low-bandwidth presence tick (his leaving started
    // it): Elena is sent his state as it then is, stripped of its caret, with the clock the server holds.
    await tomas.reload();
    await paragraph(tomas, 4).waitFor(WAIT);
    await clickInText(paragraph(tomas, 4), "start");
    // Past that tick: Tomas sits still from here on.
    await elena.waitForTimeout(6_000);
    await elena.getByRole("button", { name: "Low-bandwidth mode" }).click();
    await elena.getByText("the text updates every second").waitFor({ ...WAIT, state: "detached" });
    const left = Date.now();
    await elena.locator(".collab-caret", { hasText: "Tomas Halvorsen" }).waitFor({ timeout: 2_500 });
    expect(Date.now() - left).toBeLessThan(2_500);
    // Still there once y-protocols' check has run a few times (it removes whoever it last heard of 30 s ago).
    await elena.waitForTimeout(4_000);
    expect(await tomasPresent.count()).toBe(1);
    expect(await elena.locator(".collab-caret", { hasText: "Tomas Halvorsen" }).count()).toBe(1);
    await elena.context().close();
    await tomas.context().close();
  }, 60_000);
});

/** `email` with the document open, low-bandwidth mode already chosen on this browser (a later visit). */
async function signInLow(email: string): Promise<Page> {
  const page = await signInThroughForm(room.browser, room.server.url, email, PASSWORD,
    async (context) => {
      await context.addInitScript(() => window.localStorage.setItem("accord.lowBandwidth", "1"));
    });
  await page.getByRole("link", { name: VISION }).click();
  await paragraph(page, 2).waitFor(WAIT);
  await page.getByText("the text updates every second").waitFor(WAIT);
  return page;
}
