import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { inject } from "vitest";
import type { DocumentSummary, SessionResponse } from "../../schemas/api.js";
import { readConfig, type Config } from "../../server/config.js";
import { startAccord, type RunningAccord } from "../../server/startAccord.js";

/** The demo password (see README). */
export const PASSWORD = "wsis-demo-2025";

/** A real Accord server on port 0 with a real SQLite file in a fresh temp dir. */
export interface TestServer {
  accord: RunningAccord;
  url: string;
  wsBase: string;
  origin: string;
  dataDir: string;
  config: Config;
  /** Signs in and returns the cookie header value. */
  login(email: string, password?: string): Promise<string>;
  documents(cookie: string): Promise<DocumentSummary[]>;
  /** Id of a demo document by (part of) its title. */
  documentId(cookie: string, title: string): Promise<string>;
  close(): Promise<void>;
  /** Stops this server and starts a new one on the same data directory. */
  restart(): Promise<TestServer>;
}

/** Copies the seeded template into a fresh data directory. */
export function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-test-"));
  fs.copyFileSync(path.join(inject("templateDataDir"), "accord.sqlite"), path.join(dir, "accord.sqlite"));
  return dir;
}

/** Starts a server; `env` overrides configuration variables. */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir = freshDataDir(),
): Promise<TestServer> {
  const config = readConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, ACCORD_DEMO: "0", ...env });
  const accord = await startAccord(config, pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }));
  const url = `http://127.0.0.1:${accord.port}`;
  const server: TestServer = {
    accord,
    url,
    wsBase: `ws://127.0.0.1:${accord.port}/ws/documents`,
    origin: url,
    dataDir,
    config,
    async login(email, password = PASSWORD) {
      const res = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status}`);
      (await res.json()) as SessionResponse;
      const cookie = res.headers.get("set-cookie");
      if (!cookie) throw new Error("no session cookie");
      return cookie.split(";")[0]!;
    },
    async documents(cookie) {
      const res = await fetch(`${url}/api/documents`, { headers: { cookie } });
      return (await res.json()) as DocumentSummary[];
    },
    async documentId(cookie, title) {
      const doc = (await server.documents(cookie)).find((d) => d.title.includes(title));
      if (!doc) throw new Error(`no document titled ${title}`);
      return doc.id;
    },
    close: () => accord.close(),
    async restart() {
      await accord.close();
      return startTestServer(env, dataDir);
    },
  };
  return server;
}
