import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import * as Y from "yjs";
import { seedDemo } from "../../server/demo/seed.js";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { CommentStore } from "../../server/storage/commentStore.js";
import { UserStore } from "../../server/storage/userStore.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { anchorQuote, blocksByPid, blockText } from "../../shared/comments/quoteAnchor.js";
import { newPid } from "../../shared/paragraphs/pid.js";
import { EDITOR_ACCOUNTS } from "./login.js";

/** A seeded data directory holding the benchmark document. */
export interface BenchFixture {
  dataDir: string;
  documentId: string;
  /** The document's stored Yjs state, which editors start from as if it were cached locally. */
  initialState: Uint8Array;
  /** The pids of its paragraphs (not the title), in order. */
  pids: string[];
  /** Comment threads stored on it. */
  threads: number;
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

/** The pids of a document's paragraphs, in order. */
function paragraphPids(state: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const pids = doc.getXmlFragment(CONTENT_FIELD).toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph")
    .map((node) => node.getAttribute("pid") as string);
  doc.destroy();
  return pids;
}

/**
 * Stores `count` comment threads on the document, written straight into
 * the store (no audit records, no rate): round-robin over the editor
 * accounts and the paragraphs; every third quotes the first three words of
 * its paragraph, every second has a reply. Bodies are 20 to 40 words.
 */
function seedThreads(db: ReturnType<typeof openDatabase>, documentId: string, state: Uint8Array, count: number): void {
  const users = new UserStore(db);
  const authors = EDITOR_ACCOUNTS.map((email) => {
    const user = users.findByEmail(email);
    if (!user) throw new Error(`no demo account ${email}`);
    return user.id;
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const blocks = [...blocksByPid(doc).values()].filter((el) => el.nodeName === "paragraph");
  const store = new CommentStore(db);
  const words = (seed: number, n: number) => Array.from({ length: n }, (_, i) => WORDS[(seed * 5 + i * 7) % WORDS.length]).join(" ");
  store.write(() => {
    for (let i = 0; i < count; i++) {
      const element = blocks[(i * 37) % blocks.length]!;
      let quote: { text: string; start: Uint8Array; end: Uint8Array } | null = null;
      if (i % 3 === 0) {
        const text = blockText(element).split(" ").slice(0, 3).join(" ");
        const anchored = anchorQuote(element, text, 0);
        if ("problem" in anchored) throw new Error(`cannot quote "${text}": ${anchored.problem}`);
        quote = { text, start: anchored.start, end: anchored.end };
      }
      const { threadId } = store.addThread({
        documentId, pid: element.getAttribute("pid") as string, authorId: authors[i % authors.length]!,
        body: `${words(i, 20 + (i % 21))}.`, quote,
      });
      if (i % 2 === 1) store.addReply(store.findThread(documentId, threadId)!, authors[(i + 1) % authors.length]!, `${words(i + 1, 25)}.`);
    }
  });
  doc.destroy();
}

/**
 * Seeds the demo accounts and a benchmark document of `paragraphs` paragraphs
 * into a new directory, with `threads` comment threads on it.
 */
export async function createFixture(paragraphs: number, threads = 0): Promise<BenchFixture> {
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
    if (threads > 0) seedThreads(db, documentId, initialState, threads);
    return { dataDir, documentId, initialState, pids: paragraphPids(initialState), threads };
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
