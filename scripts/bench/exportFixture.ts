import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import * as Y from "yjs";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { seedDemo } from "../../server/demo/seed.js";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { UserStore } from "../../server/storage/userStore.js";
import { BRACKET_MARK } from "../../shared/brackets/fromDelta.js";
import { listBrackets } from "../../shared/brackets/tokens.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { contentOf, readBlock } from "../../shared/document/yBlocks.js";
import { newPid } from "../../shared/paragraphs/pid.js";

/** A seeded data directory holding the export benchmark document. */
export interface ExportFixture {
  dataDir: string;
  documentId: string;
  paragraphs: number;
  /** Brackets in the stored document, counted by reading it back as the exports do. */
  brackets: number;
}

const WORDS = ("recognizing the importance of inclusive multistakeholder cooperation in digital development " +
  "we reaffirm our commitment to bridging digital divides and to a people-centred information society " +
  "encourage member states and all stakeholders to strengthen capacity building and financing mechanisms").split(" ");

/** The same deterministic paragraph words as fixture.ts's benchmark document. */
function words(index: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[(index * 7 + i * 3) % WORDS.length]!);
  return out;
}

const PLACERS = [
  { userId: "u-arcadia", name: "Elena Marek", delegation: "arcadia" },
  { userId: "u-borealia", name: "Tomas Halvorsen", delegation: "borealia" },
  { userId: "u-civil", name: "Amara Diallo", delegation: "civil" },
];

/**
 * The benchmark document of fixture.ts (a title and `paragraphs` open
 * paragraphs of 40 words) with `brackets` brackets: paragraph i gets none
 * when i % 4 == 3; of the others, every tenth holds a pair of alternatives
 * (two brackets, words 6-8 or 9-11) and the rest one plain bracket around
 * words 6-13; filled in order until `brackets` are placed. Stored as the
 * editor stores marks: a `bracket` format attribute on the text.
 */
export function bracketedDocument(paragraphs: number, brackets: number): Uint8Array {
  const doc = new Y.Doc();
  const blocks: Y.XmlElement[] = [];
  const element = (name: string, attrs: Record<string, unknown>) => {
    const el = new Y.XmlElement(name);
    for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
    return el;
  };
  const title = element("title", { pid: newPid() });
  title.insert(0, [new Y.XmlText("Export benchmark draft")]);
  blocks.push(title);
  const texts: { text: Y.XmlText; ops: { insert: string; attributes?: Record<string, unknown> }[] }[] = [];
  let placed = 0;
  let n = 0;
  for (let i = 0; i < paragraphs; i++) {
    const all = words(i, 40);
    const text = new Y.XmlText();
    const el = element("paragraph", { pid: newPid(), status: "open", level: 1 });
    el.insert(0, [text]);
    blocks.push(el);
    const attrs = (alt: string | null): BracketAttrs => {
      const p = PLACERS[n % PLACERS.length]!;
      return { id: `b${++n}`, alt, ...p, group: null, at: "2026-11-30T00:00:00.000Z" };
    };
    const span = (a: number, b: number) => `${all.slice(a, b).join(" ")}`;
    let ops: { insert: string; attributes?: Record<string, unknown> }[];
    if (i % 4 === 3 || placed >= brackets) {
      ops = [{ insert: `${all.join(" ")}.` }];
    } else if (i % 40 === 0 && placed + 2 <= brackets) {
      const alt = `alt${i}`;
      ops = [
        { insert: `${span(0, 6)} ` },
        { insert: span(6, 9), attributes: { [BRACKET_MARK]: attrs(alt) } },
        { insert: span(9, 12), attributes: { [BRACKET_MARK]: attrs(alt) } },
        { insert: ` ${span(12, 40)}.` },
      ];
      placed += 2;
    } else {
      ops = [
        { insert: `${span(0, 6)} ` },
        { insert: span(6, 14), attributes: { [BRACKET_MARK]: attrs(null) } },
        { insert: ` ${span(14, 40)}.` },
      ];
      placed += 1;
    }
    texts.push({ text, ops });
  }
  doc.getXmlFragment(CONTENT_FIELD).insert(0, blocks);
  doc.transact(() => {
    for (const { text, ops } of texts) text.applyDelta(ops);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** Counts the brackets of a stored state as the exports read them. */
export function countBrackets(state: Uint8Array): { paragraphs: number; brackets: number } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  let paragraphs = 0;
  let brackets = 0;
  for (const node of contentOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const block = readBlock(node);
    if (!block || block.kind !== "paragraph") continue;
    paragraphs++;
    brackets += listBrackets(block.runs).length;
  }
  doc.destroy();
  return { paragraphs, brackets };
}

/** Seeds the demo accounts and a bracketed benchmark document into a new directory. */
export async function createExportFixture(paragraphs: number, brackets: number): Promise<ExportFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-bench-export-"));
  const db = openDatabase(dataDir);
  try {
    const documents = new DocumentStore(db);
    await seedDemo(db, new UserStore(db), documents, pino({ level: "silent" }));
    const processId = documents.addProcess("Export benchmark process");
    const initialState = bracketedDocument(paragraphs, brackets);
    const counted = countBrackets(initialState);
    const documentId = documents.addDocument({
      processId,
      title: `Export benchmark draft (${paragraphs} paragraphs, ${counted.brackets} brackets)`,
      style: "declaration",
      language: "en",
      initialState,
    });
    return { dataDir, documentId, paragraphs: counted.paragraphs, brackets: counted.brackets };
  } finally {
    db.close();
  }
}
