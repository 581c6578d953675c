import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ImportResponse, SessionResponse } from "../../schemas/api.js";
import { bracketBy, findParagraph, placeBracket } from "../helpers/yDocEdits.js";
import { syncedClient, type YClient } from "../helpers/yClient.js";
import { seriousViolations, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD, type TestServer } from "../helpers/testServer.js";

const WAIT = { timeout: 20_000 };
const ARABIC_RESOLUTION = fs.readFileSync(new URL("../fixtures/languages/resolution.ar.txt", import.meta.url), "utf8");
const room = useServerAndBrowser();

/** A fresh browser profile whose preferred language is `locale`, on the sign-in page. */
async function signInPage(browser: Browser, url: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.locator('input[name="email"]').waitFor(WAIT);
  return page;
}

/** Signs in through the form, whatever language its labels are in, and waits for the document list. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator(".app-header").waitFor(WAIT);
}

/** The document element's language and direction, once the interface has switched to `lang`. */
async function interfaceIn(page: Page, lang: string): Promise<string> {
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, lang, WAIT);
  return page.evaluate(() => document.documentElement.dir);
}

/** Chooses a language, named in itself, from the switcher of the header or the sign-in page, with the mouse. */
async function chooseLanguage(page: Page, name: string): Promise<void> {
  await page.locator(".language-switcher button").click();
  await page.getByRole("option", { name }).click();
}

async function accountLocale(server: TestServer, email: string): Promise<string | null> {
  const cookie = await server.login(email);
  return SessionResponse.parse(await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()).user.locale;
}

const direction = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => getComputedStyle(el).direction);

/** Imports the Arabic resolution as the secretariat and brackets a few words of its first paragraph; returns its id. */
async function importArabicResolution(server: TestServer): Promise<string> {
  const secretariat = await server.login("secretariat@demo.accord");
  const res = await fetch(`${server.url}/api/documents/import?language=ar`, {
    method: "POST", headers: { cookie: secretariat, "content-type": "text/plain", origin: server.origin }, body: ARABIC_RESOLUTION,
  });
  expect(res.status).toBe(201);
  const id = ImportResponse.parse(await res.json()).document.id;
  const clients: YClient[] = [];
  const client = await syncedClient(server, id, secretariat, clients);
  const me = SessionResponse.parse(await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie: secretariat } })).json()).user;
  placeBracket(client.doc, findParagraph(client.doc, (b) => b.kind === "paragraph"), 4, 6, bracketBy(me, "arBracket"));
  await client.allSaved();
  client.destroy();
  return id;
}

describe("the interface language and its direction", () => {
  it("starts the sign-in page in the browser's Arabic, right to left, with the languages named in themselves", async () => {
    const page = await signInPage(room.browser, room.server.url, "ar-EG");
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    expect(await direction(page, "main")).toBe("rtl");
    await page.locator(".language-switcher button").click();
    const options = page.getByRole("option");
    expect(await options.allTextContents()).toEqual(["العربية", "中文", "English", "Français", "Русский", "Español"]);
    expect(await options.evaluateAll((all) => all.map((o) => o.getAttribute("lang")))).toEqual(["ar", "zh", "en", "fr", "ru", "es"]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.context().close();

    const english = await signInPage(room.browser, room.server.url, "de-DE");
    expect(await interfaceIn(english, "en")).toBe("ltr");
    await english.context().close();
  });

  it("switching to English in the header turns the interface left to right and follows the account to another browser", async () => {
    const { server, browser } = room;
    const page = await signInPage(browser, server.url, "ar");
    await signIn(page, "arcadia@demo.accord");
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    expect(await direction(page, ".app-header")).toBe("rtl");
    expect(await seriousViolations(page)).toEqual([]);

    // From the keyboard alone: the list opens on the current language, English is two below it.
    await page.locator(".language-switcher button").focus();
    await page.keyboard.press("Enter");
    await page.getByRole("option", { name: "العربية" }).waitFor(WAIT);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    expect(await interfaceIn(page, "en")).toBe("ltr");
    expect(await direction(page, ".app-header")).toBe("ltr");
    await expect.poll(() => accountLocale(server, "arcadia@demo.accord"), WAIT).toBe("en");
    await page.context().close();

    // Another device whose browser prefers Arabic: Arabic until the account is known, then the account's English.
    const elsewhere = await signInPage(browser, server.url, "ar");
    expect(await interfaceIn(elsewhere, "ar")).toBe("rtl");
    await signIn(elsewhere, "arcadia@demo.accord");
    expect(await interfaceIn(elsewhere, "en")).toBe("ltr");
    await elsewhere.context().close();
  });

  it("a language chosen before signing in stays, and does not become the account's choice", async () => {
    const { server, browser } = room;
    const page = await signInPage(browser, server.url, "en-US");
    expect(await interfaceIn(page, "en")).toBe("ltr");
    await chooseLanguage(page, "العربية");
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    await signIn(page, "borealia@demo.accord");
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    expect(await accountLocale(server, "borealia@demo.accord")).toBeNull();
    // Remembered on this device: a reload starts in Arabic again.
    await page.reload();
    await page.locator(".app-header").waitFor(WAIT);
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    await page.context().close();
  });

  it("an invitation opens in the language the secretariat chose for the account, before anyone signs in", async () => {
    const { server, browser } = room;
    const secretariat = await server.login("secretariat@demo.accord");
    const res = await fetch(`${server.url}/api/admin/users`, {
      method: "POST",
      headers: { cookie: secretariat, "content-type": "application/json", origin: server.origin },
      body: JSON.stringify({ email: "amina@example.org", displayName: "Amina Haddad", role: "observer", locale: "ar" }),
    });
    expect(res.status).toBe(201);
    const { inviteUrl } = (await res.json()) as { inviteUrl: string };
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(`${server.url}${new URL(inviteUrl).pathname}`);
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    await context.close();
  });

  it("in Arabic the header, main, overview and a dialog run right to left and the toolbar begins at the right; an English text stays left to right", async () => {
    const { server, browser } = room;
    const page = await signInPage(browser, server.url, "ar");
    await signIn(page, "chair@demo.accord");
    expect(await interfaceIn(page, "ar")).toBe("rtl");
    await page.getByRole("link", { name: "Draft WSIS+20 Declaration" }).click();
    await page.locator(".negotiation-text p.para").nth(2).waitFor(WAIT);

    for (const region of [".app-header", "main", ".overview"]) expect(await direction(page, region), region).toBe("rtl");
    expect(await page.locator(".back-link").first().evaluate((el) => getComputedStyle(el, "::before").content)).toBe('"→ "');
    // The document is English: its text is left to right inside the Arabic interface.
    const text = page.locator(".negotiation-text");
    expect(await text.getAttribute("dir")).toBe("ltr");
    expect(await text.getAttribute("lang")).toBe("en");
    expect(await direction(page, ".negotiation-text p.para")).toBe("ltr");

    // The toolbar is laid out from the right: its first button right of its last, in the right half of the window.
    const buttons = page.locator(".negotiation-toolbar button");
    const first = (await buttons.first().boundingBox())!;
    const last = (await buttons.last().boundingBox())!;
    const width = page.viewportSize()!.width;
    expect(first.x).toBeGreaterThan(last.x);
    expect(first.x + first.width).toBeGreaterThan(width / 2);
    await page.screenshot({ path: "test-results/language-toolbar-ar.png" }).catch(() => undefined);

    await page.locator(".doc-bar__export").click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor(WAIT);
    expect(await dialog.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    await page.keyboard.press("Escape");
    await page.context().close();
  });

  it("an Arabic document reads right to left, its labels and brackets on the right, even in the English interface", async () => {
    const { server, browser } = room;
    const id = await importArabicResolution(server);
    const page = await signInPage(browser, server.url, "en");
    await signIn(page, "secretariat@demo.accord");
    expect(await interfaceIn(page, "en")).toBe("ltr");
    await page.goto(`${server.url}/documents/${id}`);
    const paragraphs = page.locator(".negotiation-text p.para");
    await paragraphs.nth(2).waitFor(WAIT);

    const text = page.locator(".negotiation-text");
    expect(await text.getAttribute("dir")).toBe("rtl");
    expect(await text.getAttribute("lang")).toBe("ar");
    expect(await direction(page, ".negotiation-text p.para")).toBe("rtl");
    expect(await direction(page, ".app-header")).toBe("ltr");
    // Its title, in the English page's bar, is Arabic text too.
    expect(await page.locator(".doc-bar__title").getAttribute("dir")).toBe("rtl");

    // The margin label sits in the right margin (the start of Arabic text): its left edge past the paragraph's right edge.
    const label = await paragraphs.first().evaluate((p) => {
      const before = getComputedStyle(p, "::before");
      return { content: before.content, left: parseFloat(before.left), width: p.getBoundingClientRect().width };
    });
    expect(label.content).not.toBe("none");
    expect(label.left).toBeGreaterThan(label.width);
    // The labels are Arabic: the abjad letters of the source, in the UN's Arabic parentheses.
    const labels = await paragraphs.evaluateAll((ps) => ps.slice(0, 4).map((p) => getComputedStyle(p, "::before").content));
    expect(labels.slice(0, 3)).toEqual(['"(أ)"', '"(ب)"', '"(ج)"'].map((l) => expect.stringContaining(l.slice(1, -1))));

    // The opening glyph of the bracket is drawn to the right of the closing one, around the bracketed words.
    const glyphs = page.locator('.bracket-glyph[data-bracket-id="arBracket"]');
    await glyphs.first().waitFor(WAIT);
    const [open, close] = [(await glyphs.first().boundingBox())!, (await glyphs.last().boundingBox())!];
    expect(open.x).toBeGreaterThan(close.x);
    await page.screenshot({ path: "test-results/language-arabic-document.png" }).catch(() => undefined);

    // The overview names paragraphs in the document's language and direction, inside the English panel.
    const reference = page.locator(".paragraph-list__label").first();
    expect(await reference.getAttribute("lang")).toBe("ar");
    expect(await reference.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    expect(await direction(page, ".overview")).toBe("ltr");

    // The revision page and the comparison show the text in its own direction too.
    const secretariat = await server.login("secretariat@demo.accord");
    const post = (path: string, body?: unknown) => fetch(`${server.url}/api/documents/${id}${path}`, {
      method: "POST", headers: { cookie: secretariat, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify(body ?? {}),
    });
    expect((await post("/publish")).status).toBe(200);
    expect((await post("/revisions", { name: "Rev.1" })).status).toBe(201);
    for (const path of ["/revisions/1", "/compare"]) {
      await page.goto(`${server.url}/documents/${id}${path}`);
      const list = page.locator(".compare-list");
      await list.waitFor(WAIT);
      expect([await list.getAttribute("lang"), await list.getAttribute("dir")], path).toEqual(["ar", "rtl"]);
      expect(await direction(page, "main"), path).toBe("ltr");
    }
    await page.context().close();
  });
});
