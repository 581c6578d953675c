import { expect } from "vitest";
import type * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { typeAtEnd } from "./documentEdits.js";
import type { TestServer } from "./testServer.js";
import { connectYClient, eventually, type YClient } from "./yClient.js";
import { findParagraph } from "./yDocEdits.js";

/** Blocks of a document as the server's reader sees them. */
export type Blocks = ReturnType<typeof readBlocks>;

/**
 * Raw Yjs clients of the demo accounts on one document of a test server, and
 * the checks every refusal test makes: the sender's socket closes with a
 * code, a second client never sees the change, the database after a restart
 * holds no trace of it, and the refusal is audited.
 */
export class RoomProbe {
  readonly users: Record<string, UserView> = {};
  private readonly cookies: Record<string, string> = {};
  private readonly clients: YClient[] = [];

  private constructor(public server: TestServer, readonly documentId: string) {}

  /** Signs in the demo accounts named (`chair` for chair@demo.accord ...) on the document titled `title`. */
  static async open(server: TestServer, title: string, who: string[]): Promise<RoomProbe> {
    const first = await server.login(`${who[0]}@demo.accord`);
    const probe = new RoomProbe(server, await server.documentId(first, title));
    for (const name of who) {
      probe.cookies[name] = await server.login(`${name}@demo.accord`);
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: probe.cookies[name]! } });
      probe.users[name] = ((await me.json()) as { user: UserView }).user;
    }
    return probe;
  }

  cookie(who: string): string {
    return this.cookies[who]!;
  }

  /** A synced Yjs client of `who`. */
  async connect(who: string): Promise<YClient> {
    const client = connectYClient(this.server.wsBase, this.documentId, this.cookies[who]!, this.server.origin);
    this.clients.push(client);
    await client.synced();
    return client;
  }

  /**
   * Makes `change` on a fresh client of `who` and resolves with the code the
   * server closed its socket with; the client is then stopped, so it does not
   * send the refused change again on reconnecting.
   */
  async refusedCode(who: string, change: (client: YClient) => void): Promise<{ code: number; reason: string }> {
    const client = await this.connect(who);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once("connection-close", (event) => resolve({ code: event?.code ?? 0, reason: event?.reason ?? "" })));
    change(client);
    const result = await closed;
    client.provider.shouldConnect = false;
    client.provider.disconnect();
    return result;
  }

  /**
   * After a refusal: an edit the facilitator makes later reaches a second
   * client, so anything relayed before it would have too; `check` then runs
   * on that client's document, and again on the document as stored after a
   * restart.
   */
  async expectNoTrace(check: (doc: Y.Doc) => void): Promise<void> {
    const witness = await this.connect("chair");
    const marker = ` marker${Math.random().toString(36).slice(2, 8)}`;
    typeAtEnd(witness.doc, findParagraph(witness.doc, (b) => b.status === "open"), marker);
    await witness.allSaved();
    const other = await this.connect(Object.keys(this.cookies).find((w) => w !== "chair") ?? "chair");
    await eventually(() => expect(other.text()).toContain(marker));
    check(other.doc);
    check(await this.storedDoc());
  }

  /** The document as stored: the server restarted, read by a new client. */
  async storedDoc(): Promise<Y.Doc> {
    this.closeClients();
    this.server = await this.server.restart();
    const reader = await this.connect("chair");
    return reader.doc;
  }

  /** The blocks as stored (see {@link storedDoc}). */
  async storedBlocks(): Promise<Blocks> {
    return readBlocks(await this.storedDoc());
  }

  /** Audit actions recorded for the document, oldest first. */
  auditActions(): string[] {
    return this.server.accord.db.prepare("SELECT action FROM audit_log WHERE document_id = ? ORDER BY id")
      .pluck().all(this.documentId) as string[];
  }

  /** Number of rows in the document's update log. */
  storedUpdates(): number {
    return this.server.accord.db.prepare("SELECT count(*) FROM document_updates WHERE document_id = ?")
      .pluck().get(this.documentId) as number;
  }

  closeClients(): void {
    for (const c of this.clients.splice(0)) c.destroy();
  }
}
