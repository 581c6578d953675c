import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import * as Y from "yjs";
import { seedDemo } from "../../server/demo/seed.js";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { UserStore } from "../../server/storage/userStore.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { newPid } from "../../shared/paragraphs/pid.js";

/** A seeded data directory holding the benchmark document. */
export interface BenchFixture {
  dataDir: string;
  documentId: string;
  /** The document's stored Yjs state, which editors start from as if it were cached locally. */
  initialState: Uint8Array;
}

const WORDS = ("recognizing the importance of inclusive multistakeholder cooperation in digital development " +
  "we reaffirm our commitment to bridging digital divides and to a people-centred information society " +
  "encourage member states and all stakeholders to strengthen capacity building and financing mechanisms").split(" ");

/** A paragraph of roughly `words` words, deterministic per index so runs compare. */
function paragraphText(index: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(index * 7 + i * 3) % WORDS.length]!);
  return `${out.join(" ")}.`;
}

/**
 * The Yjs state of a title and `paragraphs` paragraphs, shaped as the editor
 * stores them (what y-prosemirror makes of the schema's nodes): an
 * XmlElement per block with its attributes, holding one XmlText.
 */
export function benchmarkDocument(paragraphs: number): Uint8Array {
  const doc = new Y.Doc();
  const block = (name: string, attrs: Record<string, unknown>, text: string) => {
    const element = new Y.XmlElement(name);
    for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
    element.insert(0, [new Y.XmlText(text)]);
    return element;
  };
  const blocks = [block("title", { pid: newPid() }, "Benchmark draft")];
  for (let i = 0; i < paragraphs; i++) {
    blocks.push(block("paragraph", { pid: newPid(), status: "open", level: 1 }, paragraphText(i, 40)));
  }
  doc.getXmlFragment(CONTENT_FIELD).insert(0, blocks);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/**
 * Seeds the demo accounts and a benchmark document of `paragraphs` paragraphs
 * into a new directory.
 */
export async function createFixture(paragraphs: number): Promise<BenchFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-"));
  const db = openDatabase(dataDir);
  try {
    const users = new UserStore(db);
    const documents = new DocumentStore(db);
    await seedDemo(db, users, documents, pino({ level: "silent" }));
    const processId = documents.addProcess("Benchmark process");
    const initialState = benchmarkDocument(paragraphs);
    const documentId = documents.addDocument({
      processId,
      title: `Benchmark draft (${paragraphs} paragraphs)`,
      style: "declaration",
      language: "en",
      initialState,
    });
    return { dataDir, documentId, initialState };
  } finally {
    db.close();
  }
}

/** Copies a fixture into a fresh directory, so every run starts from the same stored state. */
export function copyFixture(template: BenchFixture): BenchFixture {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-run-"));
  fs.copyFileSync(path.join(template.dataDir, "accord.sqlite"), path.join(dataDir, "accord.sqlite"));
  return { ...template, dataDir };
}

/** Deletes a fixture's directory. */
export function removeFixture(fixture: BenchFixture): void {
  fs.rmSync(fixture.dataDir, { recursive: true, force: true });
}
