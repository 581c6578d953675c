import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickInText, openDocumentAs, seriousViolations, signInThroughForm, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD } from "../helpers/testServer.js";

const DECLARATION = "Declaration";
const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

/** The pid and first word of the first open paragraph without brackets, so a MOD of it applies cleanly. */
function plainParagraph(page: Page): Promise<{ pid: string; firstWord: string }> {
  return page.locator(".negotiation-text p.para").evaluateAll((paragraphs) => {
    const found = paragraphs.find((p) => p.getAttribute("data-status") === "open" && !p.querySelector(".bracket") &&
      /^\p{L}+ /u.test(p.textContent ?? ""));
    if (!found) throw new Error("no open paragraph without brackets");
    return { pid: found.getAttribute("data-pid")!, firstWord: /^\p{L}+/u.exec(found.textContent ?? "")![0] };
  });
}

async function openProposalsTab(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Proposals" }).click();
  await page.getByRole("button", { name: "Refresh" }).waitFor(WAIT);
}

describe("proposals", () => {
  it("a delegation drafts a MOD in the workspace, submits it, another sees it only then, and the facilitator applies it in brackets from the compilation", async () => {
    const { server, browser } = room;
    const arcadia = await openDocumentAs(browser, server.url, "arcadia@demo.accord", DECLARATION);
    const { pid, firstWord } = await plainParagraph(arcadia);
    const para = arcadia.locator(`.negotiation-text p.para[data-pid="${pid}"]`);
    await clickInText(para, "end");
    await openProposalsTab(arcadia);

    // The workspace holds a private copy of the paragraph: the first word is replaced there.
    await arcadia.getByRole("button", { name: "Propose a change…" }).click();
    const dialog = arcadia.getByRole("dialog");
    await dialog.getByRole("radio", { name: /^MOD/ }).waitFor(WAIT);
    expect(await dialog.getByRole("radio", { name: /^MOD/ }).isChecked()).toBe(true);
    const workspace = dialog.getByRole("textbox", { name: / as proposed$/ });
    const baseText = await para.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const extra of copy.querySelectorAll(".collab-caret, .bracket-glyph")) extra.remove();
      return copy.textContent ?? "";
    });
    expect((await workspace.innerText()).trim()).toBe(baseText.trim());
    await workspace.click();
    await arcadia.keyboard.press("Control+Home");
    for (let i = 0; i < firstWord.length; i++) await arcadia.keyboard.press("Shift+ArrowRight");
    await arcadia.keyboard.type("Resolutely");
    const preview = dialog.getByRole("region", { name: "The change as it will be read" });
    await preview.locator("ins").filter({ hasText: "Resolutely" }).waitFor(WAIT);
    expect(await preview.locator("del").innerText()).toBe(firstWord);
    expect(await preview.locator("ins").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("underline");
    expect(await preview.locator("del").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("line-through");
    // Screen readers are told which words go and which come.
    expect(await preview.locator(".proposal-text").textContent()).toContain(`(deleted: ${firstWord})(inserted: Resolutely)`);
    // The shared document is untouched by the workspace.
    expect(await para.innerText()).not.toContain("Resolutely");
    await dialog.getByRole("textbox", { name: "Reasons" }).fill("A stronger commitment.");
    await dialog.getByRole("button", { name: "Save as draft" }).click();
    await dialog.waitFor({ state: "detached", ...WAIT });

    const drafted = arcadia.locator("article.proposal-card").first();
    await drafted.waitFor(WAIT);
    const id = (await drafted.getAttribute("data-proposal"))!;
    expect(id).toMatch(/^ARC\/\d+$/);
    expect(await drafted.innerText()).toContain("Draft: only your delegation sees it.");
    expect(await drafted.innerText()).toContain("A stronger commitment.");
    expect(await drafted.locator(".proposal-text ins").innerText()).toBe("Resolutely");

    // Borealia does not see the draft.
    const borealia = await openDocumentAs(browser, server.url, "borealia@demo.accord", DECLARATION);
    await openProposalsTab(borealia);
    await borealia.getByText("Show all proposals").click();
    expect(await borealia.getByRole("checkbox", { name: "Show all proposals" }).isChecked()).toBe(true);
    await borealia.locator(".proposals__count").filter({ hasText: /proposal/ }).waitFor(WAIT);
    expect(await borealia.locator(`article[data-proposal="${id}"]`).count()).toBe(0);

    await drafted.getByRole("button", { name: "Submit" }).click();
    await arcadia.locator(`article[data-proposal="${id}"] .proposal-status`).filter({ hasText: "Submitted" }).waitFor(WAIT);

    // ... and sees it once submitted, on refreshing the tab.
    await borealia.getByRole("button", { name: "Refresh" }).click();
    const seen = borealia.locator(`article[data-proposal="${id}"]`);
    await seen.waitFor(WAIT);
    expect(await seen.innerText()).toContain("Republic of Arcadia");
    expect(await seen.getByRole("button", { name: "Apply in brackets" }).count()).toBe(0);
    await borealia.context().close();

    // The facilitator opens the compilation, sees it on its paragraph, and applies it in brackets.
    const chair = await signInThroughForm(browser, server.url, "chair@demo.accord", PASSWORD);
    await chair.getByRole("link", { name: DECLARATION }).first().waitFor(WAIT);
    const docId = new URL(await chair.getByRole("link", { name: DECLARATION }).first().getAttribute("href") ?? "", server.url).pathname.split("/").pop()!;
    await chair.goto(`${server.url}/documents/${docId}/proposals`);
    const card = chair.locator(`.compilation-block[data-pid="${pid}"] article[data-proposal="${id}"]`);
    await card.waitFor(WAIT);
    expect(await chair.getByRole("status").filter({ hasText: /submitted\.$/ }).innerText()).toBe("1 proposal submitted.");
    expect(await chair.getByRole("list", { name: "Proposals by kind" }).innerText()).toContain("MOD: 1");
    expect(await seriousViolations(chair)).toEqual([]);

    // The filters are in the URL: by kind SUP, nothing; back to every kind, the MOD again.
    await chair.getByRole("button", { name: /\bKind\b/ }).click();
    await chair.getByRole("option", { name: /^SUP/ }).click();
    await chair.waitForURL(/kind=SUP/, WAIT);
    await card.waitFor({ state: "detached", ...WAIT });
    await chair.getByRole("button", { name: /\bKind\b/ }).click();
    await chair.getByRole("option", { name: "Every kind" }).click();
    await card.waitFor(WAIT);

    await card.getByRole("button", { name: "Apply in brackets" }).click();
    await card.locator(".proposal-card__applied").waitFor(WAIT);
    expect(await card.locator(".proposal-card__applied").innerText()).toMatch(/^Applied to .+, in brackets\./);
    expect(await card.locator(".proposal-status").innerText()).toBe("Applied");
    expect(await seriousViolations(chair)).toEqual([]);

    // Arcadia's text shows the new words in brackets placed in Arcadia's name, live.
    const bracketed = para.locator('.bracket[data-delegation="Republic of Arcadia"]').filter({ hasText: "Resolutely" });
    await bracketed.first().waitFor(WAIT);
    expect(await bracketed.first().getAttribute("data-group")).toBe("governments");
    const glyphTitles = await para.locator(".bracket-glyph").evaluateAll((glyphs) => glyphs.map((g) => g.getAttribute("title") ?? ""));
    expect(glyphTitles.some((title) => title.includes("Republic of Arcadia"))).toBe(true);

    // The Proposals tab says where the proposal went.
    await arcadia.getByRole("button", { name: "Refresh" }).click();
    const applied = arcadia.locator(`article[data-proposal="${id}"] .proposal-card__applied`);
    await applied.waitFor(WAIT);
    expect(await applied.innerText()).toMatch(/^Applied to .+, in brackets\./);
    await arcadia.context().close();
    await chair.context().close();
  });
});
