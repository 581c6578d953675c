import { describe, expect, it } from "vitest";
import { MessageType } from "../../shared/collab/messages.js";
import { openDocumentAs, seriousViolations, useServerAndBrowser } from "../helpers/browser.js";
import { elementAt, findParagraph } from "../helpers/yDocEdits.js";
import { connectYClient } from "../helpers/yClient.js";

const WAIT = { timeout: 20_000 };
const room = useServerAndBrowser();

describe("revisions and their comparison", () => {
  it("a delegate opens Rev.1, compares it with the text now, and sees the words another delegation inserted, underlined and attributed", async () => {
    const { server } = room;
    const chair = await server.login("chair@demo.accord");
    const docId = await server.documentId(chair, "Declaration");
    const issued = await fetch(`${server.url}/api/documents/${docId}/revisions`, {
      method: "POST", headers: { cookie: chair, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify({ name: "Rev.1" }),
    });
    expect(issued.status).toBe(201);

    // Arcadia, through a raw Yjs client, inserts words into a paragraph without brackets.
    const arcadia = connectYClient(server.wsBase, docId, await server.login("arcadia@demo.accord"), server.origin);
    arcadia.provider.messageHandlers[MessageType.Comments] = () => {};
    await arcadia.synced();
    const index = findParagraph(arcadia.doc, (b) => b.kind === "paragraph" && b.status === "open" && b.runs.every((r) => r.brackets.length === 0));
    const pid = String(elementAt(arcadia.doc, index).element.getAttribute("pid"));
    elementAt(arcadia.doc, index).text.insert(0, "Resolutely ");
    await arcadia.allSaved();
    arcadia.destroy();

    const page = await openDocumentAs(room.browser, server.url, "borealia@demo.accord", "Declaration");
    await page.getByRole("link", { name: "Rev.1", exact: true }).click();
    await page.getByRole("heading", { name: /^Rev\.1:/ }).waitFor(WAIT);
    // The revision as issued: read-only, without Arcadia's words.
    expect(await page.locator(`.compare-block[data-pid="${pid}"]`).innerText()).not.toContain("Resolutely");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Compare with the text now" }).click();
    const block = page.locator(`.compare-block[data-pid="${pid}"]`);
    await block.waitFor(WAIT);
    const inserted = block.locator("ins");
    expect(await inserted.innerText()).toBe("Resolutely ");
    expect(await inserted.getAttribute("title")).toBe("inserted by Republic of Arcadia");
    expect(await inserted.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("underline");
    expect(await block.locator(".compare-by").innerText()).toBe("Republic of Arcadia");
    expect(await page.getByRole("status").filter({ hasText: /^Paragraphs:/ }).innerText()).toMatch(/^Paragraphs: 1 changed, 0 added, 0 deleted/);
    expect(await seriousViolations(page)).toEqual([]);

    // Only what civil society changed: nothing, since Arcadia made the only change.
    await page.getByRole("button", { name: /Show changes by/ }).click();
    expect(await page.getByRole("option", { name: "Civil society" }).count()).toBe(0);
    await page.getByRole("option", { name: "Republic of Arcadia" }).click();
    await block.waitFor(WAIT);
    await page.context().close();
  });
});
