import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickBefore, clickInText, openDocumentAs, paragraph, textWithoutCarets, withServerAndBrowser } from "../helpers/browser.js";
import type { TestServer } from "../helpers/testServer.js";

const VISION = "Draft WSIS+20 Vision";
const WAIT = { timeout: 20_000 };

let server: TestServer;
let browser: Browser;

withServerAndBrowser((startedServer, startedBrowser) => {
  server = startedServer;
  browser = startedBrowser;
});

function openVisionAs(who: string): Promise<Page> {
  return openDocumentAs(browser, server.url, `${who}@demo.accord`, VISION);
}

/** Types `words` at the end of paragraph `index` and waits until the server has stored them. */
async function typeAtEnd(page: Page, index: number, words: string): Promise<void> {
  await clickInText(paragraph(page, index), "end");
  await page.keyboard.type(words);
  await page.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
}

/** The words of paragraph `index` coloured for `group`, run by run. */
function colouredFor(page: Page, index: number, group: string): Promise<string[]> {
  return paragraph(page, index).locator(`.authored[data-group="${group}"]`).evaluateAll((runs) => runs.map((run) => {
    const copy = run.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collab-caret, .bracket-glyph")) caret.remove();
    return copy.textContent ?? "";
  }));
}

/** The "Proposed by" note under paragraph `index`. */
function proposedBy(page: Page, index: number): Promise<string | null> {
  return paragraph(page, index).evaluate((el) => {
    const next = el.nextElementSibling;
    return next?.classList.contains("proposed-by") ? next.textContent : null;
  });
}

function legend(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Who wrote the text" }).getByRole("listitem").allTextContents();
}

/** The legend's entries with their character counts ("Governments" -> 54). */
async function legendCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entry of await legend(page)) {
    const match = /^(.*?)(\d+) characters?$/.exec(entry);
    if (match) counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

describe("attribution view", () => {
  it("colours every word by the stakeholder group or delegation that wrote it, live, with proposers and a legend", async () => {
    const arcadia = await openVisionAs("arcadia");
    const civil = await openVisionAs("civil");
    const observer = await openVisionAs("observer");

    // An observer, who can change nothing, can still see who wrote what.
    const toggle = observer.getByRole("button", { name: "Attribution view" });
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    expect(await observer.locator(".authored").count()).toBe(0);
    await toggle.click();
    await observer.getByRole("list", { name: "Who wrote the text" }).waitFor(WAIT);
    const before = await legendCounts(observer);
    // The demo's second reading: two delegations have proposed words in one operative paragraph.
    const proposed = observer.locator(".negotiation-text p.para", { hasText: "at an affordable cost" });
    const proposers = () => proposed.evaluate((el) => el.nextElementSibling?.textContent);
    await expect.poll(proposers, WAIT).toBe("Proposed by: Republic of Arcadia (Gov), Digital Rights Network (CS)");

    // Another delegate splits that paragraph and joins it again: the moved words keep their authors.
    const borealia = await openVisionAs("borealia");
    const target = borealia.locator(".negotiation-text p.para", { hasText: "at an affordable cost" });
    await clickBefore(target, "enjoys");
    // The editor reads the click's selection a moment later; Enter before that would split elsewhere.
    await expect.poll(() => borealia.evaluate(() => getSelection()?.anchorNode?.parentElement?.closest("p")?.textContent?.includes("affordable")), WAIT)
      .toBe(true);
    await borealia.keyboard.press("Enter");
    await borealia.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    await expect.poll(async () => (await textWithoutCarets(proposed)).startsWith("enjoys"), WAIT).toBe(true);
    await expect.poll(proposers, WAIT).toBe("Proposed by: Republic of Arcadia (Gov), Digital Rights Network (CS)");
    expect(await observer.locator(".authored", { hasText: "enjoys" }).count()).toBe(0);
    await borealia.keyboard.press("Backspace");
    await borealia.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    await expect.poll(async () => (await textWithoutCarets(proposed)).startsWith("that the vision"), WAIT).toBe(true);
    await expect.poll(proposers, WAIT).toBe("Proposed by: Republic of Arcadia (Gov), Digital Rights Network (CS)");
    await borealia.context().close();

    await typeAtEnd(arcadia, 1, " in full respect of human rights");
    await expect.poll(() => textWithoutCarets(paragraph(civil, 1)), WAIT).toContain("of human rights");
    await typeAtEnd(civil, 1, " and gender equality");
    await expect.poll(() => colouredFor(observer, 1, "governments"), WAIT).toEqual([" in full respect of human rights"]);
    await expect.poll(() => colouredFor(observer, 1, "civil_society"), WAIT).toEqual([" and gender equality"]);
    const governmentsRun = paragraph(observer, 1).locator('.authored[data-group="governments"]').first();
    expect(await governmentsRun.evaluate((el) => getComputedStyle(el).textDecorationColor)).toBe("rgb(31, 95, 168)");
    // Besides colour, each group has its own line: civil society's words are underlined with dots.
    const civilRun = paragraph(observer, 1).locator('.authored[data-group="civil_society"]').first();
    expect(await civilRun.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe("dotted");
    expect(await governmentsRun.getAttribute("title")).toBe("Written by Elena Marek, Republic of Arcadia (Governments)");
    expect(await proposedBy(observer, 1)).toBe("Proposed by: Republic of Arcadia (Gov), Digital Rights Network (CS)");
    expect(await proposedBy(observer, 0)).toBeNull();
    await expect.poll(() => legendCounts(observer), WAIT).toEqual({
      ...before,
      Governments: (before.Governments ?? 0) + 32,
      "Civil society": (before["Civil society"] ?? 0) + 20,
    });
    expect(await legend(observer)).toContain("Draft text (no colour)");
    // The draft's own words carry no colour.
    expect(await paragraph(observer, 0).locator(".authored").count()).toBe(0);

    // New words are coloured as they arrive.
    await typeAtEnd(civil, 2, " online and offline");
    await expect.poll(() => colouredFor(observer, 2, "civil_society"), WAIT).toEqual([" online and offline"]);
    await expect.poll(() => proposedBy(observer, 2), WAIT).toBe("Proposed by: Digital Rights Network (CS)");

    await observer.getByRole("radio", { name: "Delegation" }).click();
    await expect.poll(async () => Object.keys(await legendCounts(observer)), WAIT)
      .toEqual(expect.arrayContaining(["Digital Rights Network", "Republic of Arcadia"]));
    const byDelegation = await legendCounts(observer);
    // The Digital Rights Network is the only civil society delegation in the room.
    expect(byDelegation["Digital Rights Network"]).toBe((before["Civil society"] ?? 0) + 39);
    expect(byDelegation["Republic of Arcadia"]).toBeGreaterThanOrEqual(32);
    // Each delegation has a colour of its own.
    const swatches = await observer.locator(".attribution__entry:not(.attribution__entry--draft) .attribution__swatch")
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(swatches.length).toBeGreaterThanOrEqual(5);
    expect(new Set(swatches).size).toBe(swatches.length);

    // The choice is remembered in this browser, and the delegate's own window works the same.
    await observer.reload();
    await paragraph(observer, 2).waitFor(WAIT);
    await expect.poll(() => observer.locator(".authored").count(), WAIT).toBeGreaterThan(0);
    expect(await observer.getByRole("radio", { name: "Delegation" }).getAttribute("aria-checked")).toBe("true");

    await arcadia.getByRole("button", { name: "Attribution view" }).click();
    await expect.poll(() => colouredFor(arcadia, 1, "civil_society"), WAIT).toEqual([" and gender equality"]);
    await typeAtEnd(arcadia, 2, " everywhere");
    await expect.poll(() => colouredFor(arcadia, 2, "governments"), WAIT).toEqual([" everywhere"]);
    await expect.poll(() => proposedBy(arcadia, 2), WAIT)
      .toBe("Proposed by: Digital Rights Network (CS), Republic of Arcadia (Gov)");

    await arcadia.getByRole("button", { name: "Attribution view" }).click();
    await expect.poll(() => arcadia.locator(".authored, .proposed-by").count(), WAIT).toBe(0);
    await Promise.all([arcadia.context().close(), civil.context().close(), observer.context().close()]);
    // Our own windows never claim an identity the server has to correct.
    expect(server.accord.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'presence.falseIdentity'").pluck().get()).toBe(0);
  });
});
