import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import { RoomDocument } from "../../server/collab/RoomDocument.js";
import { openDatabase, type Db } from "../../server/storage/database.js";
import { DocumentStore, type StoredDocument } from "../../server/storage/documentStore.js";
import { readBlocks } from "../../shared/document/yBlocks.js";
import { fragmentText } from "../helpers/yClient.js";
import { freshDataDir } from "../helpers/testServer.js";
import { elementAt, findParagraph } from "../helpers/yDocEdits.js";

const delegate = { id: "u-d", email: "d@x", displayName: "Delegate", role: "delegate", delegation: null } as UserView;
const chair = { id: "u-c", email: "c@x", displayName: "Chair", role: "facilitator", delegation: null } as UserView;
const nobody = { authorOf: () => null, ownerOf: () => null };
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The update `change` makes to a window's copy of the document. */
function edit(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  let update: Uint8Array | null = null;
  copy.on("update", (u: Uint8Array) => (update = u));
  change(copy);
  return update!;
}

describe("a room's document rolls a refused update back without reading storage", () => {
  let db: Db;
  let store: DocumentStore;
  let loads: number;
  let document: RoomDocument;

  beforeEach(() => {
    db = openDatabase(freshDataDir());
    store = new DocumentStore(db);
    loads = 0;
    const load = store.load.bind(store);
    store.load = (id: string): StoredDocument => {
      loads += 1;
      return load(id);
    };
    const id = store.list().find((d) => d.title.includes("Declaration"))!.id;
    document = new RoomDocument(id, store, { style: "declaration", language: "en" }, pino({ level: "silent" }));
  });
  afterEach(() => {
    document.destroy();
    db.close();
  });

  const tryAs = (user: UserView, change: (doc: Y.Doc) => void) => {
    const update = edit(document.accepted, change);
    return document.tryUpdate(update, Y.decodeUpdate(update), user, nobody);
  };
  const openIndex = (doc: Y.Doc) => findParagraph(doc, (b) => b.status === "open" && b.runs.every((r) => r.brackets.length === 0));

  it("keeps the batch's accepted updates, drops the refused one, and reads storage once, at load", async () => {
    await nextTurn(); // the standby is copied after the load
    const index = openIndex(document.accepted);
    expect(tryAs(delegate, (doc) => elementAt(doc, index).text.insert(0, "FIRST ")).ok).toBe(true);
    const refused = tryAs(delegate, (doc) => elementAt(doc, index).element.setAttribute("status", "agreed"));
    expect(refused.ok).toBe(false);
    expect(tryAs(delegate, (doc) => elementAt(doc, index).text.insert(0, "THIRD ")).ok).toBe(true);
    document.commit();
    expect(fragmentText(document.accepted)).toContain("THIRD FIRST ");
    expect(readBlocks(document.accepted).find((b) => b.runs.some((r) => r.text.startsWith("THIRD")))!.status).toBe("open");
    expect(loads).toBe(1);
  });

  it("still knows every paragraph's state after a rollback: an agreed one stays frozen, an open one editable", async () => {
    const index = openIndex(document.accepted);
    expect(tryAs(chair, (doc) => elementAt(doc, index).element.setAttribute("status", "agreed")).ok).toBe(true);
    document.commit();
    await nextTurn();
    expect(tryAs(delegate, (doc) => doc.getMap("other").set("x", 1)).ok).toBe(false);
    await nextTurn(); // a new standby is copied after each rollback
    expect(tryAs(delegate, (doc) => elementAt(doc, index).text.insert(0, "sneaked ")).ok).toBe(false);
    expect(tryAs(delegate, (doc) => elementAt(doc, index + 1).text.insert(0, "open words ")).ok).toBe(true);
    document.commit();
    expect(fragmentText(document.accepted)).not.toContain("sneaked");
    expect(fragmentText(document.accepted)).toContain("open words ");
    expect(loads).toBe(1);
  });

  it("rolls back to a standby that took every batch stored since it was copied", async () => {
    await nextTurn();
    const index = openIndex(document.accepted);
    for (let i = 0; i < 5; i++) {
      expect(tryAs(delegate, (doc) => elementAt(doc, index).text.insert(0, `w${i} `)).ok).toBe(true);
      document.commit();
    }
    expect(tryAs(delegate, (doc) => elementAt(doc, index).element.setAttribute("level", 2 as unknown as string)).ok).toBe(false);
    expect(fragmentText(document.accepted)).toContain("w4 w3 w2 w1 w0 ");
    expect(loads).toBe(1);
  });

  it("reads storage only for a second rollback before the standby is copied again", () => {
    const index = openIndex(document.accepted);
    // No turn has passed since the load: there is no standby yet.
    expect(tryAs(delegate, (doc) => elementAt(doc, index).element.setAttribute("status", "agreed")).ok).toBe(false);
    expect(loads).toBe(2);
    expect(tryAs(delegate, (doc) => elementAt(doc, index).text.insert(0, "kept ")).ok).toBe(true);
    document.commit();
    expect(fragmentText(document.accepted)).toContain("kept ");
  });

  it("goes back to what is stored when a batch cannot be stored", async () => {
    await nextTurn();
    const before = fragmentText(document.accepted);
    const index = openIndex(document.accepted);
    expect(tryAs(delegate, (doc) => elementAt(doc, index).text.insert(0, "unstored ")).ok).toBe(true);
    document.abandon();
    expect(fragmentText(document.accepted)).toBe(before);
    expect(loads).toBe(1);
  });
});
