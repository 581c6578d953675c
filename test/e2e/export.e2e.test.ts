import fs from "node:fs";
import { Document, FootnoteReferenceRun, Packer, Paragraph, TextRun } from "docx";
import { unzipSync } from "fflate";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { openDocumentAs, paragraph, seriousViolations, signInThroughForm, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD } from "../helpers/testServer.js";

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

  it("the secretariat imports a Word file as a draft, gives it a symbol, date and place, and publishes it", async () => {
    const word = new Document({
      footnotes: { 1: { children: [new Paragraph("Including the least developed countries.")] } },
      sections: [{ children: [
        new Paragraph("Draft outcome on browser imports"),
        new Paragraph("We, the participants,"),
        new Paragraph({ children: [new TextRun("1.\tRecognize developing countries"), new FootnoteReferenceRun(1), new TextRun(";")] }),
        new Paragraph("2.\tDecide to continue."),
        new Paragraph("3.\tInvite all stakeholders."),
      ] }],
    });
    const page = await signInThroughForm(room.browser, room.server.url, "secretariat@demo.accord", PASSWORD);
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser", WAIT),
      page.getByRole("button", { name: "Import text or Word file…" }).click(),
    ]);
    await chooser.setFiles({
      name: "outcome.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(await Packer.toBuffer(word)),
    });
    await paragraph(page, 2).waitFor(WAIT);
    expect(await paragraph(page, 0).innerText()).toContain("Recognize developing countries¹; (¹ Including the least developed countries.)");
    await page.getByText(/It is a draft: only the secretariat and facilitators see it/).waitFor(WAIT);
    const bar = page.locator(".doc-bar");
    await bar.getByText("Draft", { exact: true }).waitFor(WAIT);

    await bar.getByRole("button", { name: "Details…" }).click();
    const details = page.getByRole("dialog", { name: "Document details" });
    await details.getByLabel("Document symbol").fill("WSIS+20/MPP/9");
    await details.getByLabel("Date").fill("2025-12-16");
    await details.getByLabel("Place").fill("Geneva");
    expect(await seriousViolations(page)).toEqual([]);
    await details.getByRole("button", { name: "Save" }).click();
    await details.waitFor({ state: "detached", ...WAIT });

    await bar.getByRole("button", { name: "Publish…" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Publish this draft?" });
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Publish", exact: true }).click();
    await confirm.waitFor({ state: "detached", ...WAIT });
    await bar.getByText("Draft", { exact: true }).waitFor({ state: "detached", ...WAIT });

    await page.getByRole("button", { name: "Export…" }).click();
    const dialog = page.getByRole("dialog", { name: "Export" });
    await dialog.getByText("Negotiation text", { exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download", WAIT),
      dialog.getByRole("button", { name: "Export", exact: true }).click(),
    ]);
    const parts = unzipSync(fs.readFileSync((await download.path())!));
    const header = Object.entries(parts).filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, b]) => new TextDecoder().decode(b)).join("");
    expect(header).toContain("WSIS+20/MPP/9");
    expect(header).toContain("Geneva, 16 December 2025");
    await page.context().close();

    // Published: a delegate finds it in the list.
    const delegate = await openDocumentAs(room.browser, room.server.url, "arcadia@demo.accord", "Draft outcome on browser imports");
    expect(await delegate.locator(".doc-bar").getByText("Draft", { exact: true }).count()).toBe(0);
    await delegate.context().close();
  });
});
