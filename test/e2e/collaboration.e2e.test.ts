import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickAtEndOfText, launchBrowser, textWithoutCarets } from "../helpers/browser.js";
import { PASSWORD, startTestServer, type TestServer } from "../helpers/testServer.js";

const DECLARATION = "Draft WSIS+20 Declaration";
const WAIT = { timeout: 20_000 };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile, signed in through the login form, with the declaration open. */
async function openDeclarationAs(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: DECLARATION }).click();
  await page.locator(".negotiation-text p.para").nth(2).waitFor(WAIT);
  await saveStatus(page, "saved");
  return page;
}

function paragraph(page: Page, index: number) {
  return page.locator(".negotiation-text p.para").nth(index);
}

async function typeAtEndOfParagraph(page: Page, index: number, text: string): Promise<void> {
  await clickAtEndOfText(paragraph(page, index));
  await page.keyboard.type(text);
}

/** Waits until the paragraph's text (without caret flags) contains `word`. */
async function paragraphContains(page: Page, index: number, word: string): Promise<void> {
  await page.waitForFunction(
    ([i, w]) => {
      const p = document.querySelectorAll(".negotiation-text p.para")[i as number]?.cloneNode(true) as HTMLElement | undefined;
      if (!p) return false;
      for (const caret of p.querySelectorAll(".collab-caret")) caret.remove();
      return (p.textContent ?? "").includes(w as string);
    },
    [index, word],
    WAIT,
  );
}

async function caretLabel(page: Page, label: string): Promise<void> {
  await page.locator(".collab-caret__label", { hasText: label }).waitFor(WAIT);
}

async function saveStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[role="status"][data-status="${status}"]`).waitFor(WAIT);
}

describe("two delegations editing the declaration", () => {
  it("see each other's words and labelled carets, and both texts are saved", async () => {
    const arcadia = await openDeclarationAs("arcadia@demo.accord");
    const civil = await openDeclarationAs("civil@demo.accord");

    // Both type into the third paragraph at the same time.
    await Promise.all([
      typeAtEndOfParagraph(arcadia, 2, " arcadiaproposal"),
      typeAtEndOfParagraph(civil, 2, " civilproposal"),
    ]);

    await new Promise((r) => setTimeout(r, 3000));
    console.log("DEBUG A", await textWithoutCarets(paragraph(arcadia, 2)), await arcadia.locator("[role=status][data-status]").getAttribute("data-status"));
    console.log("DEBUG C", await textWithoutCarets(paragraph(civil, 2)), await civil.locator("[role=status][data-status]").getAttribute("data-status"));
    console.log("DEBUG CIVIL FULL", await civil.evaluate(() => { const t = document.querySelector(".negotiation-text")!.textContent!; const i = t.indexOf("civilproposal"); return i + " " + t.slice(Math.max(0, i - 200), i + 50) + " ACTIVE " + document.activeElement?.className; }));
    console.log("DEBUG P5", await arcadia.locator(".negotiation-text p.para").nth(4).evaluate((e) => e.outerHTML.slice(0, 300)));
    await paragraphContains(arcadia, 2, "civilproposal");
    await paragraphContains(civil, 2, "arcadiaproposal");
    await caretLabel(arcadia, "Amara Diallo · Digital Rights Network");
    await caretLabel(civil, "Elena Marek · Republic of Arcadia");
    await saveStatus(arcadia, "saved");
    await saveStatus(civil, "saved");

    // Converged: both windows hold the same text, containing both words once.
    const [seenByArcadia, seenByCivil] = await Promise.all([
      textWithoutCarets(paragraph(arcadia, 2)),
      textWithoutCarets(paragraph(civil, 2)),
    ]);
    expect(seenByArcadia).toBe(seenByCivil);
    expect(seenByArcadia.match(/arcadiaproposal/g)).toHaveLength(1);
    expect(seenByArcadia.match(/civilproposal/g)).toHaveLength(1);

    // "Saved" means stored: a third person opening the document now gets both words from the server.
    const observer = await openDeclarationAs("observer@demo.accord");
    expect(await textWithoutCarets(paragraph(observer, 2))).toBe(seenByArcadia);
    expect(await observer.locator(".negotiation-text").getAttribute("contenteditable")).toBe("false");
  });
});
