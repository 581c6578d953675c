import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType, SyncMessageType } from "../../shared/collab/messages.js";
import { HOCUSPOCUS_SYNC_STATUS } from "./targets/adapter.js";

/** A frame from the server, decoded as far as a benchmark client needs. */
export type ServerFrame =
  | { kind: "step1"; stateVector: Uint8Array }
  /** Sync step 2 (answer to our step 1) or a broadcast update; `payload` is a Yjs update. */
  | { kind: "step2" | "update"; payload: Uint8Array }
  /** The first `count` document changes of this socket are stored. */
  | { kind: "saved"; count: number }
  /** Hocuspocus: the next document change of this socket was applied (a SyncStatus message). */
  | { kind: "ackOne" }
  | { kind: "other" };

function syncFrame(subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: "here is what I have" (a state vector). */
export function writeStep1(stateVector: Uint8Array): Uint8Array {
  return syncFrame(SyncMessageType.Step1, stateVector);
}

/** Sync step 2: the update the other side is missing. */
export function writeStep2(update: Uint8Array): Uint8Array {
  return syncFrame(SyncMessageType.Step2, update);
}

const NO_PREFIX = new Uint8Array(0);

/**
 * A sync update frame carrying one local change, behind `prefix` (a
 * target's framing, see targets/adapter.ts); written by hand, as it is on
 * the typing hot path.
 */
export function writeUpdate(update: Uint8Array, prefix: Uint8Array = NO_PREFIX): Uint8Array {
  let lengthBytes = 1;
  for (let n = update.length; n > 0x7f; n >>>= 7) lengthBytes += 1;
  const frame = new Uint8Array(prefix.length + 2 + lengthBytes + update.length);
  frame.set(prefix, 0);
  frame[prefix.length] = MessageType.Sync;
  frame[prefix.length + 1] = SyncMessageType.Update;
  let offset = prefix.length + 2;
  let n = update.length;
  while (n > 0x7f) {
    frame[offset++] = 0x80 | (n & 0x7f);
    n >>>= 7;
  }
  frame[offset++] = n;
  frame.set(update, offset);
  return frame;
}

/** Whether a frame is sync step 1, by its first two bytes only (no decoding). */
export function isStep1(frame: Uint8Array): boolean {
  return frame[0] === MessageType.Sync && frame[1] === SyncMessageType.Step1;
}

/** Whether a frame is sync step 2, by its first two bytes only. */
export function isStep2(frame: Uint8Array): boolean {
  return frame[0] === MessageType.Sync && frame[1] === SyncMessageType.Step2;
}

/** Whether a frame is a broadcast sync update, by its first two bytes only. */
export function isUpdate(frame: Uint8Array): boolean {
  return frame[0] === MessageType.Sync && frame[1] === SyncMessageType.Update;
}

/** The Yjs update inside a sync step 2 or update frame. */
export function readSyncPayload(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/** Decodes a server frame's type and payload. */
export function readServerFrame(frame: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.Saved) return { kind: "saved", count: decoding.readVarUint(decoder) };
  if (type === HOCUSPOCUS_SYNC_STATUS) return decoding.readVarUint(decoder) === 1 ? { kind: "ackOne" } : { kind: "other" };
  if (type !== MessageType.Sync) return { kind: "other" };
  const subtype = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (subtype) {
    case SyncMessageType.Step1:
      return { kind: "step1", stateVector: payload };
    case SyncMessageType.Step2:
      return { kind: "step2", payload };
    case SyncMessageType.Update:
      return { kind: "update", payload };
    default:
      return { kind: "other" };
  }
}
