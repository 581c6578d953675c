import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { readCurrentParagraphRequest, readDelivery, type DeliveryMode } from "../../shared/collab/currentParagraph.js";
import { MessageType, SyncMessageType } from "../../shared/collab/messages.js";
import { describeDefect, readUpdateExactly, type DecodedUpdate } from "../../shared/collab/readUpdate.js";

export type { DecodedUpdate } from "../../shared/collab/readUpdate.js";

/** A decoded, validated message from a client. */
export type IncomingMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  /** Sync step 2 or update, decoded once for every later check; `empty` when it carries no structs and no deletions. */
  | { kind: "update"; update: Uint8Array; decoded: DecodedUpdate; empty: boolean; items: number }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" }
  /** The client asks for the document's authors (Accord's attribution view). */
  | { kind: "authorsRequest" }
  /** A facilitator moves the discussion to a paragraph (null clears it). */
  | { kind: "currentParagraph"; pid: string | null }
  /** The socket's delivery mode from now on. */
  | { kind: "delivery"; mode: DeliveryMode };

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
 * payload exactly: a Yjs update must be one whole V1 update and the frame
 * must end where its message does. Nothing undecodable, and no byte that was
 * not read, ever reaches the document, the log or another client.
 */
export function readIncomingMessage(frame: Uint8Array, limits: MessageLimits = { maxUpdateItems: Infinity }): IncomingMessage {
  let message: IncomingMessage;
  let decoder: decoding.Decoder;
  try {
    decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.Sync:
        message = readSync(decoder, limits);
        break;
      case MessageType.Awareness:
        message = { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.QueryAwareness:
        message = { kind: "queryAwareness" };
        break;
      case MessageType.Authors:
        message = { kind: "authorsRequest" };
        break;
      case MessageType.CurrentParagraph: {
        const request = readCurrentParagraphRequest(decoder);
        if (!request) throw new ProtocolError(CloseCode.MalformedMessage, "not a paragraph to discuss");
        message = { kind: "currentParagraph", pid: request.pid };
        break;
      }
      case MessageType.Delivery:
        message = { kind: "delivery", mode: readDelivery(decoder) };
        break;
      default:
        throw new ProtocolError(CloseCode.UnknownMessageType, `unknown message type ${type}`);
    }
  } catch (err) {
    if (err instanceof ProtocolError) throw err;
    throw new ProtocolError(CloseCode.MalformedMessage, (err as Error).message);
  }
  const unread = frame.length - decoder.pos;
  if (unread > 0) throw new ProtocolError(CloseCode.MalformedMessage, `message followed by ${unread} unread byte${unread === 1 ? "" : "s"}`);
  return message;
}

/** What one message may carry. */
export interface MessageLimits {
  /** Items (structs and deleted ranges) one update may hold: the work of applying and checking it grows with them. */
  maxUpdateItems: number;
}

function readSync(decoder: decoding.Decoder, limits: MessageLimits): IncomingMessage {
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
      refuseAnnouncedItems(update, limits.maxUpdateItems);
      const read = readUpdateExactly(update);
      if (!read.ok) {
        const code = read.defect.kind === "v2" ? CloseCode.UnsupportedEncoding : CloseCode.MalformedMessage;
        throw new ProtocolError(code, describeDefect(read.defect));
      }
      const { decoded } = read;
      let items = decoded.structs.length;
      decoded.ds.clients.forEach((ranges) => (items += ranges.length));
      if (items > limits.maxUpdateItems) {
        throw new ProtocolError(CloseCode.UpdateTooLarge,
          `The change holds ${items} items; one change may hold ${limits.maxUpdateItems}. Send it in parts.`);
      }
      return { kind: "update", update, decoded, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0, items };
    }
    default:
      throw new ProtocolError(CloseCode.MalformedMessage, `unknown sync message type ${subtype}`);
  }
}

/**
 * A V1 update begins with its number of clients and the first client's
 * number of structs: an update that announces more than the limit there is
 * refused before anything of it is decoded (decoding 100,000 items takes a
 * tenth of a second). The exact count is taken after decoding.
 */
function refuseAnnouncedItems(update: Uint8Array, maxItems: number): void {
  let clients: number;
  let structs = 0;
  try {
    const decoder = decoding.createDecoder(update);
    clients = decoding.readVarUint(decoder);
    if (clients > 0) structs = decoding.readVarUint(decoder);
  } catch {
    return; // what does not decode is reported by the exact read
  }
  const announced = Math.max(clients, structs);
  if (announced > maxItems) {
    throw new ProtocolError(CloseCode.UpdateTooLarge,
      `The change holds at least ${announced} items; one change may hold ${maxItems}. Send it in parts.`);
  }
}
