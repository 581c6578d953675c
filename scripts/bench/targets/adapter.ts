import * as encoding from "lib0/encoding";
import { ACCORD_SUBPROTOCOL } from "../../../shared/collab/messages.js";

/**
 * The servers `npm run bench -- --compare` drives with the same load
 * generator: Accord itself, Hocuspocus with its SQLite extension, and a
 * minimal relay that only fans updates out (the floor).
 */
export type TargetKind = "accord" | "hocuspocus" | "relay";

export const TARGET_KINDS: readonly TargetKind[] = ["accord", "hocuspocus", "relay"];

/** What a generator thread needs to know about the server it talks to (plain data, sent to workers). */
export interface TargetInfo {
  kind: TargetKind;
  /** The document's name as Hocuspocus frames carry it; the Accord document id otherwise. */
  documentName: string;
}

/**
 * How a target acknowledges an editor's changes. Accord: `Saved(count)`
 * once stored (fsync'd); Hocuspocus: one `SyncStatus` per applied sync
 * message (applied in memory, stored later on a debounce); the relay: none.
 */
export type AckMode = "saved" | "perMessage" | "none";

/** Hocuspocus's message type for its per-message acknowledgement (@hocuspocus/server types.ts). */
export const HOCUSPOCUS_SYNC_STATUS = 8;
/** Hocuspocus's top-level Auth message and its Token sub-type (@hocuspocus/common auth.ts). */
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_AUTH_TOKEN = 0;

/**
 * Every per-target difference of the wire protocol, in one place: how to
 * open a socket, what to send first, and how a y-websocket frame is wrapped
 * and unwrapped. Hocuspocus prefixes every message with the document name
 * (varString) and wants an Auth message before anything else; the others
 * speak plain y-websocket frames. The generator does the same work per
 * frame for all three: wrapping copies the frame once behind a constant
 * prefix; unwrapping takes a view past it.
 */
export class TargetAdapter {
  /** The varString document name Hocuspocus puts in front of every message; empty for the others. */
  readonly prefix: Uint8Array;
  readonly ackMode: AckMode;

  constructor(readonly info: TargetInfo) {
    if (info.kind === "hocuspocus") {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, info.documentName);
      this.prefix = encoding.toUint8Array(encoder);
    } else {
      this.prefix = new Uint8Array(0);
    }
    this.ackMode = info.kind === "accord" ? "saved" : info.kind === "hocuspocus" ? "perMessage" : "none";
  }

  /** Websocket subprotocols to offer: Accord's for its Saved acknowledgements, none elsewhere. */
  protocols(): string[] {
    return this.info.kind === "accord" ? [ACCORD_SUBPROTOCOL] : [];
  }

  /** Request headers: Accord checks the session cookie and the Origin; the others take anyone. */
  headers(cookie: string, origin: string): Record<string, string> {
    return this.info.kind === "accord" ? { cookie, origin } : {};
  }

  /** Frames to send as soon as the socket opens, before sync step 1 (Hocuspocus's auth with an empty token). */
  hello(): Uint8Array[] {
    if (this.info.kind !== "hocuspocus") return [];
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.prefix);
    encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH);
    encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH_TOKEN);
    encoding.writeVarString(encoder, "");
    return [encoding.toUint8Array(encoder)];
  }

  /** Wraps a y-websocket frame for the wire. */
  wrap(frame: Uint8Array): Uint8Array {
    if (this.prefix.length === 0) return frame;
    const out = new Uint8Array(this.prefix.length + frame.length);
    out.set(this.prefix, 0);
    out.set(frame, this.prefix.length);
    return out;
  }

  /** The y-websocket frame inside a message from the server (a view, no copy). */
  unwrap(data: Buffer): Buffer {
    return this.prefix.length === 0 ? data : data.subarray(this.prefix.length);
  }

  /** Bytes to reserve in front of a frame written in place (see frames.ts writeUpdate). */
  get headroom(): number {
    return this.prefix.length;
  }
}
