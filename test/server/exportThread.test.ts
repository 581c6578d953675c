import fs from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportQuery } from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
import { storedAuthorTable } from "../../server/documents/attribution.js";
import { loadDocument } from "../../server/documents/loadDocument.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { docOf, renderExport, type ExportJob, type ExportResult } from "../../server/export/exportDocument.js";
import { ExportThread } from "../../server/export/exportThread.js";
import { EXPORT_NICENESS } from "../../server/export/pdf.js";
import { CarriedTextStore } from "../../server/storage/carriedTextStore.js";
import { ClientIdStore } from "../../server/storage/clientIdStore.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { UserStore } from "../../server/storage/userStore.js";
import { CHROMIUM_PATH } from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

/**
 * The export thread (server/export/exportThread.ts) renders an export
 * exactly as rendering in the calling thread does, from a whole state or
 * from its copy of a changing document, survives an export that fails,
 * starts again after being closed, and runs at a lower scheduling priority
 * than the thread that started it.
 */

/** A Word file's parts; the package's dates (docProps/core.xml) are when it was made, so they are left out. */
function wordParts(body: string | Uint8Array): Record<string, string> {
  expect(body).toBeInstanceOf(Uint8Array);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(body as Uint8Array))) {
    parts[name] = strFromU8(data).replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, "");
  }
  return parts;
}

function comparable(result: ExportResult, format: ExportQuery["format"]): unknown {
  if (!result.ok) return result;
  return { ...result, body: format === "docx" ? wordParts(result.body) : result.body };
}

/** The threads on this machine that belong to this process, with their nice values. */
function threadNiceness(): number[] {
  return fs.readdirSync("/proc/self/task").map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe("the export thread", () => {
  let server: TestServer;
  let row: DocumentRow;
  let state: Uint8Array;
  let authors: ExportJob["authors"];
  let thread: ExportThread;
  const noPrinting = () => Promise.reject(new Error("no PDF here"));
  const negotiationMd: ExportQuery = { variant: "negotiation", format: "md", open: "stop", compilation: "0" };
  const job = (query: ExportQuery): ExportJob => ({ row, query, authors: query.variant === "negotiation" ? authors : null, threads: null });

  beforeAll(async () => {
    server = await startTestServer();
    const chair = await server.login("chair@demo.accord");
    const id = await server.documentId(chair, "Vision");
    const db = server.accord.db;
    const documents = new DocumentStore(db);
    row = documents.find(id)!;
    state = Y.encodeStateAsUpdate(loadDocument(documents.load(id)).doc);
    authors = { table: storedAuthorTable({ clientIds: new ClientIdStore(db), carriedText: new CarriedTextStore(db), users: new UserStore(db) }, id) };
    thread = new ExportThread({ chromiumPath: CHROMIUM_PATH, idleMs: 60_000, niceness: EXPORT_NICENESS });
  });
  afterAll(async () => {
    await thread.close();
    await server.close();
  });

  it("renders every text and format exactly as the calling thread does", async () => {
    expect(authors && "table" in authors && authors.table.bound.some(([, author]) => author !== null)).toBe(true);
    const queries: ExportQuery[] = [];
    for (const format of ["md", "html", "docx"] as const) {
      queries.push(
        { variant: "negotiation", format, open: "stop", compilation: "0" },
        { variant: "negotiation", format, open: "stop", compilation: "1" },
        { variant: "agreed", format, open: "mark", compilation: "0" },
        { variant: "agreed", format, open: "stop", compilation: "0" },
      );
    }
    const doc = docOf(state);
    for (const query of queries) {
      // A whole state (as a revision is sent) and a document (followed by a copy on the thread).
      const [fromState, fromDoc, here] = await Promise.all([
        thread.render(job(query), state), thread.render(job(query), doc), renderExport(job(query), docOf(state), noPrinting),
      ]);
      expect(comparable(fromState, query.format), JSON.stringify(query)).toEqual(comparable(here, query.format));
      expect(comparable(fromDoc, query.format), JSON.stringify(query)).toEqual(comparable(here, query.format));
    }
    const negotiation = await thread.render(job(negotiationMd), state);
    expect(negotiation.ok && String(negotiation.body)).toContain("Proposed by:");
  });

  it("follows a document as it changes, from what changed, as long as it holds a copy of it", async () => {
    const doc = docOf(state);
    const others = Array.from({ length: 10 }, () => docOf(state));
    const paragraph = () => contentOf(doc).toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement;
    const words = () => paragraph().toArray().find((n) => n instanceof Y.XmlText) as Y.XmlText;
    const expectSame = async () => {
      const [there, here] = await Promise.all([thread.render(job(negotiationMd), doc), renderExport(job(negotiationMd), docOf(Y.encodeStateAsUpdate(doc)), noPrinting)]);
      expect(there).toEqual(here);
      return there.ok ? String(there.body) : "";
    };
    await expectSame();
    words().insert(0, "Inserted first words ");
    expect(await expectSame()).toContain("Inserted first words");
    words().delete(0, 9);
    expect(await expectSame()).not.toContain("Inserted first words");
    // More documents than the thread keeps copies of: the first one's copy is dropped, and sent whole again.
    for (const other of others) await thread.render(job(negotiationMd), other);
    words().insert(0, "After the others ");
    expect(await expectSame()).toContain("After the others first words");
  });

  it("fails an export that cannot be rendered, with its reason, and renders the next one", async () => {
    await expect(thread.render(job(negotiationMd), new Uint8Array([1, 2, 3]))).rejects.toThrow();
    const next = await thread.render(job(negotiationMd), state);
    expect(next.ok).toBe(true);
  });

  it("runs at a lower priority than the thread that started it", async () => {
    await thread.render(job({ variant: "agreed", format: "md", open: "mark", compilation: "0" }), state);
    const niceness = threadNiceness();
    expect(niceness[0]).toBe(0);
    expect(niceness).toContain(EXPORT_NICENESS);
  });

  it("fails what was running when closed, and starts again on the next export, without its copies", async () => {
    const query: ExportQuery = { variant: "negotiation", format: "docx", open: "stop", compilation: "0" };
    const doc = docOf(state);
    await thread.render(job(query), doc);
    const running = thread.render(job(query), state);
    const settled = running.then(() => "rendered", (err: Error) => err.message);
    await thread.close();
    // Either it was done before the close reached the thread, or it failed saying why: never left waiting.
    expect(["rendered", "The export thread was closed."]).toContain(await settled);
    const again = await thread.render(job(query), doc);
    expect(again.ok && again.body).toBeInstanceOf(Uint8Array);
  });
});
