import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InvitationResponse, ParagraphAttribution } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import * as Y from "yjs";
import { contentOf } from "../../shared/document/yBlocks.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { openRaw } from "../helpers/rawClient.js";
import { freshDataDir, startTestServer, type TestServer } from "../helpers/testServer.js";
import { openDatabase } from "../../server/storage/database.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the secretariat sets up the process", () => {
  let server: TestServer;
  let secretariat: string;
  const clients: YClient[] = [];
  beforeEach(async () => {
    server = await startTestServer();
    secretariat = await server.login("secretariat@demo.accord");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  const api = (path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) =>
    fetch(`${server.url}/api${path}`, {
      method: init.method ?? "GET",
      headers: { cookie: init.cookie ?? secretariat, "content-type": "application/json" },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  it("creates a delegation, invites a member who sets a password through the one-time link and signs in", async () => {
    const delegation = await api("/admin/delegations", { method: "POST", body: { name: "Republic of Caledonia", stakeholderGroup: "governments" } });
    expect(delegation.status).toBe(201);
    const { id: delegationId } = (await delegation.json()) as { id: string };
    const invited = await api("/admin/users", {
      method: "POST", body: { email: "mara@caledonia.example", displayName: "Mara Lind", role: "delegate", delegationId },
    });
    expect(invited.status).toBe(201);
    const { inviteUrl, user } = (await invited.json()) as InvitationResponse;
    expect(user).toMatchObject({ passwordSet: false, delegation: { name: "Republic of Caledonia" } });
    expect(inviteUrl.startsWith(`${server.accord.url}/invite/`)).toBe(true);
    const token = inviteUrl.split("/invite/")[1]!;

    const info = await fetch(`${server.url}/api/auth/invitations/${token}`);
    expect(await info.json()).toEqual({ email: "mara@caledonia.example", displayName: "Mara Lind", locale: null });
    const short = await fetch(`${server.url}/api/auth/invitations/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "short" }) });
    expect(short.status).toBe(400);
    const accept = await fetch(`${server.url}/api/auth/invitations/${token}`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "caledonia-2026!" }),
    });
    expect(accept.status).toBe(200);
    expect(accept.headers.get("set-cookie")).toMatch(/accord_session=/);
    const again = await fetch(`${server.url}/api/auth/invitations/${token}`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "another-password" }),
    });
    expect(again.status).toBe(410);
    expect(await server.login("mara@caledonia.example", "caledonia-2026!")).toMatch(/accord_session=/);
  });

  it("refuses invalid bodies with what is wrong, and non-secretariat callers", async () => {
    const bad = await api("/admin/users", { method: "POST", body: { email: "x", role: "king" } });
    expect(bad.status).toBe(400);
    const issues = ((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(issues).toEqual(["displayName", "email", "role"]);
    const noDelegation = await api("/admin/users", { method: "POST", body: { email: "d@x.org", displayName: "D", role: "delegate" } });
    expect(noDelegation.status).toBe(400);
    const delegate = await server.login("arcadia@demo.accord");
    expect((await api("/admin/users", { cookie: delegate })).status).toBe(403);
  });

  it("closes a disabled user's open socket at once and refuses their session", async () => {
    const cookie = await server.login("borealia@demo.accord");
    const docId = await server.documentId(cookie, "Vision");
    const raw = await openRaw(`${server.wsBase}/${docId}`, { cookie, origin: server.origin });
    const users = (await (await api("/admin/users")).json()) as { id: string; email: string }[];
    const borealia = users.find((u) => u.email === "borealia@demo.accord")!;
    const res = await api(`/admin/users/${borealia.id}`, { method: "PATCH", body: { disabled: true } });
    expect(res.status).toBe(200);
    expect(await raw.closed).toBe(CloseCode.SessionEnded);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    await expect(server.login("borealia@demo.accord")).rejects.toThrow();
  });

  it("applies a role change to open sockets: a delegate made observer can no longer edit", async () => {
    const cookie = await server.login("business@demo.accord");
    const docId = await server.documentId(cookie, "Declaration");
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    await client.synced();
    const closed = new Promise<number>((r) => client.provider.once("connection-close", (e) => r(e?.code ?? 0)));
    const users = (await (await api("/admin/users")).json()) as { id: string; email: string }[];
    const business = users.find((u) => u.email === "business@demo.accord")!;
    await api(`/admin/users/${business.id}`, { method: "PATCH", body: { role: "observer" } });
    expect(await closed).toBe(CloseCode.PermissionsChanged);
    await eventually(() => expect(client.provider.wsconnected).toBe(true));
    await client.synced();
    const refused = new Promise<number>((r) => client.provider.once("connection-close", (e) => r(e?.code ?? 0)));
    typeAtEnd(client.doc, 3, " no longer allowed");
    expect(await refused).toBe(CloseCode.Forbidden);
    server = await server.restart();
    const readerCookie = await server.login("civil@demo.accord");
    const reader = connectYClient(server.wsBase, docId, readerCookie, server.origin);
    clients.push(reader);
    await reader.synced();
    expect(reader.text()).not.toContain("no longer allowed");
  });

  it("names a delegate facilitator of one document, with facilitator powers there only", async () => {
    const cookie = await server.login("igo@demo.accord");
    const vision = await server.documentId(cookie, "Vision");
    const declaration = await server.documentId(cookie, "Declaration");
    const users = (await (await api("/admin/users")).json()) as { id: string; email: string }[];
    const igo = users.find((u) => u.email === "igo@demo.accord")!;
    expect((await api(`/admin/documents/${vision}/facilitators`, { method: "PUT", body: { userIds: [igo.id] } })).status).toBe(200);
    const detail = async (id: string) => ((await (await api(`/documents/${id}`, { cookie })).json()) as { myRole: string }).myRole;
    expect(await detail(vision)).toBe("facilitator");
    expect(await detail(declaration)).toBe("delegate");
    const issue = (id: string) => api(`/documents/${id}/revisions`, { method: "POST", body: {}, cookie });
    expect((await issue(vision)).status).toBe(201);
    expect((await issue(declaration)).status).toBe(403);
  });

  it("shows who proposed which words per paragraph, from the server's bindings", async () => {
    const cookie = await server.login("civil@demo.accord");
    const docId = await server.documentId(cookie, "Declaration");
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    await client.synced();
    typeAtEnd(client.doc, 3, " with the meaningful participation of civil society");
    await client.allSaved();
    const attribution = (await (await api(`/documents/${docId}/attribution`, { cookie })).json()) as ParagraphAttribution[];
    const touched = attribution.find((p) => p.contributors.length > 0)!;
    expect(touched.contributors).toEqual([
      { name: "Amara Diallo", delegation: "Digital Rights Network", group: "civil_society", characters: 51 },
    ]);
    expect(touched.segments.at(-1)).toEqual({
      text: " with the meaningful participation of civil society", delegation: "Digital Rights Network", group: "civil_society",
    });
  });

  it("attributes the demo Vision's proposals to the delegations that made them", async () => {
    const cookie = await server.login("observer@demo.accord");
    const docId = await server.documentId(cookie, "Vision");
    const attribution = (await (await api(`/documents/${docId}/attribution`, { cookie })).json()) as ParagraphAttribution[];
    const proposed = attribution.find((p) => p.segments.some((s) => s.text === " at an affordable cost"))!;
    expect(proposed.contributors.map((c) => [c.delegation, c.group, c.characters])).toEqual([
      ["Republic of Arcadia", "governments", 22],
      ["Digital Rights Network", "civil_society", 19],
    ]);
    expect(proposed.segments.find((s) => s.text === " online and offline")).toMatchObject({ delegation: "Digital Rights Network" });
    expect(attribution.filter((p) => p.contributors.length > 0)).toHaveLength(3);
  });

  it("keeps the authors of words moved by splitting and joining a paragraph, whoever splits it", async () => {
    const cookie = await server.login("borealia@demo.accord");
    const docId = await server.documentId(cookie, "Vision");
    const client = connectYClient(server.wsBase, docId, cookie, server.origin);
    clients.push(client);
    await client.synced();
    const blocks = contentOf(client.doc);
    const index = blocks.toArray().findIndex((b) => b instanceof Y.XmlElement && String((b.get(0) as Y.XmlText)?.toString()).includes("at an affordable cost"));
    const element = blocks.get(index) as Y.XmlElement;
    const text = element.get(0) as Y.XmlText;
    const at = text.toString().indexOf("enjoys");
    // What the editor does on Enter: the words after the caret leave this paragraph and are written again in a new one.
    client.doc.transact(() => {
      const tail = (text.toDelta() as { insert: string }[]).map((op) => op.insert).join("").slice(at);
      text.delete(at, text.length - at);
      const next = new Y.XmlElement("paragraph");
      next.setAttribute("pid", "p-split-test");
      next.setAttribute("status", "open");
      next.setAttribute("level", 1 as unknown as string);
      blocks.insert(index + 1, [next]);
      const moved = new Y.XmlText();
      next.insert(0, [moved]);
      moved.insert(0, tail, {});
    });
    await client.allSaved();
    const read = async () => (await (await api(`/documents/${docId}/attribution`, { cookie })).json()) as ParagraphAttribution[];
    const split = (await read()).find((p) => p.pid === "p-split-test")!;
    expect(split.contributors.map((c) => [c.delegation, c.characters])).toEqual([
      ["Republic of Arcadia", 22], ["Digital Rights Network", 19],
    ]);
    // Joining them again (Backspace) moves the words back, still not Borealia's.
    client.doc.transact(() => {
      const moved = (blocks.get(index + 1) as Y.XmlElement).get(0) as Y.XmlText;
      const words = moved.toString();
      blocks.delete(index + 1, 1);
      text.insert(text.length, words, {});
    });
    await client.allSaved();
    const joined = (await read()).find((p) => p.pid === element.getAttribute("pid"))!;
    expect(joined.contributors.map((c) => [c.delegation, c.characters])).toEqual([
      ["Republic of Arcadia", 22], ["Digital Rights Network", 19],
    ]);
    // And so after a restart.
    server = await server.restart();
    const again = (await read()).find((p) => p.pid === element.getAttribute("pid"))!;
    expect(again.contributors.map((c) => c.delegation)).toEqual(["Republic of Arcadia", "Digital Rights Network"]);
  });

  it("lets the secretariat filter the audit log and download it as CSV", async () => {
    await api("/admin/delegations", { method: "POST", body: { name: "Free State of Dunmore", stakeholderGroup: "governments" } });
    const rows = (await (await api("/admin/audit?action=delegation")).json()) as { action: string; userName: string }[];
    expect(rows[0]).toMatchObject({ action: "delegation.created", userName: "Samira Okafor" });
    const csv = await api("/admin/audit.csv?action=delegation");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split("\n")[0]).toBe("at,user,user_id,document_id,paragraph_id,action,detail");
    expect(text).toContain("Free State of Dunmore");
    expect((await api("/admin/audit?from=yesterday")).status).toBe(400);
  });
});

describe("npm run admin for accounts", () => {
  const admin = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: "https://accord.example.org" }, encoding: "utf8",
    });

  it("adds a delegation and a member, changes a role, disables and lists", () => {
    const dir = freshDataDir();
    expect(admin(["delegation", "add", "--name", "Atlantic Cable Cooperative", "--group", "private_sector"], dir).status).toBe(0);
    const add = admin(["user", "add", "--email", "ops@cable.example", "--name", "Ines Duarte", "--role", "delegate", "--delegation", "Atlantic Cable Cooperative"], dir);
    expect(add.status).toBe(0);
    expect(add.stdout).toMatch(/https:\/\/accord\.example\.org\/invite\/[a-z2-7]{32}/);
    expect(admin(["user", "role", "ops@cable.example", "observer"], dir).status).toBe(0);
    expect(admin(["user", "disable", "ops@cable.example"], dir).status).toBe(0);
    const list = admin(["user", "list"], dir).stdout;
    expect(list).toMatch(/ops@cable\.example\tobserver\tAtlantic Cable Cooperative\tdisabled/);
  });

  it("prints the message to send with a link in the account's language, and opens its invitation in it", async () => {
    const dir = freshDataDir();
    const add = admin(["user", "add", "--email", "amina@example.org", "--name", "Amina Haddad", "--role", "observer", "--language", "ar"], dir);
    expect(add.status).toBe(0);
    const link = /https:\/\/accord\.example\.org\/invite\/([a-z2-7]{32})/.exec(add.stdout)!;
    expect(add.stdout).toContain("Message to send (ar):");
    expect(add.stdout).toContain("حسابك في Accord");
    expect(add.stdout).toMatch(/السيد\/السيدة Amina Haddad،/);
    expect(add.stdout.split(link[0]).length).toBe(3);
    // Without a language, the message is English; a new link for an account that chose Chinese is in Chinese.
    const plain = admin(["user", "add", "--email", "li@example.org", "--name", "Li Wei", "--role", "observer"], dir);
    expect(plain.stdout).toContain("Message to send (en):");
    expect(plain.stdout).toContain("Dear Li Wei,");
    const db = openDatabase(dir);
    db.prepare("UPDATE users SET locale = 'zh' WHERE email = 'li@example.org'").run();
    db.close();
    const reset = admin(["user", "reset-password", "li@example.org"], dir);
    expect(reset.stdout).toContain("Message to send (zh):");
    expect(reset.stdout).toContain("请通过以下一次性链接为您的 Accord 账户设置新密码");
    expect(admin(["user", "add", "--email", "x@example.org", "--name", "X", "--role", "observer", "--language", "tlh"], dir).status).toBe(2);

    // The invitation page learns the account's language before anyone signs in.
    const server = await startTestServer({}, dir);
    try {
      const view = await (await fetch(`${server.url}/api/auth/invitations/${link[1]}`)).json();
      expect(view).toEqual({ email: "amina@example.org", displayName: "Amina Haddad", locale: "ar" });
    } finally {
      await server.close();
    }
  });

  it("reaches open editors of a running server: a role change reconnects them, disabling ends them", async () => {
    const server = await startTestServer();
    try {
      const cookie = await server.login("business@demo.accord");
      const docId = await server.documentId(cookie, "Vision");
      const url = `${server.wsBase}/${docId}`;
      const first = await openRaw(url, { cookie, origin: server.origin });
      expect(admin(["user", "role", "business@demo.accord", "observer"], server.dataDir).status).toBe(0);
      expect(await first.closed).toBe(CloseCode.PermissionsChanged);
      const second = await openRaw(url, { cookie, origin: server.origin });
      expect(admin(["user", "disable", "business@demo.accord"], server.dataDir).status).toBe(0);
      expect(await second.closed).toBe(CloseCode.SessionEnded);
    } finally {
      await server.close();
    }
  });

  it("rejects missing or invalid arguments with exit code 2 and unknown accounts with 1", () => {
    const dir = freshDataDir();
    expect(admin(["delegation", "add", "--name", "X"], dir).status).toBe(2);
    expect(admin(["delegation", "add", "--name", "X", "--group", "aliens"], dir).status).toBe(2);
    expect(admin(["user", "add", "--email", "not-an-email", "--name", "N", "--role", "observer"], dir).status).toBe(2);
    expect(admin(["user", "add", "--email", "a@b.org", "--name", "N", "--role", "delegate"], dir).status).toBe(2);
    expect(admin(["user", "role", "nobody@demo.accord", "observer"], dir).status).toBe(1);
    expect(admin(["user", "list", "--bogus"], dir).status).toBe(2);
    expect(admin(["document", "create", "--title", "T", "--style", "sonnet"], dir).status).toBe(2);
    // Nothing of the refused calls was stored; each said what was wrong.
    const stored = admin(["user", "list"], dir).stdout;
    expect(stored).not.toMatch(/not-an-email|a@b\.org/);
    expect(admin(["delegation", "list"], dir).stdout).not.toMatch(/^X\t/m);
    expect(admin(["document", "list"], dir).stdout).not.toMatch(/^\S+\tT\t/m);
    expect(admin(["delegation", "add", "--name", "X", "--group", "aliens"], dir).stderr).toMatch(/group/i);
    const help = admin(["user", "add", "--help"], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run admin/);
    expect(admin([], dir).status).toBe(2);
  });
});
