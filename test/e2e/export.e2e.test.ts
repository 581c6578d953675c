import fs from "node:fs";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { openDocumentAs, seriousViolations, useServerAndBrowser } from "../helpers/browser.js";

const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

describe("exports from the document bar", () => {
  it("the secretariat exports the agreed text as Word: the dialog names the open paragraphs, then marks them on request", async () => {
    const page = await openDocumentAs(room.browser, room.server.url, "secretariat@demo.accord", "WSIS+20 Vision");
    await page.getByRole("button", { name: "Export…" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByText("Agreed text", { exact: true }).click();
    // Word is the format chosen unless another is.
    expect(await dialog.getByRole("radio", { name: "Word (.docx)" }).isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "Export", exact: true }).click();
    const open = dialog.getByRole("alert");
    await open.getByText(/paragraphs are not agreed yet/).waitFor(WAIT);
    expect(await open.innerText()).toContain("PP (a)");
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download", WAIT),
      open.getByRole("button", { name: /Export them marked/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-agreed\.docx$/);
    const word = (await mammoth.extractRawText({ path: (await download.path())! })).value;
    expect(word).toContain("[not yet agreed]");
    expect(word).toContain("Draft WSIS+20 Vision");
    await dialog.waitFor({ state: "detached", ...WAIT });

    // The negotiation text, as Markdown, in one go.
    await page.getByRole("button", { name: "Export…" }).click();
    await dialog.getByText("Negotiation text", { exact: true }).click();
    await dialog.getByText("Markdown", { exact: true }).click();
    expect(await dialog.getByRole("radio", { name: /Negotiation text/ }).isChecked()).toBe(true);
    const [negotiation] = await Promise.all([
      page.waitForEvent("download", WAIT),
      dialog.getByRole("button", { name: "Export", exact: true }).click(),
    ]);
    expect(negotiation.suggestedFilename()).toMatch(/-negotiation\.md$/);
    expect(fs.readFileSync((await negotiation.path())!, "utf8")).toContain("Proposed by:");
    await page.context().close();
  });
});
