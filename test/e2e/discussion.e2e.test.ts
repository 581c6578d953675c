import type { BrowserContext, Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickInText, openDocumentAs, paragraph, seriousViolations, useServerAndBrowser } from "../helpers/browser.js";

/*
 * The discussion in the hall: the facilitator moves it with a click and with
 * the keyboard; the projector view (signed in as an observer) and a delegate
 * following the facilitator scroll there, a delegate not following stays
 * where they read; a hall screen opened with a screen link's key shows the
 * text without signing in and ends when the link is revoked.
 */

const VISION = "WSIS+20 Vision";
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

/** A browser profile signed in as `email` (null: no cookies at all), choosing to follow the facilitator or not. */
async function profile(email: string | null, follow = false): Promise<BrowserContext> {
  const context = await room.browser.newContext({ viewport: { width: 1400, height: 900 } });
  if (email) {
    const [name, value] = (await room.server.login(email)).split("=") as [string, string];
    await context.addCookies([{ name, value, url: room.server.url }]);
  }
  if (follow) await context.addInitScript(() => window.localStorage.setItem("accord.followFacilitator", "1"));
  return context;
}

async function documentPage(email: string, id: string, follow: boolean): Promise<Page> {
  const page = await (await profile(email, follow)).newPage();
  await page.goto(`${room.server.url}/documents/${id}`);
  await paragraph(page, 2).waitFor(WAIT);
  return page;
}

async function screenPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${room.server.url}${path}`);
  await page.locator(".screen .negotiation-text p.para").nth(2).waitFor(WAIT);
  return page;
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** Whether the element's middle is on screen, below the sticky bars. */
const onScreen = (target: Locator) => target.evaluate((el) => {
  const rect = el.getBoundingClientRect();
  const middle = rect.top + rect.height / 2;
  return middle > 0 && middle < window.innerHeight;
});

/** The pid of the paragraph each page marks as under discussion, once it is `pid`. */
async function discussed(page: Page, pid: string | null): Promise<void> {
  await page.waitForFunction((wanted) => {
    const marked = [...document.querySelectorAll(".negotiation-text p.para--discussed")].map((p) => p.getAttribute("data-pid"));
    return wanted === null ? marked.length === 0 : marked.length === 1 && marked[0] === wanted;
  }, pid, WAIT);
}

describe("the discussion", () => {
  it("moves the projector and a following delegate with the facilitator, and leaves a delegate not following where they read", async () => {
    const { server, browser } = room;
    const id = await server.documentId(await server.login("chair@demo.accord"), VISION);
    const chair = await openDocumentAs(browser, server.url, "chair@demo.accord", VISION);
    const projector = await screenPage(await profile("observer@demo.accord"), `/documents/${id}/screen`);
    const follower = await documentPage("arcadia@demo.accord", id, true);
    const reader = await documentPage("borealia@demo.accord", id, false);
    await follower.getByRole("button", { name: "Follow the facilitator" }).and(follower.locator("[aria-pressed=true]")).waitFor(WAIT);

    // A click: the last paragraph, far below what a fresh page shows.
    const count = await chair.locator(".negotiation-text p.para").count();
    const last = paragraph(chair, count - 1);
    const lastPid = (await last.getAttribute("data-pid"))!;
    await clickInText(last, "start");
    const [screenBefore, followerBefore, readerBefore] = await Promise.all([scrollY(projector), scrollY(follower), scrollY(reader)]);
    await chair.getByRole("button", { name: /^Discuss / }).click();

    for (const page of [chair, projector, follower, reader]) await discussed(page, lastPid);
    await projector.waitForFunction((before) => window.scrollY > before + 100, screenBefore, WAIT);
    await follower.waitForFunction((before) => window.scrollY > before + 100, followerBefore, WAIT);
    // Smooth scrolling takes a moment to arrive.
    await expect.poll(() => onScreen(projector.locator(".negotiation-text p.para--discussed")), WAIT).toBe(true);
    await expect.poll(() => onScreen(follower.locator(".negotiation-text p.para--discussed")), WAIT).toBe(true);
    // The projector names it in its header, and marks it in words, not colour alone.
    const label = (await last.getAttribute("data-label"))!;
    await projector.locator(".screen__current", { hasText: label }).waitFor(WAIT);
    await projector.locator(".negotiation-text p.para--discussed .discussion-marker", { hasText: "Under discussion" }).waitFor(WAIT);
    // Everyone hears where it went; the delegate not following keeps their place.
    await reader.getByRole("status").filter({ hasText: new RegExp(`^The discussion moved to \\D*${label}$`) })
      .waitFor({ ...WAIT, state: "attached" });
    await reader.waitForTimeout(800);
    expect(await scrollY(reader)).toBe(readerBefore);
    expect(await onScreen(reader.locator(".negotiation-text p.para--discussed"))).toBe(false);
    // The paragraph list marks it too.
    await reader.locator(".paragraph-list__item[data-discussed]", { hasText: label }).waitFor(WAIT);

    // The keyboard: the second paragraph, near the top, with Ctrl+Alt+D from the text.
    const second = paragraph(chair, 1);
    const secondPid = (await second.getAttribute("data-pid"))!;
    await clickInText(second, "start");
    const screenAtLast = await scrollY(projector);
    const followerAtLast = await scrollY(follower);
    await chair.keyboard.press("Control+Alt+KeyD");
    for (const page of [projector, follower, reader]) await discussed(page, secondPid);
    await projector.waitForFunction((before) => window.scrollY < before - 100, screenAtLast, WAIT);
    await follower.waitForFunction((before) => window.scrollY < before - 100, followerAtLast, WAIT);
    await expect.poll(() => onScreen(projector.locator(".negotiation-text p.para--discussed")), WAIT).toBe(true);

    // From the paragraph list: the focused item, with the same key.
    const item = chair.locator(".paragraph-list__item").nth(4);
    const itemPid = (await item.getAttribute("data-pid"))!;
    await item.focus();
    await chair.keyboard.press("Control+Alt+KeyD");
    for (const page of [chair, projector, reader]) await discussed(page, itemPid);

    // Clear: nothing is marked anywhere.
    await chair.getByRole("button", { name: "Clear", exact: true }).click();
    for (const page of [projector, follower, reader]) await discussed(page, null);

    // A delegate cannot move the discussion: no control is offered.
    expect(await reader.getByRole("button", { name: /^Discuss / }).count()).toBe(0);
    for (const page of [chair, projector, follower, reader]) await page.context().close();
  });

  it("has no serious accessibility violation on the projector view and on the document page with its discussion controls", async () => {
    const { server, browser } = room;
    const id = await server.documentId(await server.login("chair@demo.accord"), VISION);
    const chair = await openDocumentAs(browser, server.url, "chair@demo.accord", VISION);
    await clickInText(paragraph(chair, 3), "start");
    await chair.getByRole("button", { name: /^Discuss / }).click();
    await discussed(chair, (await paragraph(chair, 3).getAttribute("data-pid"))!);
    const projector = await screenPage(await profile("observer@demo.accord"), `/documents/${id}/screen`);
    await projector.locator(".negotiation-text p.para--discussed").waitFor(WAIT);
    const found = [
      ...(await seriousViolations(projector)).map((v) => `projector: ${v}`),
      ...(await seriousViolations(chair)).map((v) => `document page: ${v}`),
    ];
    // The presence panel, opened.
    await chair.locator(".presence__open").click();
    await chair.getByRole("dialog").waitFor(WAIT);
    found.push(...(await seriousViolations(chair)).map((v) => `presence: ${v}`));
    expect(found).toEqual([]);
    await chair.context().close();
    await projector.context().close();
  });

  it("opens a hall screen with a screen link's key and no session, and ends it when the link is revoked", async () => {
    const { server } = room;
    const cookie = await server.login("secretariat@demo.accord");
    const id = await server.documentId(cookie, VISION);
    const created = await fetch(`${server.url}/api/documents/${id}/screen-links`, {
      method: "POST", headers: { cookie, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify({ label: "Hall A" }),
    });
    expect(created.status).toBe(201);
    const { path, link } = (await created.json()) as { path: string; link: { id: string } };
    const context = await profile(null);
    const hall = await screenPage(context, path);
    expect(await context.cookies()).toEqual([]);
    expect(await hall.locator(".screen__title").textContent()).toContain(VISION);

    const revoked = await fetch(`${server.url}/api/documents/${id}/screen-links/${link.id}`, {
      method: "DELETE", headers: { cookie, origin: server.origin },
    });
    expect(revoked.status).toBe(204);
    await hall.getByRole("heading", { name: "This screen link was revoked" }).waitFor(WAIT);
    expect(await hall.locator(".negotiation-text").count()).toBe(0);

    // Opened again, the revoked key opens nothing.
    const again = await context.newPage();
    await again.goto(`${server.url}${path}`);
    await again.getByRole("heading", { name: "This screen link opens nothing" }).waitFor(WAIT);
    await context.close();
  });
});
