import * as ws from "ws";

/** `ws`'s own framing (`Sender.frame`, public in `ws` but absent from its type declarations). */
const { Sender } = ws as unknown as {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
};

const BINARY = 2;

/** Payloads up to this size are copied behind their header, to be written in one piece; larger ones are not copied. */
const JOIN_BELOW_BYTES = 64 * 1024;

/**
 * A binary message as a server puts it on the wire: one final, unmasked
 * frame without extension bits. Framed by `ws` itself; valid only on a
 * socket that negotiated no extension (the server offers none: see
 * startAccord.ts), where `ws` would send the very same bytes. A small
 * message comes as one buffer, header and payload together, for one write;
 * a large one as its header and the payload itself, uncopied.
 */
export function wireFrame(payload: Uint8Array): Buffer[] {
  const data = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const parts = Sender.frame(data, { fin: true, opcode: BINARY, mask: false, readOnly: true, rsv1: false });
  return data.length <= JOIN_BELOW_BYTES ? [Buffer.concat(parts)] : parts;
}

/**
 * A message sent to many sockets: framed once, at its first write to a
 * socket that takes frames, and the same bytes written to all of them (a
 * tick's update to three thousand observers costs one framing, not three
 * thousand headers and copies).
 */
export class SharedFrame {
  private framed: Buffer[] | null = null;

  constructor(readonly payload: Uint8Array) {}

  get wire(): Buffer[] {
    return (this.framed ??= wireFrame(this.payload));
  }
}

/** Where a connection writes framed bytes: the network socket under the websocket. */
export interface WireStream {
  write(chunk: Uint8Array): boolean;
  cork(): void;
  uncork(): void;
}

/** Writes a message's frame to `stream`, a frame in two parts as one write. */
export function writeFrame(stream: WireStream, parts: readonly Buffer[]): void {
  if (parts.length === 1) {
    stream.write(parts[0]!);
    return;
  }
  stream.cork();
  for (const part of parts) stream.write(part);
  stream.uncork();
}
