import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../../../server/storage/database.js";
import { DocumentStore } from "../../../server/storage/documentStore.js";
import { storedText } from "../convergence.js";
import type { BenchFixture } from "../fixture.js";
import { EDITOR_ACCOUNTS, login, OBSERVER_ACCOUNT } from "../login.js";
import { startServerProcess, type ServerProcess } from "../serverProcess.js";
import type { TargetInfo, TargetKind } from "./adapter.js";

/** The Hocuspocus document name; any name does, each message carries it. */
const HOCUSPOCUS_DOCUMENT = "bench-document";
/** How long Hocuspocus gets, after the last socket closed, to write the document it stores on unload. */
const HOCUSPOCUS_STORE_WAIT_MS = 1500;

/** A started target server, with what the generator needs to reach it. */
export interface LaunchedTarget {
  info: TargetInfo;
  server: ServerProcess;
  url: string;
  /** Cookie per editor account (Accord), or a single empty one. */
  editorAccountCookies: string[];
  observerCookie: string;
  /**
   * The document's text as the server stored it, read once it has stopped;
   * null for the relay, which stores nothing.
   */
  readStoredText(): string | null;
  /** Lets the server finish what it stores after the clients left (Hocuspocus stores on unload). */
  beforeStop(): Promise<void>;
}

/**
 * Starts one target on a copy of the fixture: Accord as `npm run bench` does
 * (signed-in sessions), Hocuspocus (its SQLite extension seeded with the
 * fixture's state) or the relay (the state in memory). `cpus` pins it.
 */
export async function launchTarget(kind: TargetKind, fixture: BenchFixture, options: {
  editors: number;
  nodeArgs: string[];
  env: Record<string, string>;
  cpus: string | null;
}): Promise<LaunchedTarget> {
  if (kind === "accord") {
    const server = await startServerProcess(fixture.dataDir, options.nodeArgs, options.env, { cpus: options.cpus });
    const accounts = EDITOR_ACCOUNTS.slice(0, Math.min(options.editors, EDITOR_ACCOUNTS.length));
    const [observerCookie, ...editorAccountCookies] = await Promise.all(
      [OBSERVER_ACCOUNT, ...accounts].map((email) => login(server.origin, email)),
    );
    return {
      info: { kind, documentName: fixture.documentId },
      server,
      url: `ws://127.0.0.1:${server.port}/ws/documents/${fixture.documentId}`,
      editorAccountCookies,
      observerCookie: observerCookie!,
      readStoredText: () => readAccordText(fixture),
      beforeStop: async () => {},
    };
  }
  const statePath = path.join(fixture.dataDir, "initial-state.bin");
  fs.writeFileSync(statePath, fixture.initialState);
  const entry = kind === "hocuspocus" ? "scripts/bench/targets/hocuspocus.ts" : "scripts/bench/targets/relay.ts";
  const server = await startServerProcess(fixture.dataDir, options.nodeArgs,
    { ...options.env, INITIAL_STATE: statePath, DOCUMENT_NAME: HOCUSPOCUS_DOCUMENT }, { entry, cpus: options.cpus });
  const documentName = kind === "hocuspocus" ? HOCUSPOCUS_DOCUMENT : fixture.documentId;
  return {
    info: { kind, documentName },
    server,
    url: `ws://127.0.0.1:${server.port}/${documentName}`,
    editorAccountCookies: [""],
    observerCookie: "",
    readStoredText: () => (kind === "hocuspocus" ? readHocuspocusText(fixture.dataDir) : null),
    beforeStop: () => new Promise((resolve) => setTimeout(resolve, kind === "hocuspocus" ? HOCUSPOCUS_STORE_WAIT_MS : 0)),
  };
}

/** The text Accord stored on disk, read after the server has stopped. */
function readAccordText(fixture: BenchFixture): string {
  const db = openDatabase(fixture.dataDir);
  try {
    const stored = new DocumentStore(db).load(fixture.documentId);
    return storedText(stored.state, stored.updates.map((u) => u.data));
  } finally {
    db.close();
  }
}

/** The text Hocuspocus's SQLite extension stored (its `documents` table), read after the server has stopped. */
function readHocuspocusText(dataDir: string): string {
  const db = new Database(path.join(dataDir, "hocuspocus.sqlite"), { readonly: true });
  try {
    const row = db.prepare(`SELECT data FROM "documents" WHERE name = ?`).get(HOCUSPOCUS_DOCUMENT) as { data: Buffer } | undefined;
    return row ? storedText(new Uint8Array(row.data), []) : "";
  } finally {
    db.close();
  }
}
