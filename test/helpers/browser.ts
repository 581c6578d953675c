import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { PASSWORD, startTestServer, type TestServer } from "./testServer.js";

/** Debian's Chromium; `scripts/ensure-test-tools.mjs` installs it before the test run. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for a headless Chromium in a container: no sandbox, GPU, QUIC or background traffic. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches headless Chromium for end-to-end tests. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}; run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A fresh browser profile signed in through the login form at `baseUrl` (the demo password by default). */
export async function signInThroughForm(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  prepare: (context: BrowserContext) => Promise<void> = async () => {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await prepare(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

/**
 * Clicks just before the first or just after the last character of an
 * element's own text, so the caret lands at its very start or end (the
 * Home/End keys only reach the ends of a wrapped line). Other people's caret
 * flags are widgets, not text, and are skipped.
 */
export async function clickInText(target: Locator, where: "start" | "end"): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const point = await target.evaluate((el, atEnd) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement?.closest(".collab-caret") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const texts: Text[] = [];
    while (walker.nextNode()) texts.push(walker.currentNode as Text);
    const text = atEnd ? texts.at(-1) : texts[0];
    if (!text || text.length === 0) throw new Error("element has no text to click in");
    const range = document.createRange();
    range.setStart(text, atEnd ? text.length - 1 : 0);
    range.setEnd(text, atEnd ? text.length : 1);
    const rect = range.getBoundingClientRect();
    return { x: atEnd ? rect.right + 1 : rect.left, y: rect.top + rect.height / 2 };
  }, where === "end");
  await target.page().mouse.click(point.x, point.y);
}

/** An element's text as a reader sees it in the document, without other people's caret flags. */
export function textWithoutCarets(target: Locator): Promise<string> {
  return target.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collab-caret")) caret.remove();
    return copy.textContent ?? "";
  });
}

/**
 * Starts a test server and headless Chromium before a file's tests, hands
 * them to `ready`, and closes both after the tests.
 */
export function withServerAndBrowser(ready: (server: TestServer, browser: Browser) => void): void {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * {@link withServerAndBrowser} for a file's tests, handing back the server
 * and browser as properties that are set once they have started.
 */
export function useServerAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  const started: { server?: TestServer; browser?: Browser } = {};
  withServerAndBrowser((server, browser) => {
    started.server = server;
    started.browser = browser;
  });
  return {
    get server() {
      if (!started.server) throw new Error("the server starts before the tests");
      return started.server;
    },
    get browser() {
      if (!started.browser) throw new Error("the browser starts before the tests");
      return started.browser;
    },
  };
}

/** The `index`-th negotiated paragraph of the open document (0-based; headings and the title do not count). */
export function paragraph(page: Page, index: number): Locator {
  return page.locator(".negotiation-text p.para").nth(index);
}

/** A fresh browser profile signed in as `email` (the demo password), with the document titled `title` open and loaded. */
export async function openDocumentAs(browser: Browser, baseUrl: string, email: string, title: string): Promise<Page> {
  const page = await signInThroughForm(browser, baseUrl, email, PASSWORD);
  await page.getByRole("link", { name: title }).click();
  await paragraph(page, 2).waitFor({ timeout: 20_000 });
  await page.locator('[role="status"][data-status="saved"]').waitFor({ timeout: 20_000 });
  return page;
}

/** Clicks just inside the first letter of `word` in an element's text, putting the caret before the word. */
export async function clickBefore(target: Locator, word: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const point = await target.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest(".bracket-glyph, .collab-caret") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const at = node.data.indexOf(wanted);
      if (at < 0) continue;
      // In the middle of the window: at its top the word would sit under the sticky bars.
      node.parentElement!.scrollIntoView({ block: "center" });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + 1, y: rect.top + rect.height / 2 };
    }
    throw new Error(`"${wanted}" is not in the element`);
  }, word);
  await target.page().mouse.click(point.x, point.y);
}

/** Serious or critical accessibility violations on the page, as axe finds them. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // react-aria's live announcer keeps a transient element labelled by an id that may be gone: not the page's content.
  const results = await new AxeBuilder({ page }).exclude("[data-live-announcer]").analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(", ")}`);
}
