import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { freshDataDir, PASSWORD } from "../helpers/testServer.js";
import { connectYClient, type YClient } from "../helpers/yClient.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs `server/main.ts` as its own process, the way `npm start` does on more than one core, and waits for its port. */
function spawnServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ACCORD_DEMO: "0", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(/"port":(\d+)/);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

async function declarationId(url: string, cookie: string): Promise<string> {
  const docs = (await (await fetch(`${url}/api/documents`, { headers: { cookie } })).json()) as { id: string; title: string }[];
  return docs.find((d) => d.title.includes("Declaration"))!.id;
}

describe("durability", () => {
  const children: ChildProcess[] = [];
  const clients: YClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
    for (const child of children.splice(0)) child.kill("SIGKILL");
  });

  it("a server killed with SIGKILL right after acknowledging loses no acknowledged edit", async () => {
    const dataDir = freshDataDir();
    const first = await spawnServer(dataDir);
    children.push(first.child);
    const cookie = await login(first.url, "arcadia@demo.accord");
    const docId = await declarationId(first.url, cookie);
    const client = connectYClient(`${first.url.replace("http", "ws")}/ws/documents`, docId, cookie, first.url);
    clients.push(client);
    await client.synced();

    const words: string[] = [];
    for (let i = 0; i < 30; i++) {
      const word = ` ack${i}`;
      words.push(word);
      typeAtEnd(client.doc, 2 + (i % 5), word);
    }
    await client.allSaved();
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    client.destroy();

    const second = await spawnServer(dataDir);
    children.push(second.child);
    const cookie2 = await login(second.url, "civil@demo.accord");
    const reader = connectYClient(`${second.url.replace("http", "ws")}/ws/documents`, docId, cookie2, second.url);
    clients.push(reader);
    await reader.synced();
    for (const word of words) expect(reader.text()).toContain(word);
  });
});
