import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import * as Y from "yjs";
import { seedDemo } from "../../server/demo/seed.js";
import { ClientIdStore } from "../../server/storage/clientIdStore.js";
import { openDatabase } from "../../server/storage/database.js";
import { DeletedTextStore, type DeletedRange } from "../../server/storage/deletedTextStore.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { RevisionStore } from "../../server/storage/revisionStore.js";
import { UserStore } from "../../server/storage/userStore.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { percentile } from "./analyze.js";
import { bracketedDocument } from "./exportFixture.js";
import { login } from "./login.js";
import { readProcessCpuMs, waitForQuietMachine } from "./procStats.js";
import { hashSources, readMachineInfo, writeReport } from "./report.js";
import { startServerProcess } from "./serverProcess.js";

/**
 * `npm run bench:compare`: how long `GET /api/documents/:id/compare` takes
 * between two issued revisions of a 400-paragraph document of which 20 % of
 * the paragraphs changed, against the real server in its own process. The
 * changes are made as the room makes them: by three delegations' own Yjs
 * client ids (bound to their accounts), each deletion recorded with its
 * deleter, so the comparison names everyone. JSON (target 200 ms) and Word
 * with tracked changes (target 1 s), medians of N requests one after another.
 *
 * Options: --runs N (default 20; Word gets half), --json FILE.
 */

const PARAGRAPHS = 400;
const CHANGED_SHARE = 0.2;
const TARGETS_MS = { json: 200, docx: 1000 } as const;
const EDITORS = ["arcadia@demo.accord", "borealia@demo.accord", "civil@demo.accord"];

interface Fixture {
  dataDir: string;
  documentId: string;
  changed: number;
  deletedRanges: number;
}

/** Rev.1, then a fifth of the paragraphs changed by three delegations (words inserted and deleted), then Rev.2. */
async function createCompareFixture(): Promise<Fixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-compare-"));
  const db = openDatabase(dataDir);
  try {
    const documents = new DocumentStore(db);
    const users = new UserStore(db);
    await seedDemo(db, users, documents, pino({ level: "silent" }));
    const documentId = documents.addDocument({
      processId: documents.addProcess("Comparison benchmark process"),
      title: `Comparison benchmark draft (${PARAGRAPHS} paragraphs)`,
      style: "declaration",
      language: "en",
      initialState: bracketedDocument(PARAGRAPHS, 0),
    });
    const chair = users.findByEmail("chair@demo.accord")!;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, documents.load(documentId).state!);
    const revisions = new RevisionStore(db);
    revisions.add({ documentId, number: 1, name: "Rev.1", state: Y.encodeStateAsUpdate(doc), issuedBy: chair.id });

    const editors = EDITORS.map((email, i) => ({ userId: users.findByEmail(email)!.id, clientId: 7_000_000 + i }));
    const deleted: DeletedRange[] = [];
    let deleter = "";
    doc.on("afterTransaction", (transaction: Y.Transaction) => {
      Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
        if (struct instanceof Y.Item) deleted.push({ client: struct.id.client, clock: struct.id.clock, length: struct.length, deleter });
      });
    });
    const before = Y.encodeStateVector(doc);
    const paragraphs = contentOf(doc).toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "paragraph");
    const every = Math.round(1 / CHANGED_SHARE);
    let changed = 0;
    paragraphs.forEach((paragraph, i) => {
      if (i % every !== 0) return;
      const editor = editors[changed % editors.length]!;
      doc.clientID = editor.clientId;
      deleter = editor.userId;
      const text = paragraph.toArray().find((c): c is Y.XmlText => c instanceof Y.XmlText)!;
      doc.transact(() => {
        const words = text.toString();
        // Delete the fourth word, insert two words after the tenth, append a clause.
        const fourth = words.split(" ").slice(0, 3).join(" ").length + 1;
        text.delete(fourth, words.split(" ")[3]!.length + 1);
        const tenth = text.toString().split(" ").slice(0, 10).join(" ").length;
        text.insert(tenth, " and sustainable");
        text.insert(text.length - 1, ", as agreed in the second reading");
      });
      changed += 1;
    });
    const edits = Y.encodeStateAsUpdate(doc, before);
    new ClientIdStore(db).bind(documentId, new Map(editors.map((e) => [e.clientId, e.userId])));
    documents.append(documentId, [{ data: edits, userId: null }], () => {
      new DeletedTextStore(db).add(documentId, deleted, new Date().toISOString());
    });
    revisions.add({ documentId, number: 2, name: "Rev.2", state: Y.encodeStateAsUpdate(doc), issuedBy: chair.id });
    return { dataDir, documentId, changed, deletedRanges: deleted.length };
  } finally {
    db.close();
  }
}

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(get("--runs") ?? 20);
  const json = get("--json") ?? "bench-results/compare.json";
  const machine = readMachineInfo(null);
  console.log(`machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}`);
  const sourceHash = hashSources(fileURLToPath(new URL("../../", import.meta.url)), ["server", "shared", "schemas"]);
  console.log(`server sources ${sourceHash}`);
  const fixture = await createCompareFixture();
  console.log(`document: ${PARAGRAPHS} paragraphs, ${fixture.changed} changed between Rev.1 and Rev.2 (${fixture.deletedRanges} deleted ranges recorded)`);
  const server = await startServerProcess(fixture.dataDir);
  const results: Record<string, unknown>[] = [];
  try {
    const cookie = await login(server.origin, "observer@demo.accord");
    const url = (format: string) => `${server.origin}/api/documents/${fixture.documentId}/compare?from=1&to=2&format=${format}`;
    const first = await fetch(url("json"), { headers: { cookie } });
    const view = (await first.json()) as { summary: { changed: number }; blocks: { pieces: { op: string; by: { delegation: string } | null }[] }[] };
    if (view.summary.changed !== fixture.changed) throw new Error(`the comparison found ${view.summary.changed} changed paragraphs, not ${fixture.changed}`);
    const unnamed = view.blocks.flatMap((b) => b.pieces).filter((p) => p.op !== "same" && !p.by).length;
    console.log(`comparison: ${view.summary.changed} paragraphs changed, ${unnamed} changes without a name`);
    for (const format of ["json", "docx"] as const) {
      const quiet = await waitForQuietMachine(15, 600_000, 5000);
      await (await fetch(url(format), { headers: { cookie } })).arrayBuffer();
      const n = format === "docx" ? Math.max(1, Math.round(runs / 2)) : runs;
      const cpuA = readProcessCpuMs(server.pid);
      const tA = performance.now();
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const res = await fetch(url(format), { headers: { cookie } });
        const body = new Uint8Array(await res.arrayBuffer());
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`compare ${format} answered ${res.status}`);
        bytes = body.length;
      }
      const wall = performance.now() - tA;
      times.sort((a, b) => a - b);
      const median = percentile(times, 50);
      const ratio = median / TARGETS_MS[format];
      const result = {
        format, requests: n, bytes, ms: { median, p95: percentile(times, 95), max: times[times.length - 1]! }, targetMs: TARGETS_MS[format],
        ratio, busyBeforePct: quiet.busyPct, serverCpuPct: (100 * (readProcessCpuMs(server.pid) - cpuA)) / wall,
      };
      results.push(result);
      console.log(`${format.padEnd(4)} median ${fmt(median).padStart(6)} ms  p95 ${fmt(result.ms.p95).padStart(6)}  max ${fmt(result.ms.max).padStart(6)}  ` +
        `(${n} requests, ${Math.round(bytes / 1024)} KiB)  target ${TARGETS_MS[format]} ms: ${ratio.toFixed(2)}x ${ratio <= 1 ? "met" : "NOT met"};  ` +
        `machine busy ${quiet.busyPct.toFixed(0)} % before; server ${result.serverCpuPct.toFixed(0)} % of a core`);
    }
  } finally {
    await server.stop();
    fs.rmSync(fixture.dataDir, { recursive: true, force: true });
  }
  writeReport(json, { measuredAt: new Date().toISOString(), sourceHash, machine, runs, fixture: { paragraphs: PARAGRAPHS, changed: fixture.changed }, results } as never);
  console.log(`results written to ${json}`);
  return 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
