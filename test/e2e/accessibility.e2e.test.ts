import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import { clickInText, openDocumentAs, paragraph, seriousViolations, useServerAndBrowser } from "../helpers/browser.js";

/*
 * axe-core on every page of Accord, in English and in Arabic (right to
 * left): sign-in, invitation, document list, the document page with its
 * tabs and dialogs, a revision, a comparison, the compilation and the
 * secretariat's pages. Any serious or critical violation fails the pass.
 */

const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();
type Language = "en" | "ar";

/** A browser profile in `language` (the browser's preferred language), signed in as `email` unless null. */
async function profile(language: Language, email: string | null): Promise<BrowserContext> {
  const context = await room.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: language === "ar" ? "ar" : "en-US" });
  if (email) {
    const [name, value] = (await room.server.login(email)).split("=") as [string, string];
    await context.addCookies([{ name, value, url: room.server.url }]);
  }
  return context;
}

/**
 * The page in the language under test: the interface follows the browser's
 * language; the document element must then be right to left for Arabic (the
 * check runs on the page as a reader of Arabic gets it).
 */
async function inLanguage(page: Page, language: Language): Promise<void> {
  await page.locator("main").first().waitFor(WAIT);
  if (language === "ar") {
    await page.waitForFunction(() => document.documentElement.dir === "rtl" && document.documentElement.lang === "ar", null, WAIT);
  }
}

/**
 * Rules checked at any impact: content outside landmarks (axe rates it
 * moderate), a visible label missing from the accessible name (an
 * experimental rule) and WCAG 2.2's minimum target size (off by default in
 * axe 4), all named by the WCAG 2.2 AA goal.
 */
const STRICT_RULES = ["region", "label-content-name-mismatch", "target-size"];

/** The serious violations of `page` and those of the strict rules, each prefixed with where it was found. */
async function check(page: Page, where: string, found: string[]): Promise<void> {
  for (const violation of await seriousViolations(page)) found.push(`${where}: ${violation}`);
  const strict = await new AxeBuilder({ page }).withRules(STRICT_RULES).exclude("[data-live-announcer]").analyze();
  for (const v of strict.violations) found.push(`${where}: ${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}

/** A one-time invitation link made by the secretariat through the API. */
async function invitationPath(): Promise<string> {
  const { server } = room;
  const cookie = await server.login("secretariat@demo.accord");
  const res = await fetch(`${server.url}/api/admin/users`, {
    method: "POST",
    headers: { cookie, origin: server.origin, "content-type": "application/json" },
    body: JSON.stringify({ email: `invitee-${Date.now()}@example.org`, displayName: "Ines Invitee", role: "observer" }),
  });
  expect(res.status).toBe(201);
  return new URL(((await res.json()) as { inviteUrl: string }).inviteUrl).pathname;
}

/** Issues Rev.1 of a document as the facilitator, so it has a revision page and a comparison. */
async function issueRevision(documentId: string): Promise<void> {
  const { server } = room;
  const cookie = await server.login("chair@demo.accord");
  const res = await fetch(`${server.url}/api/documents/${documentId}/revisions`, {
    method: "POST", headers: { cookie, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify({ name: "Rev.1" }),
  });
  expect(res.status).toBe(201);
}

/** The document page as a delegate: the text with brackets, each tab, bracket details, export and the comment form. */
async function checkDocumentPage(language: Language, documentId: string, found: string[]): Promise<void> {
  const context = await profile(language, "arcadia@demo.accord");
  const page = await context.newPage();
  await page.goto(`${room.server.url}/documents/${documentId}`);
  await page.locator(".negotiation-text p.para").nth(2).waitFor(WAIT);
  await page.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
  await inLanguage(page, language);
  await page.locator(".negotiation-toolbar").waitFor(WAIT);
  await page.locator(".negotiation-text .bracket-glyph").first().waitFor(WAIT);
  await check(page, "document, paragraphs tab", found);

  const tabs = page.locator(".panel-tabs__tab");
  await tabs.nth(1).click();
  await page.locator(".panel-tabs__panel").waitFor(WAIT);
  await check(page, "document, comments tab", found);
  await tabs.nth(2).click();
  await page.locator(".proposals__count, .panel-tabs__panel button").first().waitFor(WAIT);
  await check(page, "document, proposals tab", found);
  await tabs.nth(0).click();

  // The details of a bracket, opened from its glyph.
  await page.locator(".negotiation-text .bracket-glyph").first().click();
  await page.locator(".bracket-details").waitFor(WAIT);
  await check(page, "document, bracket details", found);
  await page.keyboard.press("Escape");
  await page.locator(".bracket-details").waitFor({ state: "detached", ...WAIT });

  await page.locator(".doc-bar__export").click();
  await page.getByRole("dialog").waitFor(WAIT);
  await check(page, "document, export dialog", found);
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached", ...WAIT });

  // The toolbar's list of keys.
  await page.locator(".negotiation-toolbar button").last().click();
  await page.locator(".keys-help").waitFor(WAIT);
  await check(page, "document, keyboard shortcuts", found);
  await page.keyboard.press("Escape");
  await page.locator(".keys-help").waitFor({ state: "detached", ...WAIT });

  // The alternative dialog for a selected word.
  const plain = page.locator('.negotiation-text p.para[data-status="open"]:not(:has(.bracket))').first();
  await plain.click();
  await page.keyboard.press("Control+Shift+ArrowLeft");
  await page.keyboard.press("Control+Shift+0");
  await page.getByRole("dialog").waitFor(WAIT);
  await check(page, "document, alternative dialog", found);
  await page.keyboard.press("Escape");
  await page.getByRole("dialog").waitFor({ state: "detached", ...WAIT });

  // The comment form on the paragraph at the caret.
  await plain.click();
  await page.keyboard.press("Control+Alt+KeyM");
  await page.locator(".comment-form textarea, form textarea").first().waitFor(WAIT);
  await check(page, "document, comment form", found);
  await context.close();

  // An observer's read-only text, whose bracket glyphs are buttons, with attribution view on.
  const observing = await profile(language, "observer@demo.accord");
  const observer = await observing.newPage();
  await observer.goto(`${room.server.url}/documents/${documentId}`);
  await observer.locator('.negotiation-text .bracket-glyph[role="button"]').first().waitFor(WAIT);
  await inLanguage(observer, language);
  await observer.locator(".attribution__switch").click();
  await observer.locator(".attribution__legend").waitFor(WAIT);
  await check(observer, "document, observer with attribution view", found);
  await observing.close();
}

/** Every other page: sign-in, invitation, list, revision, comparison, compilation, administration. */
async function checkOtherPages(language: Language, documentId: string, invitation: string, found: string[]): Promise<void> {
  const { server } = room;
  const anonymous = await profile(language, null);
  const visitor = await anonymous.newPage();
  await visitor.goto(`${server.url}/login`);
  await visitor.locator("form").waitFor(WAIT);
  await inLanguage(visitor, language);
  await check(visitor, "sign-in", found);
  await visitor.goto(`${server.url}${invitation}`);
  await visitor.locator("form").waitFor(WAIT);
  await inLanguage(visitor, language);
  await check(visitor, "invitation", found);
  await anonymous.close();

  const delegate = await profile(language, "borealia@demo.accord");
  const page = await delegate.newPage();
  await page.goto(`${server.url}/`);
  await page.locator(`a[href="/documents/${documentId}"]`).first().waitFor(WAIT);
  await inLanguage(page, language);
  await check(page, "document list", found);
  await page.goto(`${server.url}/documents/${documentId}/revisions/1`);
  await page.locator(".compare-block").first().waitFor(WAIT);
  await inLanguage(page, language);
  await check(page, "revision", found);
  await page.goto(`${server.url}/documents/${documentId}/compare?from=1`);
  await page.locator(".compare-block").first().waitFor(WAIT);
  await inLanguage(page, language);
  await check(page, "comparison", found);
  await delegate.close();

  const chair = await profile(language, "chair@demo.accord");
  const compilation = await chair.newPage();
  await compilation.goto(`${server.url}/documents/${documentId}/proposals`);
  await compilation.locator(".compilation-block").first().waitFor(WAIT);
  await inLanguage(compilation, language);
  await check(compilation, "compilation", found);
  await chair.close();

  const secretariat = await profile(language, "secretariat@demo.accord");
  const admin = await secretariat.newPage();
  for (const section of ["delegations", "people", "documents", "audit"]) {
    await admin.goto(`${server.url}/admin/${section}`);
    await admin.locator('[role="tab"][aria-selected="true"]').waitFor(WAIT);
    await admin.locator("main table, main [role='grid'], main ol, main ul").first().waitFor(WAIT);
    await inLanguage(admin, language);
    await check(admin, `admin ${section}`, found);
  }
  await secretariat.close();
}

describe("accessibility of every page (axe-core, WCAG 2.2 AA)", () => {
  let documentId = "";
  let invitation = "";
  beforeAll(async () => {
    documentId = await room.server.documentId(await room.server.login("chair@demo.accord"), "WSIS+20 Vision");
    await issueRevision(documentId);
    invitation = await invitationPath();
  });

  it.each(["en", "ar"] as const)("the document page, its tabs and dialogs have no serious or critical violation in %s", async (language) => {
    const found: string[] = [];
    await checkDocumentPage(language, documentId, found);
    expect(found).toEqual([]);
  }, 120_000);

  it.each(["en", "ar"] as const)("every other page has no serious or critical violation in %s", async (language) => {
    const found: string[] = [];
    await checkOtherPages(language, documentId, invitation, found);
    expect(found).toEqual([]);
  }, 120_000);
});

/** Everything written into a page's remote-changes live region from now on. */
async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-live="remote-changes"]')!;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      if (region.textContent) said.push(region.textContent);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { said: string[] }).said]);
}

describe("others' changes to the paragraph at the caret", () => {
  it("are announced politely, one announcement for a burst of typing, never for one's own edits or other paragraphs", async () => {
    const { server, browser } = room;
    const arcadia = await openDocumentAs(browser, server.url, "arcadia@demo.accord", "WSIS+20 Vision");
    const borealia = await openDocumentAs(browser, server.url, "borealia@demo.accord", "WSIS+20 Vision");
    const region = arcadia.locator('[data-live="remote-changes"]');
    expect(await region.getAttribute("aria-live")).toBe("polite");
    await clickInText(paragraph(arcadia, 3), "end");
    const reference = /^Caret in (.+) · /.exec(await arcadia.locator(".negotiation-toolbar__context").innerText())![1]!;
    const said = await recordAnnouncements(arcadia);

    // Borealia types a few words at the end of the same paragraph: one announcement, naming the delegation.
    await clickInText(paragraph(borealia, 3), "end");
    await borealia.keyboard.type(" in all regions", { delay: 40 });
    const started = Date.now();
    await arcadia.waitForFunction(() => (window as unknown as { said: string[] }).said.length > 0, null, WAIT);
    await arcadia.waitForTimeout(1_000);
    const heard = await said();
    expect(heard[0]).toBe(`Kingdom of Borealia changed ${reference}`);
    // However the keys reached the room, at most one announcement per five seconds.
    expect(heard.length).toBeLessThanOrEqual(1 + Math.floor((Date.now() - started) / 5_000));

    // Arcadia's own typing there, and Borealia's in another paragraph, say nothing.
    await arcadia.keyboard.type(" fully", { delay: 40 });
    await clickInText(paragraph(borealia, 5), "end");
    await borealia.keyboard.type(" as well", { delay: 40 });
    await arcadia.waitForTimeout(7_000);
    expect(await said()).toEqual(heard);

    // Attribution view on: who wrote the words at the caret is said beside the legend, as the caret moves.
    await arcadia.locator(".attribution__switch").click();
    await clickInText(paragraph(arcadia, 3), "end");
    const atCaret = arcadia.locator(".attribution__caret");
    // Borealia's words came in after Arcadia's: the paragraph ends "… fully in all regions".
    await atCaret.filter({ hasText: "Tomas Halvorsen" }).waitFor(WAIT);
    expect(await atCaret.innerText()).toMatch(/^At the caret: .*Kingdom of Borealia/);
    for (let i = 0; i < "in all regions".length + 3; i++) await arcadia.keyboard.press("ArrowLeft");
    await atCaret.filter({ hasText: "Elena Marek" }).waitFor(WAIT);
    await arcadia.context().close();
    await borealia.context().close();
  }, 60_000);
});

describe("prefers-reduced-motion", () => {
  it("takes every transition and animation away when the system asks for less motion, and only then", async () => {
    const durations = async (reducedMotion: "reduce" | "no-preference") => {
      const context = await room.browser.newContext({ viewport: { width: 1400, height: 900 }, reducedMotion });
      const [name, value] = (await room.server.login("secretariat@demo.accord")).split("=") as [string, string];
      await context.addCookies([{ name, value, url: room.server.url }]);
      const page = await context.newPage();
      await page.goto(`${room.server.url}/admin/audit`);
      const results = page.locator(".audit-results");
      await results.waitFor(WAIT);
      // The audit results fade while a new filter loads.
      await results.evaluate((el) => el.setAttribute("data-stale", "true"));
      const fade = await results.evaluate((el) => getComputedStyle(el).transitionDuration);
      const moving = await page.evaluate(() => [...document.querySelectorAll("*")].filter((el) => {
        const style = getComputedStyle(el);
        return [style.transitionDuration, style.animationDuration].some((d) => d.split(",").some((part) => parseFloat(part) > 0));
      }).length);
      await context.close();
      return { fade, moving };
    };
    expect(await durations("no-preference")).toMatchObject({ fade: "0.2s" });
    expect(await durations("reduce")).toEqual({ fade: "0s", moving: 0 });
  });
});
