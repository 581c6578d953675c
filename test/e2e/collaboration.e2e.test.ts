import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickInText, openDocumentAs, paragraph, textWithoutCarets, withServerAndBrowser } from "../helpers/browser.js";
import type { TestServer } from "../helpers/testServer.js";

const DECLARATION = "Draft WSIS+20 Declaration";
const WAIT = { timeout: 20_000 };
/** Milliseconds between key presses: a fast human typist, so both delegates' keystrokes interleave on the wire. */
const TYPING_DELAY_MS = 40;
const ARCADIA = { email: "arcadia@demo.accord", caret: "Elena Marek · Republic of Arcadia" };
const CIVIL = { email: "civil@demo.accord", caret: "Amara Diallo · Digital Rights Network" };

let server: TestServer;
let browser: Browser;

withServerAndBrowser((startedServer, startedBrowser) => {
  server = startedServer;
  browser = startedBrowser;
});

/** A fresh browser profile, signed in through the login form, with the declaration open and loaded. */
function openDeclarationAs(email: string): Promise<Page> {
  return openDocumentAs(browser, server.url, email, DECLARATION);
}

/**
 * Both delegates put their carets first, then type at the same time. (Had one
 * clicked after the other's first letters arrived, their caret would sit
 * inside the other's word, and typing there interleaves the words: that is
 * the merge working as designed, not what these tests are about.)
 */
async function typeConcurrently(...edits: [page: Page, index: number, where: "start" | "end", text: string][]): Promise<void> {
  for (const [page, index, where] of edits) await clickInText(paragraph(page, index), where);
  await Promise.all(edits.map(([page, , , text]) => page.keyboard.type(text, { delay: TYPING_DELAY_MS })));
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

/** Both windows show the same paragraph text; returns it. */
async function convergedText(a: Page, b: Page, index: number): Promise<string> {
  const [seenByA, seenByB] = await Promise.all([textWithoutCarets(paragraph(a, index)), textWithoutCarets(paragraph(b, index))]);
  expect(seenByA).toBe(seenByB);
  return seenByA;
}

describe("two delegations editing the same paragraph of the declaration", () => {
  it("see each other's words and labelled carets when both type at its end, and the text is saved", async () => {
    const arcadia = await openDeclarationAs(ARCADIA.email);
    const civil = await openDeclarationAs(CIVIL.email);
    const original = await textWithoutCarets(paragraph(arcadia, 2));

    await typeConcurrently([arcadia, 2, "end", " arcadiaproposal"], [civil, 2, "end", " civilproposal"]);

    await paragraphContains(arcadia, 2, "civilproposal");
    await paragraphContains(civil, 2, "arcadiaproposal");
    await caretLabel(arcadia, CIVIL.caret);
    await caretLabel(civil, ARCADIA.caret);
    await saveStatus(arcadia, "saved");
    await saveStatus(civil, "saved");

    // Each delegate's word arrives whole and once, after the original text. (Where the two
    // leading spaces land when both type at the very same spot depends on the Yjs tie-break.)
    const text = await convergedText(arcadia, civil, 2);
    expect(text.startsWith(original)).toBe(true);
    const added = text.slice(original.length);
    expect(added.match(/arcadiaproposal/g)).toHaveLength(1);
    expect(added.match(/civilproposal/g)).toHaveLength(1);
    expect(added.replace(/\s/g, "").length).toBe("arcadiaproposalcivilproposal".length);

    // "Saved" means stored: someone opening the document now gets the same text from the server.
    const observer = await openDeclarationAs("observer@demo.accord");
    expect(await textWithoutCarets(paragraph(observer, 2))).toBe(text);
    expect(await observer.locator(".negotiation-text").getAttribute("contenteditable")).toBe("false");
    await Promise.all([arcadia.context().close(), civil.context().close(), observer.context().close()]);
  });

  it("keeps each delegate's caret in place while the other types earlier in the same paragraph", async () => {
    const arcadia = await openDeclarationAs(ARCADIA.email);
    const civil = await openDeclarationAs(CIVIL.email);
    const original = await textWithoutCarets(paragraph(arcadia, 3));

    await typeConcurrently([arcadia, 3, "end", " endofparagraph"], [civil, 3, "start", "Firstly, "]);

    await paragraphContains(arcadia, 3, "Firstly, ");
    await paragraphContains(civil, 3, "endofparagraph");
    await saveStatus(arcadia, "saved");
    await saveStatus(civil, "saved");
    expect(await convergedText(arcadia, civil, 3)).toBe(`Firstly, ${original} endofparagraph`);
    await Promise.all([arcadia.context().close(), civil.context().close()]);
  });
});
