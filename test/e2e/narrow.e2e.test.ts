import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickBefore, paragraph, useServerAndBrowser } from "../helpers/browser.js";

/*
 * A phone, 375 px wide: the document page (text, toolbar, overview), the
 * list and the compilation reflow without sideways scrolling, and no control
 * of the toolbar or the document bar is cut off.
 */

const WIDTH = 375;
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

/** A 375 × 812 profile signed in as `email`, at `path`, in the browser language `locale`. */
async function phone(email: string, path: string, locale = "en-US"): Promise<Page> {
  const context = await room.browser.newContext({ viewport: { width: WIDTH, height: 812 }, locale });
  const [name, value] = (await room.server.login(email)).split("=") as [string, string];
  await context.addCookies([{ name, value, url: room.server.url }]);
  const page = await context.newPage();
  await page.goto(`${room.server.url}${path}`);
  return page;
}

/** How far the page scrolls sideways: its scrolling width. */
const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/** Controls in `scope` that stick out of the window, by their text. */
async function cutOff(page: Page, scope: string): Promise<string[]> {
  return page.locator(`${scope} button, ${scope} a, ${scope} [role="button"]`).evaluateAll((controls, width) => controls.flatMap((c) => {
    const box = c.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return [];
    return box.left < 0 || box.right > width ? [`${(c.textContent ?? "").trim()} (${Math.round(box.left)}–${Math.round(box.right)})`] : [];
  }), WIDTH);
}

/** Opens the document page and waits for its text and toolbar. */
async function openDocument(email: string, documentId: string, locale?: string): Promise<Page> {
  const page = await phone(email, `/documents/${documentId}`, locale);
  await paragraph(page, 2).waitFor(WAIT);
  await page.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
  return page;
}

describe("on a 375 px wide screen", () => {
  it("the document page reflows: no sideways scrolling, every toolbar and bar control inside the window, the text within it", async () => {
    const documentId = await room.server.documentId(await room.server.login("chair@demo.accord"), "WSIS+20 Vision");
    // The facilitator has the most tools: with the caret in a bracket, all of them show.
    const chair = await openDocument("chair@demo.accord", documentId);
    const bracketed = chair.locator(".negotiation-text p.para:has(.bracket)").first();
    const word = /\p{L}+/u.exec(await bracketed.locator(".bracket").first().innerText())![0];
    await clickBefore(bracketed, word);
    await chair.keyboard.press("ArrowRight");
    await chair.locator(".negotiation-toolbar").getByRole("button", { name: "Bracket details…" }).waitFor(WAIT);
    expect(await scrollWidth(chair)).toBeLessThanOrEqual(WIDTH);
    expect(await cutOff(chair, ".negotiation-toolbar")).toEqual([]);
    expect(await cutOff(chair, ".doc-bar")).toEqual([]);
    await chair.locator(".overview__toggle").click();
    await chair.locator(".panel-tabs__tab").first().waitFor(WAIT);
    expect(await cutOff(chair, ".overview")).toEqual([]);
    for (const tab of await chair.locator(".panel-tabs__tab").all()) {
      await tab.click();
      expect(await scrollWidth(chair)).toBeLessThanOrEqual(WIDTH);
    }
    await chair.context().close();

    // An observer follows the text, in English and in Arabic (right to left): every paragraph inside the window.
    for (const locale of ["en-US", "ar"]) {
      const observer = await openDocument("observer@demo.accord", documentId, locale);
      if (locale === "ar") await observer.waitForFunction(() => document.documentElement.dir === "rtl", null, WAIT);
      expect(await scrollWidth(observer)).toBeLessThanOrEqual(WIDTH);
      expect(await cutOff(observer, ".doc-bar")).toEqual([]);
      const outside = await observer.locator(".negotiation-text p.para").evaluateAll((paras, width) =>
        paras.filter((p) => { const box = p.getBoundingClientRect(); return box.left < 0 || box.right > width; }).length, WIDTH);
      expect(outside).toBe(0);
      await observer.context().close();
    }
  }, 90_000);

  it("the document list and the compilation have no sideways scrolling", async () => {
    const documentId = await room.server.documentId(await room.server.login("chair@demo.accord"), "WSIS+20 Vision");
    const list = await phone("arcadia@demo.accord", "/");
    await list.locator(`a[href="/documents/${documentId}"]`).first().waitFor(WAIT);
    expect(await scrollWidth(list)).toBeLessThanOrEqual(WIDTH);
    expect(await cutOff(list, "main")).toEqual([]);
    await list.context().close();

    const compilation = await phone("chair@demo.accord", `/documents/${documentId}/proposals`);
    await compilation.locator(".compilation-block").first().waitFor(WAIT);
    expect(await scrollWidth(compilation)).toBeLessThanOrEqual(WIDTH);
    expect(await cutOff(compilation, "main")).toEqual([]);
    await compilation.context().close();
  }, 60_000);
});
