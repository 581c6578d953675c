import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocumentSummary } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL } from "../../shared/collab/messages.js";
import { updateChecksum } from "../../server/storage/checksum.js";
import type { Db } from "../../server/storage/database.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { openRaw, updateFrame } from "../helpers/rawClient.js";
import { freshDataDir, startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A row of the update log as it lies on disk. */
interface LogRow {
  seq: number;
  data: Uint8Array;
  checksum: string | null;
  email: string;
}

const logRows = (db: Db, documentId: string): LogRow[] =>
  db.prepare(
    `SELECT u.seq, u.data, u.checksum, users.email FROM document_updates u LEFT JOIN users ON users.id = u.user_id
     WHERE u.document_id = ? ORDER BY u.seq`,
  ).all(documentId) as LogRow[];

const quarantinedRows = (db: Db, documentId: string) =>
  db.prepare("SELECT seq, reason, user_id IS NOT NULL AS has_user FROM quarantined_updates WHERE document_id = ? ORDER BY seq")
    .all(documentId) as { seq: number; reason: string; has_user: number }[];

/** Makes compaction fail, as if the server had been killed before it: the log rows stay on disk. */
const holdCompaction = (db: Db) =>
  db.exec("CREATE TRIGGER hold_compaction BEFORE DELETE ON document_updates BEGIN SELECT RAISE(ABORT, 'compaction held'); END");
const releaseCompaction = (db: Db) => db.exec("DROP TRIGGER hold_compaction");

/** The same bytes with every occurrence of an ASCII word replaced by another of the same length. */
function replaceWord(data: Uint8Array, word: string, by: string): Uint8Array {
  const bytes = Buffer.from(data);
  const at = bytes.indexOf(word);
  if (at < 0 || by.length !== word.length) throw new Error(`cannot replace "${word}"`);
  const copy = new Uint8Array(data);
  copy.set(Buffer.from(by), at);
  return copy;
}

/** The update with its first struct's clock moved far ahead: still a whole update, but about content no one wrote. */
function withClockAhead(data: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(data);
  decoding.readVarUint(decoder); // clients
  decoding.readVarUint(decoder); // structs of the first client
  decoding.readVarUint(decoder); // client id
  const at = decoder.pos;
  expect(data[at]).toBe(0); // a new editor's first edit starts at clock 0
  const copy = new Uint8Array(data);
  copy[at] = 100;
  return copy;
}

const damages: { name: string; damage: (row: LogRow) => { data: Uint8Array; checksum: string | null }; reason: RegExp }[] = [
  {
    name: "bytes altered so that they still read as an update",
    damage: (row) => ({ data: replaceWord(row.data, "first", "forst"), checksum: row.checksum }),
    reason: /^its bytes differ from the bytes written \(checksum mismatch\)$/,
  },
  {
    name: "bytes replaced by garbage, in a row written before checksums",
    damage: () => ({ data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x42), checksum: null }),
    reason: /^update does not decode/,
  },
  {
    name: "bytes after the update, checksummed as written",
    damage: (row) => {
      const data = new Uint8Array([...row.data, 0, 0, 0]);
      return { data, checksum: updateChecksum(data) };
    },
    reason: /^update followed by 3 unread bytes$/,
  },
  {
    name: "clocks altered in a row written before checksums",
    damage: (row) => ({ data: withClockAhead(row.data), checksum: null }),
    reason: /^it refers to content the document does not have$/,
  },
];

describe("a damaged update log", () => {
  let server: TestServer;
  const clients: YClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await server?.close();
  });

  const connect = async (documentId: string, email: string): Promise<YClient> => {
    const client = connectYClient(server.wsBase, documentId, await server.login(email), server.origin);
    clients.push(client);
    await client.synced();
    return client;
  };
  const leave = async (client: YClient, documentId: string) => {
    client.destroy();
    await eventually(() => expect(server.accord.rooms.get(documentId)).toBeUndefined());
  };
  const listAs = async (email: string): Promise<DocumentSummary[]> =>
    (await (await fetch(`${server.url}/api/documents`, { headers: { cookie: await server.login(email) } })).json()) as DocumentSummary[];

  /** Two acknowledged edits by two delegates, in two paragraphs, left in the log as a crash would leave them. */
  async function twoAcknowledgedEdits(): Promise<{ documentId: string; first: LogRow; second: LogRow }> {
    server = await startTestServer();
    const documentId = await server.documentId(await server.login("secretariat@demo.accord"), "Declaration");
    holdCompaction(server.accord.db);
    const arcadia = await connect(documentId, "arcadia@demo.accord");
    typeAtEnd(arcadia.doc, 2, " first acknowledged edit");
    await arcadia.allSaved();
    const civil = await connect(documentId, "civil@demo.accord");
    typeAtEnd(civil.doc, 3, " second acknowledged edit");
    await civil.allSaved();
    arcadia.destroy();
    await leave(civil, documentId);
    releaseCompaction(server.accord.db);
    const [first, second, ...rest] = logRows(server.accord.db, documentId);
    expect([first?.email, second?.email, rest.length]).toEqual(["arcadia@demo.accord", "civil@demo.accord", 0]);
    return { documentId, first: first!, second: second! };
  }

  const damageRow = (seq: number, damaged: { data: Uint8Array; checksum: string | null }) =>
    server.accord.db.prepare("UPDATE document_updates SET data = ?, checksum = ? WHERE seq = ?").run(damaged.data, damaged.checksum, seq);

  for (const { name, damage, reason } of damages) {
    it(`sets aside a row with ${name}; the next acknowledged edit survives and new edits are accepted`, async () => {
      const { documentId, first } = await twoAcknowledgedEdits();
      damageRow(first.seq, damage(first));
      server = await server.restart();

      const reader = await connect(documentId, "borealia@demo.accord");
      expect(reader.text()).toContain(" second acknowledged edit");
      expect(reader.text()).not.toMatch(/f[io]rst acknowledged edit/);

      const db = server.accord.db;
      expect(quarantinedRows(db, documentId)).toEqual([{ seq: first.seq, reason: expect.stringMatching(reason), has_user: 1 }]);
      expect(logRows(db, documentId).map((r) => r.seq)).not.toContain(first.seq);
      const audit = db.prepare("SELECT user_id, detail FROM audit_log WHERE document_id = ? AND action = 'document.quarantined'")
        .all(documentId) as { user_id: string | null; detail: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]!.user_id).toBeNull();
      expect(JSON.parse(audit[0]!.detail)).toEqual({ updates: [{ seq: first.seq, reason: expect.stringMatching(reason) }] });

      const seenBySecretariat = (await listAs("secretariat@demo.accord")).find((d) => d.id === documentId)!;
      expect(seenBySecretariat.quarantined).toEqual({ count: 1, lastAt: expect.any(String) });
      const seenByDelegate = (await listAs("arcadia@demo.accord")).find((d) => d.id === documentId)!;
      expect(seenByDelegate).not.toHaveProperty("quarantined");

      typeAtEnd(reader.doc, 4, " edit after the damage");
      await reader.allSaved();
      reader.destroy();
      server = await server.restart(); // closing compacts: the log is folded, the set-aside row stays set aside

      expect(logRows(server.accord.db, documentId)).toEqual([]);
      expect(quarantinedRows(server.accord.db, documentId).map((q) => q.seq)).toEqual([first.seq]);
      const later = await connect(documentId, "igo@demo.accord");
      expect(later.text()).toContain(" second acknowledged edit");
      expect(later.text()).toContain(" edit after the damage");
    });
  }

  /**
   * Arcadia's acknowledged words, received by Civil's window, which then goes
   * offline and writes on; Arcadia's row is damaged by `damage` and the
   * server restarted, so the words are set aside. Returns what comes back.
   */
  async function lostWhileAWindowHoldsThem(damage: (row: LogRow) => { data: Uint8Array; checksum: string | null }) {
    // The window outlives a restart on another port: its origin must stay allowed.
    const origin = "http://window.accord.test";
    server = await startTestServer({ ALLOWED_ORIGINS: origin });
    const documentId = await server.documentId(await server.login("secretariat@demo.accord"), "Declaration");
    holdCompaction(server.accord.db);
    const arcadia = await connect(documentId, "arcadia@demo.accord");
    typeAtEnd(arcadia.doc, 3, " ALPHA acknowledged");
    await arcadia.allSaved();
    const arcadiaClient = arcadia.doc.clientID;
    const civil = connectYClient(server.wsBase, documentId, await server.login("civil@demo.accord"), origin);
    clients.push(civil);
    await civil.synced();
    await eventually(() => expect(civil.text()).toContain(" ALPHA acknowledged"));
    civil.provider.shouldConnect = false;
    civil.provider.disconnect();
    typeAtEnd(civil.doc, 4, " CIVIL offline words");
    arcadia.destroy();
    await eventually(() => expect(server.accord.rooms.get(documentId)).toBeUndefined());
    const [row] = logRows(server.accord.db, documentId);
    expect(row!.email).toBe("arcadia@demo.accord");
    damageRow(row!.seq, damage(row!));
    releaseCompaction(server.accord.db);
    server = await server.restart();
    const reader = await connect(documentId, "borealia@demo.accord");
    expect(reader.text()).not.toContain("ALPH");
    expect(quarantinedRows(server.accord.db, documentId).map((q) => q.seq)).toEqual([row!.seq]);
    /** Civil's window comes back to the restarted server: its reply to the sync step sends Arcadia's words with its own. */
    const reconnect = () => {
      const closed = new Promise<number>((resolve) => civil.provider.once("connection-close", (e) => resolve(e?.code ?? 0)));
      civil.provider.serverUrl = server.wsBase;
      civil.provider.shouldConnect = true;
      civil.provider.connect();
      return closed;
    };
    const actions = () => server.accord.db.prepare("SELECT action FROM audit_log WHERE document_id = ?").pluck().all(documentId) as string[];
    return { documentId, reader, civil, arcadiaClient, reconnect, actions };
  }

  it("takes back a set-aside row's content from a window that still has it, as its author's, with that window's own words", async () => {
    // The row's bytes are sound, its checksum is not: what the window sends back is what was set aside.
    const { documentId, reader, civil, arcadiaClient, reconnect, actions } = await lostWhileAWindowHoldsThem(
      (row) => ({ data: row.data, checksum: "0".repeat(64) }));
    // Someone else sending other words in the set-aside place is not taken as Arcadia's.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
    copy.clientID = arcadiaClient;
    let forged: Uint8Array | null = null;
    copy.on("update", (u: Uint8Array) => (forged = u));
    typeAtEnd(copy, 3, " FORGED words here");
    const forger = await openRaw(`${server.wsBase}/${documentId}`, { origin: server.origin, cookie: await server.login("borealia@demo.accord") });
    forger.send(updateFrame(forged!));
    expect(await forger.closed).toBe(CloseCode.Forbidden);

    void reconnect();
    await eventually(() => expect(reader.text()).toContain(" CIVIL offline words"));
    await civil.allSaved();
    expect(civil.provider.wsconnected).toBe(true);
    expect(reader.text()).toContain(" ALPHA acknowledged");
    expect(reader.text()).not.toContain("FORGED");
    const attribution = (await (await fetch(`${server.url}/api/documents/${documentId}/attribution`, {
      headers: { cookie: await server.login("borealia@demo.accord") },
    })).json()) as { segments: { text: string; delegation: string | null }[] }[];
    const alpha = attribution.flatMap((p) => p.segments).find((s) => s.text.includes("ALPHA"));
    expect(alpha?.delegation).toBe("Republic of Arcadia");
    expect(actions()).toContain("document.restored");
  });

  it("does not take back words that differ from the set-aside bytes: the window sending them is refused", async () => {
    const { reader, reconnect, actions } = await lostWhileAWindowHoldsThem(
      (row) => ({ data: replaceWord(row.data, "ALPHA", "ALPHB"), checksum: row.checksum }));
    expect(await reconnect()).toBe(CloseCode.Forbidden);
    expect(reader.text()).not.toContain("ALPH");
    expect(actions()).not.toContain("document.restored");
  });

  it("compaction deletes only the rows it applied: a row appended elsewhere with a lower seq stays, then is folded", async () => {
    server = await startTestServer();
    const cookie = await server.login("arcadia@demo.accord");
    const vision = await server.documentId(cookie, "Vision");
    const declaration = await server.documentId(cookie, "Declaration");
    const onVision = await connect(vision, "arcadia@demo.accord");
    typeAtEnd(onVision.doc, 4, " vision one");
    await onVision.allSaved();
    const onDeclaration = await connect(declaration, "arcadia@demo.accord");
    typeAtEnd(onDeclaration.doc, 2, " declaration one");
    await onDeclaration.allSaved();
    const freedSeq = logRows(server.accord.db, declaration).at(-1)!.seq;
    await leave(onDeclaration, declaration); // compacted: its seq is free again
    typeAtEnd(onVision.doc, 4, " vision two");
    await onVision.allSaved();
    const roomSeqs = logRows(server.accord.db, vision).map((r) => r.seq);
    expect(Math.max(...roomSeqs)).toBeGreaterThan(freedSeq);

    // Another process appends an update to the Vision's log under the lower, unused seq.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(onVision.doc));
    const updates: Uint8Array[] = [];
    elsewhere.on("update", (u: Uint8Array) => updates.push(u));
    typeAtEnd(elsewhere, 5, " written elsewhere");
    server.accord.db.prepare(
      `INSERT INTO document_updates (seq, document_id, data, checksum, user_id, created_at)
       VALUES (?, ?, ?, ?, (SELECT id FROM users WHERE email = 'arcadia@demo.accord'), ?)`,
    ).run(freedSeq, vision, updates[0]!, updateChecksum(updates[0]!), Date.now());

    server.accord.rooms.get(vision)!.compactIfDirty();
    expect(logRows(server.accord.db, vision).map((r) => r.seq)).toEqual([freedSeq]);

    await leave(onVision, vision);
    expect(logRows(server.accord.db, vision).map((r) => r.seq)).toEqual([freedSeq]);
    server = await server.restart();
    const reader = await connect(vision, "civil@demo.accord");
    for (const words of [" vision one", " vision two", " written elsewhere"]) expect(reader.text()).toContain(words);
    await leave(reader, vision);
    expect(logRows(server.accord.db, vision)).toEqual([]); // folded into the state now that a room applied it
  });

  it("refuses to open a document whose compacted state is damaged, and overwrites nothing", async () => {
    server = await startTestServer();
    const cookie = await server.login("arcadia@demo.accord");
    const documentId = await server.documentId(cookie, "Declaration");
    holdCompaction(server.accord.db);
    const writer = await connect(documentId, "arcadia@demo.accord");
    typeAtEnd(writer.doc, 2, " kept in the log");
    await writer.allSaved();
    await leave(writer, documentId);
    releaseCompaction(server.accord.db);

    const readState = () =>
      server.accord.db.prepare("SELECT state, last_seq FROM document_states WHERE document_id = ?").get(documentId) as { state: Uint8Array; last_seq: number };
    const state = readState().state;
    const damaged = state.slice(0, Math.floor(state.length / 2));
    server.accord.db.prepare("UPDATE document_states SET state = ? WHERE document_id = ?").run(damaged, documentId);
    const before = { state: readState(), log: logRows(server.accord.db, documentId) };
    expect(before.log).toHaveLength(1);

    const raw = await openRaw(`${server.wsBase}/${documentId}`, { cookie, origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    expect(await raw.closed).toBe(CloseCode.RoomUnavailable);
    expect(server.accord.rooms.get(documentId)).toBeUndefined();
    const overview = await fetch(`${server.url}/api/documents/${documentId}/overview`, { headers: { cookie } });
    expect([overview.status, ((await overview.json()) as { error: string }).error]).toEqual([503, "document_unavailable"]);

    server = await server.restart();
    expect({ state: readState(), log: logRows(server.accord.db, documentId) }).toEqual(before);
    expect(quarantinedRows(server.accord.db, documentId)).toEqual([]);
  });

  describe("npm run admin -- document check", () => {
    const check = (documentId: string, dataDir: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "document", "check", documentId], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8",
      });

    it("finds a sound document sound (exit 0)", async () => {
      server = await startTestServer();
      const documentId = await server.documentId(await server.login("secretariat@demo.accord"), "Vision");
      const result = check(documentId, server.dataDir);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/The compacted state is \d+ bytes and loads\./);
      expect(result.stdout).toContain("The content fits the document allow-list.");
      expect(result.stdout).toMatch(/The document has \d+ paragraphs\./);
      expect(result.stdout).toContain("Everything is sound.");
    });

    it("names a damaged row and its reason (exit 1), before and after the server set it aside, and changes nothing", async () => {
      const { documentId, first, second } = await twoAcknowledgedEdits();
      damageRow(first.seq, damages[0]!.damage(first));

      const found = check(documentId, server.dataDir);
      expect(found.status).toBe(1);
      expect(found.stdout).toContain(`Update ${first.seq} fails: its bytes differ from the bytes written (checksum mismatch).`);
      expect(found.stdout).toContain("The update log holds 2 rows; 1 verified");
      expect(logRows(server.accord.db, documentId).map((r) => r.seq)).toEqual([first.seq, second.seq]);

      server = await server.restart();
      await leave(await connect(documentId, "borealia@demo.accord"), documentId);
      const setAside = check(documentId, server.dataDir);
      expect(setAside.status).toBe(1);
      expect(setAside.stdout).toContain("1 update was set aside earlier:");
      expect(setAside.stdout).toMatch(new RegExp(`Update ${first.seq}, written .* set aside .*: its bytes differ from the bytes written \\(checksum mismatch\\)\\. Tried again, it still fails`));
    });

    it("refuses wrong usage (exit 2) and an unknown document (exit 1)", () => {
      const dir = freshDataDir();
      expect(spawnSync(process.execPath, ["--import", "tsx", "server/cli/admin.ts", "document", "check"], {
        cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, encoding: "utf8",
      }).status).toBe(2);
      expect(check("no-such-document", dir).status).toBe(1);
    });
  });
});
