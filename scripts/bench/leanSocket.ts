import { createHash, randomBytes, randomFillSync } from "node:crypto";
import net from "node:net";

/**
 * A websocket client (RFC 6455) for the load generator's counting
 * observers, made to cost the generator as little as possible per frame:
 * one `net` socket reading into a buffer shared by every socket of the
 * thread (no Buffer, stream or event per read), frames parsed in place, and
 * a message's payload copied only when its first bytes say it is wanted.
 * A counting observer skips every broadcast update after looking at its
 * first two bytes. `pause()` stops reading from the kernel (not only
 * emitting, as a stream's pause does), so a paused socket costs nothing
 * until resumed, and then reads what arrived meanwhile in one go.
 */
export interface LeanSocketHandlers {
  /** The server accepted the upgrade. */
  onOpen(): void;
  /**
   * A message (binary or text) is starting: `head` holds its first bytes
   * (at most `peekBytes`, fewer only when the message is shorter). True
   * keeps its payload for {@link onMessage}.
   */
  wants(head: Buffer): boolean;
  /** A message ended: its length, and its payload when {@link wants} asked for it. */
  onMessage(length: number, payload: Buffer | null): void;
  /** The socket is closed (the server's close code, 1006 when there was none) or failed. */
  onClose(code: number, reason: string): void;
}

export interface LeanSocketOptions {
  url: string;
  protocols: string[];
  headers: Record<string, string>;
  /** How many first bytes of each message `wants` is shown. */
  peekBytes: number;
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const MAX_HANDSHAKE_BYTES = 16 * 1024;

const enum Opcode {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xa,
}

const enum State {
  Handshake,
  Header,
  Payload,
  Closed,
}

export class LeanSocket {
  private readonly socket: net.Socket;
  private readonly key = randomBytes(16).toString("base64");
  private state = State.Handshake;
  private handshake: Buffer[] = [];
  private handshakeBytes = 0;
  // The frame being read.
  private readonly header = Buffer.alloc(14);
  private headerHave = 0;
  private opcode = 0;
  private fin = false;
  private remaining = 0;
  // The message being read (data frames, possibly fragmented) and the control frame being read.
  private messageLength = 0;
  private readonly head: Buffer;
  private headHave = 0;
  private decided = false;
  private keep = false;
  private kept: Buffer[] = [];
  private control: Buffer[] = [];
  private closeSent = false;

  constructor(
    private readonly options: LeanSocketOptions,
    private readonly handlers: LeanSocketHandlers,
  ) {
    this.head = Buffer.alloc(options.peekBytes);
    const url = new URL(options.url);
    this.socket = net.connect({
      host: url.hostname,
      port: Number(url.port || 80),
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buffer: Uint8Array) => {
          this.onRead(buffer as Buffer, n);
          return true;
        },
      },
    });
    this.socket.on("connect", () => this.socket.write(this.request(url)));
    this.socket.on("error", (err) => this.finish(1006, err.message));
    this.socket.on("close", () => this.finish(1006, "connection lost"));
  }

  /** Sends one binary message, masked as a client must. */
  send(data: Uint8Array): void {
    if (this.state !== State.Header && this.state !== State.Payload) return;
    if (this.closeSent) return;
    this.socket.write(frame(Opcode.Binary, data));
  }

  /** Stops reading from the kernel until {@link resume}; what arrives meanwhile waits in the socket's receive buffer. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  /** Starts the closing handshake (1000); the socket ends when the server answers. */
  close(): void {
    if (this.state === State.Closed || this.closeSent) return;
    if (this.state === State.Handshake) {
      this.fail("closed before the upgrade");
      return;
    }
    this.closeSent = true;
    const code = Buffer.alloc(2);
    code.writeUInt16BE(1000);
    this.socket.resume();
    this.socket.write(frame(Opcode.Close, code));
    this.socket.end();
  }

  private request(url: URL): string {
    const lines = [
      `GET ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${this.key}`,
      "Sec-WebSocket-Version: 13",
    ];
    if (this.options.protocols.length > 0) lines.push(`Sec-WebSocket-Protocol: ${this.options.protocols.join(", ")}`);
    for (const [name, value] of Object.entries(this.options.headers)) lines.push(`${name}: ${value}`);
    return `${lines.join("\r\n")}\r\n\r\n`;
  }

  private onRead(buffer: Buffer, n: number): void {
    let offset = 0;
    if (this.state === State.Handshake) {
      offset = this.readHandshake(buffer, n);
      if (offset < 0) return;
    }
    while (offset < n && this.state !== State.Closed) {
      offset = this.state === State.Header ? this.readHeader(buffer, offset, n) : this.readPayload(buffer, offset, n);
    }
  }

  /** Reads the server's answer to the upgrade; the offset where frames begin, or -1 while it is incomplete. */
  private readHandshake(buffer: Buffer, n: number): number {
    // The answer's bytes before this read held no blank line, so whatever follows it lies in this read.
    this.handshake.push(Buffer.from(buffer.subarray(0, n)));
    this.handshakeBytes += n;
    const all = Buffer.concat(this.handshake);
    const end = all.indexOf("\r\n\r\n");
    if (end < 0) {
      if (this.handshakeBytes > MAX_HANDSHAKE_BYTES) this.fail("upgrade answer too long");
      return -1;
    }
    this.handshake = [];
    const lines = all.subarray(0, end).toString("latin1").split("\r\n");
    const status = /^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? "")?.[1];
    if (status !== "101") {
      this.fail(`upgrade refused with ${status ?? "no status"}`);
      return -1;
    }
    const accept = lines.find((line) => /^sec-websocket-accept:/i.test(line))?.split(":")[1]?.trim();
    if (accept !== createHash("sha1").update(this.key + GUID).digest("base64")) {
      this.fail("wrong Sec-WebSocket-Accept");
      return -1;
    }
    this.state = State.Header;
    this.handlers.onOpen();
    // Frames that came in the same read as the answer: they are this read's last bytes.
    return n - (all.length - (end + 4));
  }

  private readHeader(buffer: Buffer, offset: number, n: number): number {
    // Gather the two fixed bytes, then the extended length they announce.
    let need = this.headerHave < 2 ? 2 : headerLength(this.header);
    while (this.headerHave < need && offset < n) {
      this.header[this.headerHave++] = buffer[offset++]!;
      if (this.headerHave === 2) need = headerLength(this.header);
    }
    if (this.headerHave < need) return offset;
    const b0 = this.header[0]!;
    const b1 = this.header[1]!;
    if (b1 & 0x80) return this.protocolError("masked frame from the server");
    // No extension is negotiated, so no reserved bit may be set (RFC 6455, 5.2).
    if (b0 & 0x70) return this.protocolError("reserved bits set, no extension negotiated");
    this.fin = (b0 & 0x80) !== 0;
    this.opcode = b0 & 0x0f;
    const short = b1 & 0x7f;
    const length = short === 126 ? this.header.readUInt16BE(2) : short === 127 ? Number(this.header.readBigUInt64BE(2)) : short;
    this.headerHave = 0;
    this.remaining = length;
    if (this.opcode === Opcode.Text || this.opcode === Opcode.Binary) {
      this.messageLength = 0;
      this.headHave = 0;
      this.decided = false;
      this.keep = false;
      this.kept = [];
    } else if (this.opcode === Opcode.Close || this.opcode === Opcode.Ping || this.opcode === Opcode.Pong) {
      if (!this.fin || length > 125) return this.protocolError("bad control frame");
      this.control = [];
    } else if (this.opcode !== Opcode.Continuation) {
      return this.protocolError(`unknown opcode ${this.opcode}`);
    }
    this.state = State.Payload;
    if (length === 0) this.endFrame();
    return offset;
  }

  private readPayload(buffer: Buffer, offset: number, n: number): number {
    const take = Math.min(this.remaining, n - offset);
    const bytes = buffer.subarray(offset, offset + take);
    this.remaining -= take;
    if (this.opcode >= Opcode.Close) this.control.push(Buffer.from(bytes));
    else this.dataBytes(bytes);
    if (this.remaining === 0) this.endFrame();
    return offset + take;
  }

  private dataBytes(bytes: Buffer): void {
    this.messageLength += bytes.length;
    let rest = bytes;
    if (!this.decided) {
      // The first bytes go to `head` (they may come a few at a time); once it is full the message is decided.
      const copy = Math.min(bytes.length, this.head.length - this.headHave);
      bytes.copy(this.head, this.headHave, 0, copy);
      this.headHave += copy;
      rest = bytes.subarray(copy);
      if (this.headHave < this.head.length) return;
      this.decide();
      if (this.keep) this.kept.push(Buffer.from(this.head));
    }
    if (this.keep && rest.length > 0) this.kept.push(Buffer.from(rest));
  }

  private decide(): void {
    this.decided = true;
    this.keep = this.handlers.wants(this.head.subarray(0, this.headHave));
  }

  private endFrame(): void {
    this.state = State.Header;
    if (this.opcode >= Opcode.Close) return this.controlFrame(Buffer.concat(this.control));
    if (!this.fin) return;
    // A message shorter than the peek is decided at its end; its bytes are all in `head`.
    if (!this.decided) {
      this.decide();
      if (this.keep) this.kept = [Buffer.from(this.head.subarray(0, this.headHave))];
    }
    this.handlers.onMessage(this.messageLength, this.keep ? Buffer.concat(this.kept) : null);
    this.kept = [];
  }

  private controlFrame(payload: Buffer): void {
    if (this.opcode === Opcode.Ping) {
      if (!this.closeSent) this.socket.write(frame(Opcode.Pong, payload));
    } else if (this.opcode === Opcode.Close) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      if (!this.closeSent) {
        this.closeSent = true;
        this.socket.write(frame(Opcode.Close, payload.subarray(0, 2)));
      }
      this.socket.end();
      this.finish(code, payload.subarray(2).toString("utf8"));
    }
  }

  private protocolError(reason: string): number {
    this.fail(reason);
    return Number.MAX_SAFE_INTEGER;
  }

  private fail(reason: string): void {
    this.socket.destroy();
    this.finish(1006, reason);
  }

  private finish(code: number, reason: string): void {
    if (this.state === State.Closed) return;
    this.state = State.Closed;
    this.handlers.onClose(code, reason);
  }
}

/** The header's full length once its first two bytes are known. */
function headerLength(header: Buffer): number {
  const short = header[1]! & 0x7f;
  return short === 126 ? 4 : short === 127 ? 10 : 2;
}

/** One final, masked frame. */
function frame(opcode: number, payload: Uint8Array): Buffer {
  const lengthBytes = payload.length < 126 ? 0 : payload.length < 0x10000 ? 2 : 8;
  const out = Buffer.allocUnsafe(2 + lengthBytes + 4 + payload.length);
  out[0] = 0x80 | opcode;
  if (lengthBytes === 0) out[1] = 0x80 | payload.length;
  else if (lengthBytes === 2) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(payload.length, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const maskAt = 2 + lengthBytes;
  randomFillSync(out, maskAt, 4);
  for (let i = 0; i < payload.length; i++) out[maskAt + 4 + i] = payload[i]! ^ out[maskAt + (i & 3)]!;
  return out;
}
