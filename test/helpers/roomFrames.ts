import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { readCurrentParagraph, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { MessageType, SyncMessageType } from "../../shared/collab/messages.js";
import { syncFrame } from "./rawClient.js";

/** The type of a frame (its first varUint). */
export function typeOf(frame: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(frame));
}

/** Every paragraph-under-discussion message among `frames`, in order. */
export function discussionMessages(frames: Uint8Array[]): CurrentParagraph[] {
  return frames.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.CurrentParagraph) return [];
    const current = readCurrentParagraph(decoder);
    return current ? [current] : [];
  });
}

/** Sync update frames (type 0, subtype 2) among `frames`: what the room broadcast. */
export function updateFrames(frames: Uint8Array[]): Uint8Array[] {
  return frames.filter((frame) => {
    const decoder = decoding.createDecoder(frame);
    return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === SyncMessageType.Update;
  });
}

/** One entry of an awareness message as received. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** Every awareness entry among `frames`, in order. */
export function awarenessEntries(frames: Uint8Array[]): AwarenessEntry[] {
  return frames.flatMap((frame) => {
    const outer = decoding.createDecoder(frame);
    if (decoding.readVarUint(outer) !== MessageType.Awareness) return [];
    const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer));
    const entries: AwarenessEntry[] = [];
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null });
    }
    return entries;
  });
}

/** A sync step 1 from a client that has nothing: the server answers with the whole document. */
export function emptyStep1(): Uint8Array {
  return syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc()));
}
