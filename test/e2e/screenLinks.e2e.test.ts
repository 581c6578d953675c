import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, signInThroughForm, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD } from "../helpers/testServer.js";

const WAIT = { timeout: 20_000 };
const TITLE = "Draft WSIS+20 Declaration";
const context = useServerAndBrowser();

/** The secretariat signed in, on the administration's documents page; the clipboard may be written and read. */
async function documentsPage(): Promise<Page> {
  const { server, browser } = context;
  const page = await signInThroughForm(browser, server.url, "secretariat@demo.accord", PASSWORD, (profile) =>
    profile.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url }));
  await page.getByRole("heading", { name: "Documents" }).waitFor(WAIT);
  await page.goto(`${server.url}/admin/documents`);
  await page.getByRole("row", { name: TITLE }).waitFor(WAIT);
  return page;
}

/** What `POST /api/screens` answers for a key, as a hall screen would ask (no cookie). */
async function openScreen(key: string): Promise<number> {
  const res = await fetch(`${context.server.url}/api/screens`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ key }),
  });
  return res.status;
}

describe("the secretariat manages a document's screen links", () => {
  it("creates a link whose address is shown once and opens the document, then revokes it after confirming", async () => {
    const page = await documentsPage();
    await page.getByRole("button", { name: `Screen links of ${TITLE}` }).click();
    const dialog = page.getByRole("dialog", { name: `Screen links of “${TITLE}”` });
    await dialog.getByText("This document has no screen links yet.").waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByText("This field is required.").waitFor(WAIT);
    await dialog.getByLabel("Name of the screen").fill("Room A, main screen");
    await dialog.getByRole("button", { name: "Create link" }).click();
    const address = dialog.getByRole("textbox", { name: "Screen link “Room A, main screen”" });
    await address.waitFor(WAIT);
    const url = await address.inputValue();
    const origin = await page.evaluate(() => location.origin);
    expect(url.startsWith(`${origin}/documents/`)).toBe(true);
    expect(url.slice(origin.length)).toMatch(/^\/documents\/[a-z0-9]+\/screen#key=[A-Za-z0-9_-]{43}$/);
    await dialog.getByText("This address is shown only this once", { exact: false }).waitFor(WAIT);
    await dialog.getByRole("button", { name: "Copy link" }).click();
    await dialog.getByText("Link copied to the clipboard.").waitFor(WAIT);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await seriousViolations(page)).toEqual([]);

    const key = new URL(url).hash.slice("#key=".length);
    expect(await openScreen(key)).toBe(200);
    const row = dialog.getByRole("row", { name: /Room A, main screen/ });
    await row.getByText("Active").waitFor(WAIT);
    await row.getByText("Samira Okafor", { exact: false }).waitFor(WAIT);
    await dialog.getByRole("button", { name: "Hide the address" }).click();
    expect(await address.count()).toBe(0);

    await row.getByRole("button", { name: "Revoke Room A, main screen" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Revoke the screen link “Room A, main screen”?" });
    await confirm.waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Revoke link" }).click();
    await dialog.getByText("Screen link “Room A, main screen” revoked.").waitFor(WAIT);
    await row.getByText(/^Revoked /).waitFor(WAIT);
    expect(await row.getByRole("button", { name: /Revoke/ }).count()).toBe(0);
    expect(await openScreen(key)).toBe(404);

    // The audit log names what was done.
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.goto(`${context.server.url}/admin/audit`);
    await page.getByRole("row").filter({ hasText: "Screen link revoked" }).getByText("Screen link “Room A, main screen”").waitFor(WAIT);
    await page.getByRole("row").filter({ hasText: "Screen link created" }).first().waitFor(WAIT);
    await page.context().close();
  });
});
