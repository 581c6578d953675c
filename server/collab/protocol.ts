import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MessageType, SyncMessageType } from "../../shared/collab/messages.js";

/** A Yjs update's structs and delete set, as `Y.decodeUpdate` reads them. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** A decoded, validated message from a client. */
export type IncomingMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  /** Sync step 2 or update, decoded once for every later check; `empty` when it carries no structs and no deletions. */
  | { kind: "update"; update: Uint8Array; decoded: DecodedUpdate; empty: boolean }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" }
  /** The client asks for the document's authors (Accord's attribution view). */
  | { kind: "authorsRequest" };

/** A message the server refuses, with the close code to send. */
export class ProtocolError extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes one binary frame of the y-websocket protocol and validates its
 * payload (a Yjs update must decode completely), so nothing undecodable ever
 * reaches the document, the log or another client.
 */
export function readIncomingMessage(frame: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        return readSync(decoder);
      case MessageType.Awareness:
        return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
      case MessageType.QueryAwareness:
        return { kind: "queryAwareness" };
      case MessageType.Authors:
        return { kind: "authorsRequest" };
      default:
        throw new ProtocolError(CloseCode.UnknownMessageType, `unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(CloseCode.MalformedMessage, (err as Error).message);
  }
}

function readSync(decoder: decoding.Decoder): IncomingMessage {
  const subtype = decoding.readVarUint(decoder);
  switch (subtype) {
    case SyncMessageType.Step1: {
      const stateVector = decoding.readVarUint8Array(decoder);
      Y.decodeStateVector(stateVector);
      return { kind: "syncStep1", stateVector };
    }
    case SyncMessageType.Step2:
    case SyncMessageType.Update: {
      const update = decoding.readVarUint8Array(decoder);
      const decoded = Y.decodeUpdate(update);
      return { kind: "update", update, decoded, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
    }
    default:
      throw new ProtocolError(CloseCode.MalformedMessage, `unknown sync message type ${subtype}`);
  }
}
