import type { Logger } from "pino";
import type * as Y from "yjs";
import type { RoomRegistry } from "../collab/rooms.js";
import type { DocumentStore } from "../storage/documentStore.js";
import { openStoredDocument } from "./openDocument.js";

/**
 * The current Yjs state of a document for reading on the server: the live
 * room's document when it is loaded, otherwise rebuilt from storage (setting
 * damaged log rows aside as a room would). The caller must not modify it.
 */
export function readDocument(documents: DocumentStore, rooms: RoomRegistry, documentId: string, log: Logger): Y.Doc {
  const room = rooms.get(documentId);
  if (room) return room.doc;
  return openStoredDocument(documents, documentId, log).doc;
}
