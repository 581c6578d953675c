import * as Y from "yjs";
import type { RoomRegistry } from "../collab/rooms.js";
import type { DocumentStore } from "../storage/documentStore.js";

/**
 * The current Yjs state of a document for reading on the server: the live
 * room's document when it is loaded, otherwise rebuilt from storage. The
 * caller must not modify it.
 */
export function readDocument(documents: DocumentStore, rooms: RoomRegistry, documentId: string): Y.Doc {
  const room = rooms.get(documentId);
  if (room) return room.doc;
  const doc = new Y.Doc();
  const stored = documents.load(documentId);
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const row of stored.updates) Y.applyUpdate(doc, row.data);
  return doc;
}
