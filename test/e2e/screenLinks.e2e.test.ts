import { join } from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations, signInThroughForm, useServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD, startTestServer, type TestServer } from "../helpers/testServer.js";

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

    // A second live link of the same name would give two Revoke buttons nobody could tell apart.
    await dialog.getByLabel("Name of the screen").fill("room a, main screen");
    await dialog.getByRole("button", { name: "Create link" }).click();
    await dialog.getByRole("alert").getByText(
      "This document already has an active screen link named “room a, main screen”; choose another name, or revoke that link first.").waitFor(WAIT);
    expect(await dialog.getByRole("button", { name: /^Revoke / }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

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

describe("a hall screen whose link was revoked while it was away", () => {
  it("says the link was revoked when it reconnects, instead of reconnecting for ever; its key is never in a URL", async () => {
    let server: TestServer = await startTestServer();
    const hallContext = await context.browser.newContext();
    try {
      const cookie = await server.login("secretariat@demo.accord");
      const id = await server.documentId(cookie, TITLE);
      const created = await fetch(`${server.url}/api/documents/${id}/screen-links`, {
        method: "POST", headers: { cookie, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify({ label: "Hall A" }),
      });
      expect(created.status).toBe(201);
      const { path, key, link } = (await created.json()) as { path: string; key: string; link: { id: string } };

      const hall = await hallContext.newPage();
      // What the browser puts on the wire for each websocket: its URL, the protocols it offers, the one chosen.
      const sockets = new Map<string, { url: string; offered?: string; chosen?: string }>();
      const cdp = await hallContext.newCDPSession(hall);
      await cdp.send("Network.enable");
      cdp.on("Network.webSocketCreated", ({ requestId, url }) => sockets.set(requestId, { url }));
      cdp.on("Network.webSocketWillSendHandshakeRequest", ({ requestId, request }) => {
        sockets.get(requestId)!.offered = request.headers["Sec-WebSocket-Protocol"];
      });
      cdp.on("Network.webSocketHandshakeResponseReceived", ({ requestId, response }) => {
        sockets.get(requestId)!.chosen = response.headers["Sec-WebSocket-Protocol"] ?? response.headers["sec-websocket-protocol"];
      });
      await hall.goto(`${server.url}${path}`);
      await hall.locator(".screen .negotiation-text p.para").nth(2).waitFor(WAIT);
      await hall.locator('.screen__connection[data-connection="live"]').waitFor(WAIT);
      const [socket] = [...sockets.values()];
      expect(socket!.url).not.toContain(key);
      expect(socket!.offered).toBe(`accord.v1, accord.screen.${key}`);
      expect(socket!.chosen).toBe("accord.v1");

      // The server stops (a restart); meanwhile the link is revoked by another process, as `npm run admin` would.
      const port = server.accord.port;
      await server.close();
      await hall.locator('.screen__connection[data-connection="offline"]').waitFor(WAIT);
      const db = new Database(join(server.dataDir, "accord.sqlite"));
      db.prepare("UPDATE screen_links SET revoked_at = ?, revoked_by = created_by WHERE id = ?").run(new Date().toISOString(), link.id);
      db.close();
      server = await startTestServer({ PORT: String(port) }, server.dataDir);

      // Back, the screen is told at its next upgrade, and stops.
      await hall.getByRole("heading", { name: "This screen link was revoked" }).waitFor(WAIT);
      expect(await hall.locator(".negotiation-text").count()).toBe(0);
      const upgrades = sockets.size;
      await hall.waitForTimeout(3000);
      expect(sockets.size).toBe(upgrades);
    } finally {
      await hallContext.close();
      await server.close();
    }
  });
});
