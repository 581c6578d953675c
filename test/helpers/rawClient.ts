import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/collab/messages.js";

/** A raw protocol client: no provider, just frames, for probing the server's edges. */
export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  /** Resolves with the close code when the server closes the socket. */
  closed: Promise<number>;
  send(frame: Uint8Array): void;
}

/** Opens a websocket; rejects with the HTTP status when the upgrade is refused. */
export function openRaw(
  url: string,
  headers: Record<string, string>,
  protocols: string[] = [],
): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.binaryType = "nodebuffer";
    const frames: Uint8Array[] = [];
    const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
    ws.on("message", (data: Buffer) => frames.push(new Uint8Array(data)));
    ws.on("unexpected-response", (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.on("error", reject);
    ws.on("open", () => resolve({ ws, frames, closed, send: (frame) => ws.send(frame) }));
  });
}

/** Encodes a sync update frame. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return syncFrame(syncProtocol.messageYjsUpdate, update);
}

/** A sync frame of subtype `type` carrying `payload` as given (nothing checked). */
export function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Applies every sync payload among `frames` to a fresh doc, as a client would. */
export function docFromFrames(frames: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) continue;
    const sub = decoding.readVarUint(decoder);
    if (sub === 1 || sub === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc;
}

/** An awareness frame announcing several client ids at once. */
export function awarenessFrameOf(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MessageType.Awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** An awareness frame announcing one client id. */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  return awarenessFrameOf([{ clientId, clock, state }]);
}

/** The count of the last Saved acknowledgement among `frames` (0 if none). */
export function lastSaved(frames: Uint8Array[]): number {
  for (let i = frames.length - 1; i >= 0; i--) {
    const decoder = decoding.createDecoder(frames[i]!);
    if (decoding.readVarUint(decoder) === MessageType.Saved) return decoding.readVarUint(decoder);
  }
  return 0;
}
