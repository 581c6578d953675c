import http from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signInThroughForm, withServerAndBrowser } from "../helpers/browser.js";
import { PASSWORD, type TestServer } from "../helpers/testServer.js";

const WAIT = { timeout: 20_000 };
const DELEGATION = "Kingdom of Lumeria";
const INVITEE = { name: "Ana Ruiz", email: "ana.ruiz@lumeria.example", password: "lumeria-delegate-2025" };

let server: TestServer;
let browser: Browser;

withServerAndBrowser((startedServer, startedBrowser) => {
  server = startedServer;
  browser = startedBrowser;
});

/** A fresh browser profile signed in through the login form; the clipboard may be written and read. */
async function signIn(email: string): Promise<Page> {
  const page = await signInThroughForm(browser, server.url, email, PASSWORD, (context) =>
    context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url }));
  await page.getByRole("heading", { name: "Documents" }).waitFor(WAIT);
  return page;
}

/** Opens a react-aria Select inside `scope` by its label and picks an option. */
async function choose(page: Page, scope: ReturnType<Page["getByRole"]>, label: string, option: string): Promise<void> {
  await scope.getByRole("button", { name: new RegExp(`${label}$`) }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** The header's "who is signed in" name. */
function signedInName(page: Page) {
  return page.locator(".app-header .user-name");
}

describe("the secretariat administers accounts from the web", () => {
  it("invites a delegate whose one-time link signs them in, and disabling the account signs them out", async () => {
    const secretariat = await signIn("secretariat@demo.accord");

    // A new delegation, in the governments group.
    await secretariat.getByRole("link", { name: "Administration" }).click();
    await secretariat.getByRole("tab", { name: "Delegations", selected: true }).waitFor(WAIT);
    await secretariat.getByRole("button", { name: "Add delegation" }).click();
    const addDialog = secretariat.getByRole("dialog", { name: "Add a delegation" });
    await addDialog.getByLabel("Name").fill(DELEGATION);
    await choose(secretariat, addDialog, "Stakeholder group", "Governments");
    await addDialog.getByRole("button", { name: "Add delegation" }).click();
    await secretariat.getByRole("row", { name: DELEGATION }).getByText("Governments").waitFor(WAIT);

    // An invitation for a delegate of it; the link is copied, as the secretariat would to pass it on.
    await secretariat.getByRole("tab", { name: "People" }).click();
    await secretariat.getByRole("button", { name: "Invite person" }).click();
    const inviteDialog = secretariat.getByRole("dialog", { name: "Invite a person" });
    await inviteDialog.getByLabel("E-mail").fill(INVITEE.email);
    await inviteDialog.getByLabel("Name").fill(INVITEE.name);
    await choose(secretariat, inviteDialog, "Role", "Delegate");
    await choose(secretariat, inviteDialog, "Delegation", DELEGATION);
    await inviteDialog.getByRole("button", { name: "Create invitation" }).click();
    const linkDialog = secretariat.getByRole("dialog", { name: "Invitation created" });
    await linkDialog.getByRole("button", { name: "Copy link" }).click();
    await linkDialog.getByText("Link copied to the clipboard.").waitFor(WAIT);
    const link = await secretariat.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await linkDialog.getByRole("textbox", { name: `Invitation link for ${INVITEE.name}` }).inputValue());
    expect(link).toMatch(/\/invite\/[a-z0-9]+$/);
    await linkDialog.getByRole("button", { name: "Done" }).click();
    const row = secretariat.getByRole("row", { name: INVITEE.name });
    await row.getByText("Invited").waitFor(WAIT);

    // The invited person opens the link in a browser that has never seen Accord.
    const invitedContext: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const invited = await invitedContext.newPage();
    await invited.goto(link);
    await invited.getByRole("heading", { name: `Welcome, ${INVITEE.name}` }).waitFor(WAIT);
    await invited.getByText(INVITEE.email).waitFor(WAIT);
    await invited.getByLabel("New password").fill(INVITEE.password);
    await invited.getByLabel("Repeat the password").fill(INVITEE.password);
    await invited.getByRole("button", { name: "Set password and sign in" }).click();
    await invited.getByRole("heading", { name: "Documents" }).waitFor(WAIT);
    expect(new URL(invited.url()).pathname).toBe("/");
    await expect.poll(() => signedInName(invited).textContent(), WAIT).toBe(INVITEE.name);
    await invited.locator(".app-header .user-delegation", { hasText: DELEGATION }).waitFor(WAIT);
    expect(await invited.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await secretariat.reload();
    await row.getByText("Active").waitFor(WAIT);

    // The secretariat disables the account; it takes effect at once.
    await row.getByRole("button", { name: `Actions for ${INVITEE.name}` }).click();
    await secretariat.getByRole("menuitem", { name: "Disable account…" }).click();
    await secretariat.getByRole("alertdialog").getByRole("button", { name: "Disable account" }).click();
    await secretariat.getByText(`The account of ${INVITEE.name} is disabled.`).waitFor(WAIT);
    await row.getByText("Disabled").waitFor(WAIT);

    // The invited person's next API call is refused, and the next page load is the sign-in form.
    expect(await invited.evaluate(async () => (await fetch("/api/auth/me")).status)).toBe(401);
    await invited.reload();
    await invited.getByRole("heading", { name: "Sign in" }).waitFor(WAIT);
    expect(new URL(invited.url()).pathname).toBe("/login");
    expect(await signedInName(invited).count()).toBe(0);

    // The link was for one use only.
    await invited.goto(link);
    await invited.getByRole("heading", { name: "This link cannot be used" }).waitFor(WAIT);
    await Promise.all([secretariat.context().close(), invitedContext.close()]);
  });

  it("turns a delegate's open editor read-only the moment the secretariat makes them an observer", async () => {
    const delegate = await signIn("business@demo.accord");
    await delegate.getByRole("link", { name: "Draft WSIS+20 Declaration" }).click();
    const text = delegate.locator(".negotiation-text");
    await delegate.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    expect(await text.getAttribute("contenteditable")).toBe("true");

    const cookie = await server.login("secretariat@demo.accord");
    const people = (await (await fetch(`${server.url}/api/admin/users`, { headers: { cookie } })).json()) as { id: string; email: string }[];
    const business = people.find((p) => p.email === "business@demo.accord")!;
    const changed = await fetch(`${server.url}/api/admin/users/${business.id}`, {
      method: "PATCH",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ role: "observer" }),
    });
    expect(changed.status).toBe(200);

    await expect.poll(() => text.getAttribute("contenteditable"), WAIT).toBe("false");
    await delegate.getByText("Read only: you can follow the text but not change it.").waitFor(WAIT);
    expect(await delegate.getByRole("toolbar").count()).toBe(0);
    await delegate.locator('[role="status"][data-status="saved"]').waitFor(WAIT);
    // The window announces no identity until it knows the new one, so the server never has to correct it.
    const claims = server.accord.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'presence.falseIdentity'").pluck().get();
    expect(claims).toBe(0);
    await delegate.context().close();
  });

  it("shows whom failed sign-ins hold back, and lets the secretariat allow them in again", async () => {
    // Five wrong passwords for one delegate from another machine (another local address).
    const { port } = new URL(server.url);
    const guess = (password: string) => new Promise<number>((resolve, reject) => {
      const payload = JSON.stringify({ email: "business@demo.accord", password });
      const req = http.request({ host: "127.0.0.1", port, path: "/api/auth/login", method: "POST", localAddress: "127.0.0.4",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), origin: server.url } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      });
      req.on("error", reject);
      req.end(payload);
    });
    for (let i = 0; i < 5; i++) expect(await guess(`guess-${i}`)).toBe(401);
    expect(await guess(PASSWORD)).toBe(429);

    const secretariat = await signIn("secretariat@demo.accord");
    await secretariat.getByRole("link", { name: "Administration" }).click();
    await secretariat.getByRole("tab", { name: "People" }).click();
    const row = secretariat.getByRole("row", { name: /Kenji Watanabe/ });
    await row.getByText(/^Sign-in held until /).waitFor(WAIT);
    await row.getByRole("button", { name: "Actions for Kenji Watanabe" }).click();
    await secretariat.getByRole("menuitem", { name: "Allow sign-in again" }).click();
    await secretariat.getByText("Kenji Watanabe can sign in again from every address.").waitFor(WAIT);
    await expect.poll(() => row.getByText(/^Sign-in held until /).count(), WAIT).toBe(0);
    expect(await guess(PASSWORD)).toBe(200);
    await secretariat.context().close();
  });

  it("shows people other than the secretariat no Administration link, and a clear refusal at /admin", async () => {
    const delegate = await signIn("arcadia@demo.accord");
    expect(await delegate.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await delegate.goto(`${server.url}/admin/people`);
    await delegate.getByRole("heading", { name: "Not allowed" }).waitFor(WAIT);
    expect(await delegate.getByRole("grid").count()).toBe(0);
    await delegate.context().close();
  });

  it("shows the audit log in words, filtered by action prefix, and the CSV link carries the same filters", async () => {
    const cookie = await server.login("secretariat@demo.accord");
    const created = await fetch(`${server.url}/api/admin/delegations`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "Coalition for Open Standards", stakeholderGroup: "civil_society" }),
    });
    expect(created.status).toBe(201);

    const secretariat = await signIn("secretariat@demo.accord");
    await secretariat.goto(`${server.url}/admin/audit`);
    await secretariat.getByRole("combobox", { name: "Action" }).fill("delegation.");
    await secretariat.keyboard.press("Escape"); // closes the suggestions, keeps the typed prefix
    const row = secretariat.getByRole("row").filter({ hasText: "Coalition for Open Standards (Civil society)" });
    await row.getByText("Delegation created").waitFor(WAIT);
    await expect.poll(() => secretariat.getByRole("row").filter({ hasText: "user." }).count(), WAIT).toBe(0);

    const href = await secretariat.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expect(href).toBe("/api/admin/audit.csv?action=delegation.");
    const csv = await secretariat.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv).toContain("Coalition for Open Standards");
    expect(csv).not.toContain("user.");
    await secretariat.context().close();
  });
});
