import { createHash } from "node:crypto";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { LeanSocket, type LeanSocketHandlers } from "../../scripts/bench/leanSocket.js";

/**
 * The load generator's lean websocket client against two independent
 * servers: `ws` (the library the servers under test use) and a raw socket
 * that writes frames byte by byte, so that every way a frame can be split
 * across reads is met.
 */

interface Received {
  opened: boolean;
  heads: Buffer[];
  messages: { length: number; payload: Buffer | null }[];
  closed: { code: number; reason: string } | null;
  closes: number;
}

function client(url: string, wants: (head: Buffer) => boolean, options: { protocols?: string[]; headers?: Record<string, string> } = {}) {
  const got: Received = { opened: false, heads: [], messages: [], closed: null, closes: 0 };
  const handlers: LeanSocketHandlers = {
    onOpen: () => void (got.opened = true),
    wants: (head) => {
      got.heads.push(Buffer.from(head));
      return wants(head);
    },
    onMessage: (length, payload) => void got.messages.push({ length, payload }),
    onClose: (code, reason) => {
      got.closed = { code, reason };
      got.closes += 1;
    },
  };
  const socket = new LeanSocket({ url, protocols: options.protocols ?? [], headers: options.headers ?? {}, peekBytes: 2 }, handlers);
  return { socket, got };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function wsServer(onConnection: (ws: WebSocket, protocol: string, cookie: string | undefined) => void): Promise<string> {
  const server = new WebSocketServer({ port: 0, perMessageDeflate: false });
  server.on("connection", (ws, request) => onConnection(ws, ws.protocol, request.headers.cookie));
  await new Promise((resolve) => server.once("listening", resolve));
  closers.push(() => new Promise((resolve) => {
    for (const ws of server.clients) ws.terminate();
    server.close(() => resolve());
  }));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/room?x=1`;
}

/** A server frame (unmasked) as RFC 6455 writes it. */
function serverFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const head = payload.length < 126 ? Buffer.from([0, payload.length])
    : payload.length < 0x10000 ? Buffer.from([0, 126, payload.length >> 8, payload.length & 0xff])
    : Buffer.concat([Buffer.from([0, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(payload.length)); return b; })()]);
  head[0] = (fin ? 0x80 : 0) | opcode;
  return Buffer.concat([head, payload]);
}

/**
 * A raw server that accepts the upgrade, then writes each segment's bytes
 * `step` bytes at a time, a millisecond apart; it records what the client
 * sends.
 */
async function rawServer(segments: [Buffer, number][]): Promise<{ url: string; fromClient: () => Buffer }> {
  const received: Buffer[] = [];
  const writes = segments.flatMap(([bytes, step]) => Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) => bytes.subarray(i * step, (i + 1) * step)));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let request = "";
    let upgraded = false;
    socket.on("data", (chunk) => {
      if (upgraded) return void received.push(chunk);
      request += chunk.toString("latin1");
      const end = request.indexOf("\r\n\r\n");
      if (end < 0) return;
      upgraded = true;
      const key = /sec-websocket-key: (.+)\r\n/i.exec(request)![1]!.trim();
      const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
      const rest = Buffer.from(request.slice(end + 4), "latin1");
      if (rest.length > 0) received.push(rest);
      // The answer and the first frame bytes in one write: the client must find the frames after the blank line.
      const answer = Buffer.from(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socket.write(Buffer.concat([answer, writes[0]!]));
      let at = 1;
      const next = () => {
        if (at >= writes.length || socket.destroyed) return;
        socket.write(writes[at++]!);
        setTimeout(next, 1);
      };
      setTimeout(next, 1);
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, fromClient: () => Buffer.concat(received) };
}

/** Unmasks the client's frames (every one must be masked) into [opcode, payload] pairs. */
function readClientFrames(bytes: Buffer): [number, Buffer][] {
  const frames: [number, Buffer][] = [];
  let i = 0;
  while (i < bytes.length) {
    const opcode = bytes[i]! & 0x0f;
    expect(bytes[i + 1]! & 0x80).toBe(0x80);
    let length = bytes[i + 1]! & 0x7f;
    i += 2;
    if (length === 126) { length = bytes.readUInt16BE(i); i += 2; }
    else if (length === 127) { length = Number(bytes.readBigUInt64BE(i)); i += 8; }
    const mask = bytes.subarray(i, i + 4);
    i += 4;
    const payload = Buffer.from(bytes.subarray(i, i + length).map((b, j) => b ^ mask[j & 3]!));
    frames.push([opcode, payload]);
    i += length;
  }
  return frames;
}

describe("LeanSocket, the generator's counting client", () => {
  it("upgrades with its subprotocol and headers, and sends masked messages of every length class that ws reads back exactly", async () => {
    const seen: { protocol: string; cookie: string | undefined; messages: Buffer[] } = { protocol: "", cookie: undefined, messages: [] };
    const url = await wsServer((ws, protocol, cookie) => {
      seen.protocol = protocol;
      seen.cookie = cookie;
      ws.on("message", (data: Buffer) => seen.messages.push(Buffer.from(data)));
    });
    const { socket, got } = client(url, () => false, { protocols: ["accord.v1", "other"], headers: { cookie: "session=abc" } });
    await until(() => got.opened, "the upgrade");
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
    const sent = sizes.map((n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff)));
    for (const message of sent) socket.send(message);
    await until(() => seen.messages.length === sizes.length, "every message at the server");
    expect(seen.protocol).toBe("accord.v1");
    expect(seen.cookie).toBe("session=abc");
    expect(seen.messages).toEqual(sent);
    socket.close();
    await until(() => got.closed !== null, "the close");
    expect(got.closed!.code).toBe(1000);
  });

  it("shows each message's first bytes, keeps the payloads it wants and only counts the others", async () => {
    const wanted = Buffer.concat([Buffer.from([5, 1]), Buffer.alloc(70_000, 9)]);
    const skipped = Buffer.concat([Buffer.from([0, 2]), Buffer.alloc(300, 4)]);
    const url = await wsServer((ws) => {
      ws.send(skipped);
      ws.send(wanted);
      ws.send(Buffer.from([5]));
      ws.send(Buffer.alloc(0));
    });
    const { got } = client(url, (head) => head[0] === 5);
    await until(() => got.messages.length === 4, "four messages");
    expect(got.heads.map((h) => [...h])).toEqual([[0, 2], [5, 1], [5], []]);
    expect(got.messages).toEqual([
      { length: skipped.length, payload: null },
      { length: wanted.length, payload: wanted },
      { length: 1, payload: Buffer.from([5]) },
      { length: 0, payload: null },
    ]);
  });

  it("reads frames split anywhere, fragmented messages, pings and the server's close code, byte by byte", async () => {
    const big = Buffer.alloc(70_000, 3);
    big[0] = 5;
    const small = Buffer.concat([
      serverFrame(0x2, Buffer.from([5, 0, 1, 2])),
      // One message in three fragments with a ping between: the client answers the ping at once.
      serverFrame(0x2, Buffer.from([5]), false),
      serverFrame(0x9, Buffer.from("are you there")),
      serverFrame(0x0, Buffer.from([7, 8]), false),
      serverFrame(0x0, Buffer.from([9]), true),
      serverFrame(0x2, Buffer.alloc(200, 1)),
    ]);
    // A frame with a 64-bit length: its header a byte at a time, its payload in large pieces.
    const bigFrame = serverFrame(0x2, big);
    const closeFrame = serverFrame(0x8, Buffer.concat([Buffer.from([0x0f, 0xa0]), Buffer.from("bye")]));
    for (const step of [1, 3, 1000]) {
      const server = await rawServer([[small, step], [bigFrame.subarray(0, 11), step], [bigFrame.subarray(11), 16_384], [closeFrame, step]]);
      const { got } = client(server.url, (head) => head[0] === 5);
      await until(() => got.closed !== null, `the close (${step} bytes a write)`, 30_000);
      expect(got.opened).toBe(true);
      expect(got.messages).toEqual([
        { length: 4, payload: Buffer.from([5, 0, 1, 2]) },
        { length: 4, payload: Buffer.from([5, 7, 8, 9]) },
        { length: 200, payload: null },
        { length: big.length, payload: big },
      ]);
      expect(got.closed).toEqual({ code: 4000, reason: "bye" });
      // Told once, though the socket also ends afterwards.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(got.closes).toBe(1);
      await until(() => readClientFrames(server.fromClient()).length >= 2, "the pong and the close");
      const [pong, close] = readClientFrames(server.fromClient());
      expect(pong).toEqual([0xa, Buffer.from("are you there")]);
      expect(close).toEqual([0x8, Buffer.from([0x0f, 0xa0])]);
    }
  });

  it("reads nothing while paused and everything that came meanwhile once resumed", async () => {
    let server: WebSocket | null = null;
    const url = await wsServer((ws) => void (server = ws));
    const { socket, got } = client(url, () => false);
    await until(() => got.opened && server !== null, "the upgrade");
    socket.pause();
    for (let i = 0; i < 50; i++) server!.send(Buffer.from([0, 2, i]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got.messages).toHaveLength(0);
    socket.resume();
    await until(() => got.messages.length === 50, "the 50 messages");
  });

  it("fails on a frame with a reserved bit set or a reserved opcode, as no extension was negotiated (RFC 6455, 5.2)", async () => {
    const withRsv1 = serverFrame(0x2, Buffer.from([0, 2, 1]));
    withRsv1[0]! |= 0x40;
    const cases: [Buffer, RegExp][] = [
      [withRsv1, /reserved bits/],
      [serverFrame(0x3, Buffer.from([1])), /unknown opcode 3/],
      [serverFrame(0xb, Buffer.from([1])), /unknown opcode 11/],
    ];
    for (const [bad, reason] of cases) {
      const { url } = await rawServer([[Buffer.concat([serverFrame(0x2, Buffer.from([0, 2, 7])), bad]), 64]]);
      const { got } = client(url, () => true);
      await until(() => got.closed !== null, "the failure");
      expect(got.messages).toHaveLength(1);
      expect(got.closed!.code).toBe(1006);
      expect(got.closed!.reason).toMatch(reason);
    }
  });

  it("says why when the server refuses the upgrade", async () => {
    const server = net.createServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", () => socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { got } = client(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, () => false);
    await until(() => got.closed !== null, "the refusal");
    expect(got.opened).toBe(false);
    expect(got.closed).toEqual({ code: 1006, reason: "upgrade refused with 403" });
  });
});
