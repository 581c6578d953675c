import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Overview } from "../../shared/document/overview.js";
import { freshDataDir, startTestServer, type TestServer } from "../helpers/testServer.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = fileURLToPath(new URL("../../../shared/fixtures/proposal-mod-res75.es.txt", import.meta.url));

describe("importing plain-text documents", () => {
  let server: TestServer;
  let secretariat: string;
  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login("secretariat@demo.accord");
  });
  afterAll(() => server.close());

  const post = (body: Uint8Array | string, cookie = secretariat, query = "") =>
    fetch(`${server.url}/api/documents/import${query}`, {
      method: "POST", headers: { cookie, "content-type": "text/plain" }, body: typeof body === "string" ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
    });

  it("imports a real ITU resolution with its paragraphs, brackets and labels", async () => {
    const res = await post(fs.readFileSync(FIXTURE));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { document: { id: string; style: string; language: string; title: string }; paragraphs: number };
    expect(body.document).toMatchObject({ style: "resolution", language: "es" });
    expect(body.document.title).toContain("RESOLUCIÓN 75");
    const overview = (await (await fetch(`${server.url}/api/documents/${body.document.id}/overview`, { headers: { cookie: secretariat } })).json()) as Overview;
    expect(overview.paragraphs.length).toBe(body.paragraphs);
    expect(overview.paragraphs.some((p) => p.label === "a)")).toBe(true);
    const docs = await server.documents(secretariat);
    expect(docs.map((d) => d.id)).toContain(body.document.id);
    const audit = (await (await fetch(`${server.url}/api/admin/audit?action=document.imported`, { headers: { cookie: secretariat } })).json()) as { documentId: string; userName: string }[];
    expect(audit[0]).toMatchObject({ documentId: body.document.id, userName: "Samira Okafor" });
  });

  it("turns typed brackets into brackets placed by the importer", async () => {
    const text = "Draft Outcome\nA. Preamble\n1.\tWe recognize [the central role of] the Forum.\n2.\tWe [Alt 1: decide] [Alt 2: agree] to meet.\n";
    const res = await post(text, secretariat, "?language=en");
    expect(res.status).toBe(201);
    const { document } = (await res.json()) as { document: { id: string } };
    const overview = (await (await fetch(`${server.url}/api/documents/${document.id}/overview`, { headers: { cookie: secretariat } })).json()) as Overview;
    expect(overview.counts.brackets).toBe(3);
    expect(overview.paragraphs.map((p) => p.excerpt)).toEqual([
      "We recognize [the central role of] the Forum.",
      "We [Alt 1: decide] [Alt 2: agree] to meet.",
    ]);
  });

  it("refuses a file that is not UTF-8 text and leaves nothing behind", async () => {
    const before = (await server.documents(secretariat)).length;
    const latin1 = Uint8Array.from([0x52, 0x65, 0x73, 0x6f, 0x6c, 0x75, 0x63, 0x69, 0xf3, 0x6e, 0x0a]);
    const res = await post(latin1);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/UTF-8/);
    const binary = await post(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
    expect(binary.status).toBe(400);
    expect((await server.documents(secretariat)).length).toBe(before);
  });

  it("is for the secretariat only", async () => {
    const delegate = await server.login("arcadia@demo.accord");
    expect((await post("Title\n1.\tText.", delegate)).status).toBe(403);
  });
});

describe("npm run admin", () => {
  const admin = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", ...args], {
      cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8",
    });

  it("imports a fixture from the command line and lists it", () => {
    const dataDir = freshDataDir();
    const run = admin(["document", "import", FIXTURE], dataDir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Imported "RESOLUCIÓN 75.*" as \w+ \(resolution, es, \d+ paragraphs\)/);
    const list = admin(["document", "list"], dataDir);
    expect(list.stdout).toContain("RESOLUCIÓN 75");
    expect(list.stdout).toMatch(/RESOLUCIÓN 75.*\t\(draft\)$/m);
  });

  it("publishes a draft and sets the details its exports print, from the command line", () => {
    const dataDir = freshDataDir();
    const id = /as (\w+) \(/.exec(admin(["document", "import", FIXTURE], dataDir).stdout)![1]!;
    const described = admin(["document", "describe", id, "--symbol", "WTSA-24/35(Add.18)", "--date", "2024-10-15", "--place", "New Delhi"], dataDir);
    expect(described.stderr).toBe("");
    expect(described.stdout).toContain('symbol "WTSA-24/35(Add.18)", date "2024-10-15", place "New Delhi"');
    expect(admin(["document", "describe", id, "--date", "15.10.2024"], dataDir).status).toBe(2);
    const published = admin(["document", "publish", id], dataDir);
    expect(published.status).toBe(0);
    expect(admin(["document", "publish", id], dataDir).status).toBe(1);
    expect(admin(["document", "list"], dataDir).stdout).not.toContain("(draft)");
    const html = admin(["document", "export", id, "--variant", "negotiation", "--format", "html"], dataDir);
    expect(html.status).toBe(0);
    expect(html.stdout).toContain("New Delhi, 15 de octubre de 2024");
  });

  it("explains wrong usage with exit code 2 and refused input with exit code 1", () => {
    const dataDir = freshDataDir();
    expect(admin(["document", "import"], dataDir).status).toBe(2);
    expect(admin(["document", "import", FIXTURE, "--language", "de"], dataDir).status).toBe(2);
    expect(admin(["nonsense"], dataDir).status).toBe(2);
    const missing = admin(["document", "import", "/no/such/file.txt"], dataDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("No such file");
    const help = admin(["--help"], dataDir);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("document import FILE");
  });
});
