import { afterEach, beforeEach, expect, it } from "vitest";
import * as Y from "yjs";
import { DocumentStore } from "../../server/storage/documentStore.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { insertBareText, setAttribute, topLevelTexts } from "../helpers/unshownContent.js";

let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

function stored(documentId: string): Y.Doc {
  const { state, updates } = new DocumentStore(server.accord.db).load(documentId);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  for (const update of updates) Y.applyUpdate(doc, update.data);
  return doc;
}

it("issuing a revision drops the paragraphs marked deleted and no other entry, when a bare text stands at the top", async () => {
  const chair = await server.login("chair@demo.accord");
  const documentId = await server.documentId(chair, "Vision");
  const doc = stored(documentId);
  const before = Y.encodeStateVector(doc);
  const nodes = contentOf(doc).toArray();
  const deleted = nodes.findIndex((node) => node instanceof Y.XmlElement && node.nodeName === "paragraph");
  doc.transact(() => {
    setAttribute(doc, deleted, "status", "deleted");
    insertBareText(doc, 1, "Loose words");
  });
  new DocumentStore(server.accord.db).append(documentId, [{ data: Y.encodeStateAsUpdate(doc, before), userId: null }]);
  const expected = topLevelTexts(doc).filter((_, i) => i !== deleted + 1);

  const response = await fetch(`${server.url}/api/documents/${documentId}/revisions`, {
    method: "POST",
    headers: { cookie: chair, "content-type": "application/json" },
    body: "{}",
  });
  expect(response.status).toBe(201);
  server = await server.restart();
  expect(topLevelTexts(stored(documentId))).toEqual(expected);
});
