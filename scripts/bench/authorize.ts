import { getSchema } from "@tiptap/core";
import { EditorState } from "@tiptap/pm/state";
import { yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { pino } from "pino";
import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import { RoomDocument } from "../../server/collab/RoomDocument.js";
import { openDatabase } from "../../server/storage/database.js";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { previewUndo, undoViolation } from "../../client/editor/model/undoPreview.js";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import { createFixture, removeFixture } from "./fixture.js";

/**
 * `npm run bench:authorize`: what the authorize step costs a room, in
 * process, on the benchmark document (400 paragraphs) as created and after
 * 25,000 typing edits: an accepted keystroke (tried, checked, committed), a
 * refused update rolled back with the standby ready, and a second refusal in
 * the same turn (which reads storage); and, in the browser, what judging an
 * undo before sending it costs (run on a copy of the document, then checked).
 * Medians over repeated runs.
 */
const PARAGRAPHS = 400;
const HISTORY_EDITS = 25_000;
const RUNS = 200;

const delegate = { id: "u-bench", email: "bench@x", displayName: "Bench", role: "delegate", delegation: null } as UserView;
const nobody = { authorOf: () => null, ownerOf: () => null };
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A window's copy of the document, making edits as updates. */
class Window {
  readonly doc = new Y.Doc();
  private last: Uint8Array | null = null;
  constructor(state: Uint8Array, clientId: number) {
    this.doc.clientID = clientId;
    Y.applyUpdate(this.doc, state);
    this.doc.on("update", (u: Uint8Array) => (this.last = u));
  }
  edit(change: (fragment: Y.XmlFragment) => void): Uint8Array {
    change(this.doc.getXmlFragment(CONTENT_FIELD));
    return this.last!;
  }
}

const paragraph = (fragment: Y.XmlFragment, i: number) => fragment.get(1 + (i % PARAGRAPHS)) as Y.XmlElement;
const textOf = (fragment: Y.XmlFragment, i: number) => paragraph(fragment, i).get(0) as Y.XmlText;

async function measure(label: string, document: RoomDocument, store: DocumentStore, firstClientId: number): Promise<void> {
  const window = new Window(Y.encodeStateAsUpdate(document.accepted), firstClientId);
  const type = (i: number) => {
    const update = window.edit((f) => textOf(f, i * 13).insert(5, "x"));
    const t = performance.now();
    const verdict = document.tryUpdate(update, Y.decodeUpdate(update), delegate, nobody);
    if (!verdict.ok) throw new Error(`typing refused: ${verdict.refusal.reason}`);
    document.commit();
    const elapsed = performance.now() - t;
    store.append(document.documentId, [{ data: verdict.applied!, userId: null }]);
    return elapsed;
  };
  const refuse = (i: number) => {
    const forbidden = new Window(Y.encodeStateAsUpdate(document.accepted), firstClientId + 1 + i)
      .edit((f) => paragraph(f, i * 7).setAttribute("status", "agreed"));
    const t = performance.now();
    if (document.tryUpdate(forbidden, Y.decodeUpdate(forbidden), delegate, nobody).ok) throw new Error("status change accepted");
    return performance.now() - t;
  };
  const accepted: number[] = [];
  for (let i = 0; i < RUNS * 10; i++) accepted.push(type(i));
  const refused: number[] = [];
  const twice: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await nextTurn(); // the standby is copied again after each rollback
    type(i);
    refused.push(refuse(i));
    if (i % 10 === 0) twice.push(refuse(i + 1));
  }
  const size = Y.encodeStateAsUpdate(document.accepted).length;
  console.log(`${label} (state ${Math.round(size / 1024)} KiB)`);
  console.log(`  accepted keystroke (try + commit)           median ${median(accepted.slice(RUNS)).toFixed(3)} ms`);
  console.log(`  refused update, rolled back (standby ready) median ${median(refused).toFixed(3)} ms`);
  console.log(`  second refusal in the same turn (storage)   median ${median(twice).toFixed(3)} ms`);
  console.log(`  undo judged in the browser (copy, undo, check) median ${median(undoPreviews(document.accepted)).toFixed(3)} ms`);
}

const schema = getSchema(documentExtensions);

/** A browser's undo manager over the document, one typing step on its stack, previewed and judged repeatedly. */
function undoPreviews(accepted: Y.Doc): number[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(accepted));
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const manager = new Y.UndoManager(fragment, { trackedOrigins: new Set(["me"]) });
  doc.transact(() => textOf(fragment, 5).insert(3, "typed "), "me");
  const state = EditorState.create({ doc: yXmlFragmentToProseMirrorRootNode(fragment, schema) });
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    const preview = previewUndo(doc, CONTENT_FIELD, manager, "undo", schema);
    if (!preview || undoViolation(state, preview.doc, delegate) !== null) throw new Error("the undo was not previewed as allowed");
    times.push(performance.now() - t);
  }
  manager.destroy();
  doc.destroy();
  return times;
}

const fixture = await createFixture(PARAGRAPHS);
const db = openDatabase(fixture.dataDir);
const store = new DocumentStore(db);
const log = pino({ level: "silent" });
try {
  const fresh = new RoomDocument(fixture.documentId, store, { style: "declaration", language: "en" }, log);
  await measure(`${PARAGRAPHS} paragraphs as created`, fresh, store, 10_000);
  fresh.destroy();

  // The same document after a long day: typing stored and compacted.
  const typist = new Window(fixture.initialState, 777);
  const history: Uint8Array[] = [];
  for (let i = 0; i < HISTORY_EDITS; i++) history.push(typist.edit((f) => textOf(f, i * 31).insert(i % 40, i % 5 === 0 ? " " : "a")));
  store.append(fixture.documentId, [{ data: Y.mergeUpdates(history), userId: null }]);
  const edited = new RoomDocument(fixture.documentId, store, { style: "declaration", language: "en" }, log);
  await measure(`${PARAGRAPHS} paragraphs after ${HISTORY_EDITS.toLocaleString("en")} edits`, edited, store, 20_000);
  edited.destroy();
} finally {
  db.close();
  removeFixture(fixture);
}
