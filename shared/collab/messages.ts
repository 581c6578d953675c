import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { AuthorBinding, CarriedView, CommentsPayload, type AuthorsPayload } from "../../schemas/api.js";

/**
 * Top-level message types of the y-websocket protocol (a varUint first in
 * every binary frame), plus Accord's extensions. Stock y-websocket clients
 * only ever see the first four; the extensions are sent solely to sockets
 * that negotiated {@link ACCORD_SUBPROTOCOL}.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Server -> client: the first N document-changing messages of this socket are durably stored. */
  Saved: 100,
  /** Server -> client: a storage problem or its recovery, for the save indicator. */
  StorageStatus: 101,
  /**
   * Client -> server (no payload): send me the document's authors, and new
   * ones as they appear. Server -> client: authors with their client ids
   * (JSON of {@link AuthorsPayload}), all of them first, then additions.
   */
  Authors: 102,
  /**
   * Server -> client: comment threads as they now are (JSON of
   * {@link CommentsPayload}), sent to every socket of the room when one
   * changes; never sent by clients.
   */
  Comments: 103,
  /**
   * Server -> client: the paragraph under discussion (JSON of
   * CurrentParagraph, shared/collab/currentParagraph.ts), on join and when
   * it moves. Client -> server: a facilitator moves it (JSON of
   * CurrentParagraphRequest); from anyone else the socket is closed (4403).
   */
  CurrentParagraph: 104,
  /** Client -> server: how this socket wants updates, live or low-bandwidth (a varUint of DELIVERY_MODES). */
  Delivery: 105,
} as const;

/** Sub-types inside a Sync message (y-protocols/sync). */
export const SyncMessageType = { Step1: 0, Step2: 1, Update: 2 } as const;

/** Websocket subprotocol by which a client asks for save acknowledgements. */
export const ACCORD_SUBPROTOCOL = "accord.v1";

/** Encodes a Saved acknowledgement: `count` document-changing messages of this socket are stored. */
export function writeSaved(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Saved);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/** Storage state reported to clients: `failing` while writes fail, `ok` once they succeed again. */
export type StorageState = "ok" | "failing";

/** Encodes a StorageStatus message. */
export function writeStorageStatus(state: StorageState): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.StorageStatus);
  encoding.writeVarString(encoder, state);
  return encoding.toUint8Array(encoder);
}

/** Reads the payload of a StorageStatus message after its type. */
export function readStorageStatus(decoder: decoding.Decoder): StorageState {
  return decoding.readVarString(decoder) === "failing" ? "failing" : "ok";
}

/**
 * Whether a frame a client sends changes the document (sync step 2 or
 * update); these are the messages the server counts in Saved acknowledgements.
 */
export function isDocumentChange(frame: Uint8Array): boolean {
  return frame.length >= 2 && frame[0] === MessageType.Sync &&
    (frame[1] === SyncMessageType.Step2 || frame[1] === SyncMessageType.Update);
}

/** Encodes a client's request for the document's authors. */
export function writeAuthorsRequest(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Authors);
  return encoding.toUint8Array(encoder);
}

/** Encodes the server's Authors message. */
export function writeAuthors(authors: AuthorsPayload): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Authors);
  encoding.writeVarString(encoder, JSON.stringify(authors));
  return encoding.toUint8Array(encoder);
}

/**
 * Reads the payload of an Authors message after its type: its valid entries
 * (one bad entry does not hide the others), or null when it is not a payload.
 */
export function readAuthors(decoder: decoding.Decoder): AuthorsPayload | null {
  let payload: unknown;
  try {
    payload = JSON.parse(decoding.readVarString(decoder));
  } catch {
    return null;
  }
  if (typeof payload !== "object" || payload === null) return null;
  const { authors, carried } = payload as { authors?: unknown; carried?: unknown };
  if (!Array.isArray(authors) || !Array.isArray(carried)) return null;
  const valid = <T>(entries: unknown[], schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) =>
    entries.flatMap((entry) => {
      const parsed = schema.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    });
  return { authors: valid(authors, AuthorBinding), carried: valid(carried, CarriedView) };
}

/** Encodes the server's Comments message. */
export function writeComments(payload: CommentsPayload): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Comments);
  encoding.writeVarString(encoder, JSON.stringify(payload));
  return encoding.toUint8Array(encoder);
}

/** Reads the payload of a Comments message after its type, or null when it is not a valid payload. */
export function readComments(decoder: decoding.Decoder): CommentsPayload | null {
  try {
    const parsed = CommentsPayload.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
