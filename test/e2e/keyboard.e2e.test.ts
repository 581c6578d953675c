import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { paragraph, textWithoutCarets, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD } from "../helpers/testServer.js";

/*
 * The keyboard-only journey, from sign-in to an agreed paragraph: no mouse
 * event at all (the page counts pointer events and the test asserts none
 * came), focus moved with Tab and the editor's own keys.
 */

const VISION = "WSIS+20 Vision";
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

/** A fresh profile that counts every pointer and mouse button event the page receives. */
async function keyboardOnlyPage(): Promise<Page> {
  const context = await room.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const seen = { count: 0 };
    (window as unknown as { pointerEvents: typeof seen }).pointerEvents = seen;
    for (const type of ["pointerdown", "mousedown", "mouseup", "wheel"]) {
      window.addEventListener(type, () => seen.count++, { capture: true });
    }
  });
  return context.newPage();
}

/** Pointer events the page received since it loaded. */
const pointerEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { pointerEvents: { count: number } }).pointerEvents.count);

/** Focused elements Tab reached that showed no focus indicator (outline or ring on it, around it or on its visible part). */
const unringed: string[] = [];

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`
 * (and `text`, when given), or `presses` times when `selector` is null;
 * notes every focused element that shows no focus indicator.
 */
async function tabTo(page: Page, selector: string | null, text?: RegExp, backwards = false, presses = 80): Promise<void> {
  for (let i = 0; i < presses; i++) {
    const { found, ring } = await page.evaluate(({ selector, source }) => {
      const el = document.activeElement;
      const shows = (e: Element) => {
        const style = getComputedStyle(e);
        return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
      };
      const ring = !el || el === document.body || shows(el) || [...el.querySelectorAll("*")].some(shows) ||
        (el.parentElement !== null && shows(el.parentElement)) || (el.closest(".sheet") !== null && shows(el.closest(".sheet")!));
      const name = el ? `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").trim().slice(0, 30)}"` : "";
      if (!el || selector === null || !el.matches(selector)) return { found: false, ring: ring ? null : name };
      return { found: source === null || new RegExp(source).test((el.textContent ?? "").trim()), ring: ring ? null : name };
    }, { selector, source: text?.source ?? null });
    if (ring && !unringed.includes(ring)) unringed.push(ring);
    if (found) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  if (selector !== null) throw new Error(`Tab never reached ${selector} ${text ?? ""}`);
}

/** The focused element's text (for the toolbar's roving focus). */
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? "").trim());

/** Signs in through the form, opens the Vision from the list and tabs into the text, by keyboard alone. */
async function signInAndOpen(page: Page, email: string, into = ".ProseMirror"): Promise<void> {
  await page.goto(`${room.server.url}/login`);
  await page.locator('input[type="email"]').waitFor(WAIT);
  await tabTo(page, 'input[type="email"]');
  await page.keyboard.type(email);
  await tabTo(page, 'input[type="password"]');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.locator("main a[href^='/documents/']").first().waitFor(WAIT);
  await tabTo(page, "a[href^='/documents/']", new RegExp(VISION.replace(/[+]/g, "\\+")));
  await page.keyboard.press("Enter");
  await paragraph(page, 2).waitFor(WAIT);
  await page.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
  await tabTo(page, into);
}

/** The index among the negotiated paragraphs of the one holding the caret, or -1. */
const caretParagraph = (page: Page) => page.evaluate(() => {
  const node = window.getSelection()?.anchorNode ?? null;
  const element = node instanceof Element ? node : node?.parentElement;
  const para = element?.closest(".negotiation-text p.para");
  return para ? [...document.querySelectorAll(".negotiation-text p.para")].indexOf(para) : -1;
});

/** Moves the caret paragraph by paragraph (Alt+↓) until it is in paragraph `index`. */
async function goToParagraph(page: Page, index: number): Promise<void> {
  for (let i = 0; i < 200 && (await caretParagraph(page)) < index; i++) await page.keyboard.press("Alt+ArrowDown");
  expect(await caretParagraph(page)).toBe(index);
  await expectShown(page, index);
}

/** Paragraph `index` is in the window and not under the sticky toolbar (focus not obscured). */
async function expectShown(page: Page, index: number): Promise<void> {
  const { top, bottom, toolbarBottom } = await paragraph(page, index).evaluate((p) => ({
    ...p.getBoundingClientRect().toJSON() as DOMRect,
    toolbarBottom: document.querySelector(".negotiation-toolbar")!.getBoundingClientRect().bottom,
  }));
  expect(top).toBeGreaterThanOrEqual(toolbarBottom);
  expect(bottom).toBeLessThanOrEqual(await page.evaluate(() => window.innerHeight));
}

/** Indices of open paragraphs without brackets and with more than eight words. */
const plainParagraphs = (page: Page) => page.locator(".negotiation-text p.para").evaluateAll((paras) => paras.flatMap((p, i) => {
  const copy = p.cloneNode(true) as HTMLElement;
  for (const extra of copy.querySelectorAll(".collab-caret, .bracket-glyph, .para-label, [contenteditable='false']")) extra.remove();
  const words = (copy.textContent ?? "").trim().split(/\s+/);
  return p.getAttribute("data-status") === "open" && !p.querySelector(".bracket") && words.length > 8 ? [i] : [];
}));

/** Moves through the toolbar with the arrow keys until the button reading `label` has focus. */
async function arrowTo(page: Page, label: RegExp): Promise<void> {
  // The toolbar gives focus back to the button that last had it: first to its start, then along it.
  for (let i = 0, last = ""; i < 20 && last !== (last = await focusedText(page)); i++) await page.keyboard.press("ArrowLeft");
  const seen: string[] = [];
  for (let i = 0; i < 20; i++) {
    const text = await focusedText(page);
    if (label.test(text)) return;
    seen.push(text);
    await page.keyboard.press("ArrowRight");
  }
  throw new Error(`the toolbar has no ${label}; focus went through ${seen.join(" | ")}`);
}

describe("the keyboard-only journey", () => {
  it("a delegate signs in, opens the draft, moves paragraph by paragraph, brackets words, offers an alternative and comments; the facilitator agrees a paragraph", async () => {
    const arcadia = await keyboardOnlyPage();
    await signInAndOpen(arcadia, "arcadia@demo.accord");
    const [target, agreeable] = await plainParagraphs(arcadia);
    expect(target).toBeDefined();
    expect(agreeable).toBeDefined();

    // Paragraph by paragraph down to the target, and Alt+↑ back to its start from inside it.
    await goToParagraph(arcadia, target!);
    await arcadia.keyboard.press("ArrowRight");
    await arcadia.keyboard.press("Alt+ArrowUp");
    expect(await caretParagraph(arcadia)).toBe(target);
    expect(await arcadia.locator(".negotiation-toolbar__context").innerText()).toMatch(/^Caret in .+ · Open/);

    // Words selected with Ctrl+Shift+→, bracketed with Ctrl+Shift+9.
    await arcadia.keyboard.press("Control+Shift+ArrowRight");
    await arcadia.keyboard.press("Control+Shift+ArrowRight");
    await arcadia.keyboard.press("Control+Shift+9");
    const bracket = paragraph(arcadia, target!).locator('.bracket[data-delegation="Republic of Arcadia"]');
    await bracket.first().waitFor(WAIT);
    // Into the bracketed words: the caret at the selection's start stands just outside the bracket.
    await arcadia.keyboard.press("ArrowLeft");
    await arcadia.keyboard.press("ArrowRight");

    // The bracket's details from the toolbar (Alt+F10, arrows), closed with Escape.
    await arcadia.keyboard.press("Alt+F10");
    await arrowTo(arcadia, /^Bracket details/);
    await arcadia.keyboard.press("Enter");
    const details = arcadia.locator(".bracket-details");
    await details.waitFor(WAIT);
    expect(await details.innerText()).toContain("Republic of Arcadia");
    await arcadia.keyboard.press("Escape");
    await details.waitFor({ state: "detached", ...WAIT });
    // Focus is back on the button, whose tooltip shows; Escape dismisses the tooltip, then returns to the text.
    await arcadia.locator(".tooltip").waitFor(WAIT);
    await arcadia.keyboard.press("Escape");
    await arcadia.locator(".tooltip").waitFor({ state: "detached", ...WAIT });
    await arcadia.keyboard.press("Escape");
    await arcadia.waitForFunction(() => document.activeElement?.classList.contains("ProseMirror"), null, WAIT);
    expect(await caretParagraph(arcadia)).toBe(target);

    // An alternative to the bracket at the caret (Ctrl+Shift+0), written and offered from the dialog.
    await arcadia.keyboard.press("Control+Shift+0");
    await arcadia.getByRole("dialog").waitFor(WAIT);
    await arcadia.keyboard.type("universal meaningful connectivity");
    await tabTo(arcadia, "button", /^Add alternative$/);
    await arcadia.keyboard.press("Enter");
    await arcadia.getByRole("dialog").waitFor({ state: "detached", ...WAIT });
    await arcadia.waitForFunction((i) => document.querySelectorAll(".negotiation-text p.para")[i]?.textContent?.includes("universal meaningful connectivity"), target!, WAIT);
    expect(await textWithoutCarets(paragraph(arcadia, target!))).toMatch(/^\[Alt 1: [^\]]+\] \[Alt 2: universal meaningful connectivity\]/);

    // A comment on the paragraph (Ctrl+Alt+M), sent with Ctrl+Enter.
    await arcadia.keyboard.press("Control+Alt+KeyM");
    const box = arcadia.getByRole("textbox", { name: /Comment on/ });
    await box.waitFor(WAIT);
    await arcadia.waitForFunction(() => document.activeElement?.matches("textarea"), null, WAIT);
    await arcadia.keyboard.type("Arcadia offers wording on connectivity.");
    await arcadia.keyboard.press("Control+Enter");
    await arcadia.locator("article.thread").filter({ hasText: "Arcadia offers wording on connectivity." }).waitFor(WAIT);
    expect(await pointerEvents(arcadia)).toBe(0);

    // The facilitator, by keyboard too, agrees a paragraph without brackets from the toolbar.
    const chair = await keyboardOnlyPage();
    await signInAndOpen(chair, "chair@demo.accord");
    // Far down, then back up with Alt+↑: the paragraph comes out from under the sticky toolbar.
    await goToParagraph(chair, agreeable! + 12);
    while ((await caretParagraph(chair)) > agreeable!) await chair.keyboard.press("Alt+ArrowUp");
    await expectShown(chair, agreeable!);
    await chair.keyboard.press("Alt+F10");
    await arrowTo(chair, /^Agree ad ref$/);
    await chair.keyboard.press("Enter");
    await chair.locator(".negotiation-text p.para").nth(agreeable!).and(chair.locator('[data-status="agreed"]')).waitFor(WAIT);
    // Arcadia sees it agreed live.
    await paragraph(arcadia, agreeable!).and(arcadia.locator('[data-status="agreed"]')).waitFor(WAIT);
    expect(await pointerEvents(chair)).toBe(0);
    // Focus stays in the toolbar, on the paragraph's actions now (Agree became Reopen).
    await chair.waitForFunction(() => /^Reopen$/.test(document.activeElement?.textContent?.trim() ?? ""), null, WAIT);
    // Escape closes its tooltip, Escape again returns to the text, and Tab leaves the text (no focus trap).
    await chair.locator(".tooltip").waitFor(WAIT);
    await chair.keyboard.press("Escape");
    await chair.locator(".tooltip").waitFor({ state: "detached", ...WAIT });
    await chair.keyboard.press("Escape");
    await chair.waitForFunction(() => document.activeElement?.classList.contains("ProseMirror"), null, WAIT);
    // (Tab first visits the comment badges in the text, then goes on out of it.)
    await tabTo(chair, ":not(.ProseMirror):not(.ProseMirror *)", undefined, false, 30);
    // On through the overview (paragraphs, revisions, tabs) and around the page.
    await tabTo(chair, null, undefined, false, 60);
    // Every control Tab went through showed where the focus was.
    expect(unringed).toEqual([]);
    await arcadia.context().close();
    await chair.context().close();
  }, 120_000);

  it("an observer reaches a bracket's details from its glyph with Tab and Enter; Escape closes them and focus returns to the glyph", async () => {
    const observer = await keyboardOnlyPage();
    await signInAndOpen(observer, "observer@demo.accord", '.negotiation-text .bracket-glyph[role="button"]');
    const glyph = await observer.evaluate(() => document.activeElement!.getAttribute("aria-label"));
    expect(glyph).toMatch(/^\[/);
    await observer.keyboard.press("Enter");
    const details = observer.locator(".bracket-details");
    await details.waitFor(WAIT);
    await observer.keyboard.press("Escape");
    await details.waitFor({ state: "detached", ...WAIT });
    expect(await observer.evaluate(() => document.activeElement!.getAttribute("aria-label"))).toBe(glyph);
    expect(await pointerEvents(observer)).toBe(0);
    expect(unringed).toEqual([]);
    await observer.context().close();
  }, 60_000);

  it("every control Tab reaches on the compilation, revision, comparison and administration pages shows where the focus is", async () => {
    const { server } = room;
    const chairCookie = await server.login("chair@demo.accord");
    const documentId = await server.documentId(chairCookie, VISION);
    const issued = await fetch(`${server.url}/api/documents/${documentId}/revisions`, {
      method: "POST", headers: { cookie: chairCookie, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify({ name: "Rev.1" }),
    });
    expect(issued.status).toBe(201);
    unringed.length = 0;
    const page = await keyboardOnlyPage();
    const [name, value] = (await server.login("secretariat@demo.accord")).split("=") as [string, string];
    await page.context().addCookies([{ name, value, url: server.url }]);
    for (const [path, ready] of [
      [`/documents/${documentId}/proposals`, ".compilation-block"],
      [`/documents/${documentId}/revisions/1`, ".compare-block"],
      [`/documents/${documentId}/compare?from=1&to=live`, ".compare-block"],
      ["/admin/delegations", "main table"],
      ["/admin/people", "main table"],
      ["/admin/documents", "main table"],
      ["/admin/audit", "main table"],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.locator(ready).first().waitFor(WAIT);
      await tabTo(page, null, undefined, false, 40);
    }
    expect(unringed).toEqual([]);
    expect(await pointerEvents(page)).toBe(0);
    await page.context().close();
  }, 90_000);
});
