import { afterEach, describe, expect, it } from "vitest";
import * as ws from "ws";
import { ACCORD_SUBPROTOCOL } from "../../shared/collab/messages.js";
import { SharedFrame, wireFrame } from "../../server/collab/wireFrame.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { docFromFrames, openRaw, type RawClient } from "../helpers/rawClient.js";
import { emptyStep1 } from "../helpers/roomFrames.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, fragmentText, type YClient } from "../helpers/yClient.js";

/** `ws`'s own reader of frames, as a client uses it: an implementation of the framing independent of ours. */
const { Receiver } = ws as unknown as {
  Receiver: new (options: { binaryType: string; isServer: boolean; maxPayload: number }) => NodeJS.WritableStream & {
    on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): void;
  };
};

/** What `ws`'s client-side reader makes of these bytes, fed in pieces of `chunk` bytes. */
function readBack(bytes: Buffer, chunk: number): Promise<{ data: Buffer; isBinary: boolean }[]> {
  const receiver = new Receiver({ binaryType: "nodebuffer", isServer: false, maxPayload: 0 });
  const messages: { data: Buffer; isBinary: boolean }[] = [];
  receiver.on("message", (data, isBinary) => messages.push({ data: Buffer.from(data), isBinary }));
  for (let at = 0; at < bytes.length; at += chunk) receiver.write(bytes.subarray(at, at + chunk));
  return new Promise((resolve) => setImmediate(() => resolve(messages)));
}

const payloadOf = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);

describe("messages written to the network as whole frames", () => {
  it("reads back, through the websocket library's own reader, as the binary messages they carry, at every length boundary", async () => {
    for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 65_537, 200_000]) {
      const payload = payloadOf(length);
      const parts = wireFrame(payload);
      const messages = await readBack(Buffer.concat(parts), 4_096);
      expect(messages, `payload of ${length} bytes`).toHaveLength(1);
      expect(messages[0]!.isBinary).toBe(true);
      expect(messages[0]!.data.equals(Buffer.from(payload)), `payload of ${length} bytes`).toBe(true);
    }
  });

  it("joins a small message to its header for one write, and leaves a large one uncopied", () => {
    expect(wireFrame(payloadOf(1_000))).toHaveLength(1);
    const large = payloadOf(100_000);
    const parts = wireFrame(large);
    expect(parts).toHaveLength(2);
    expect(parts[1]!.buffer).toBe(large.buffer);
  });

  it("frames a message shared by many sockets once", () => {
    const shared = new SharedFrame(payloadOf(300));
    expect(shared.wire).toBe(shared.wire);
  });

  it("reads back a message that is a view into a larger buffer as that view only", async () => {
    const whole = payloadOf(1_000);
    const view = whole.subarray(100, 400);
    const [message] = await readBack(Buffer.concat(wireFrame(view)), 64);
    expect(message!.data.equals(Buffer.from(view))).toBe(true);
  });
});

describe("the server's sockets", () => {
  let server: TestServer;
  const raws: RawClient[] = [];
  const clients: YClient[] = [];

  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.ws.terminate();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  it("negotiate no compression, write frames themselves, and carry a large change whole to an observer and a late joiner", async () => {
    server = await startTestServer();
    const docId = await server.documentId(await server.login("chair@demo.accord"), "Declaration");
    const observer = await openRaw(`${server.wsBase}/${docId}`,
      { cookie: await server.login("observer@demo.accord"), origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    raws.push(observer);
    observer.send(emptyStep1());
    // The client offers permessage-deflate (ws's default); the server takes none, so every frame is plain bytes.
    expect(observer.ws.extensions).toBe("");
    const writer = connectYClient(server.wsBase, docId, await server.login("arcadia@demo.accord"), server.origin);
    clients.push(writer);
    await writer.synced();
    const room = server.accord.rooms.get(docId)!;
    expect(room.connections.size).toBe(2);
    for (const connection of room.connections) expect(connection.writesFrames).toBe(true);

    // Past the size joined to its header: header and payload are written apart, in order.
    const words = Array.from({ length: 14_000 }, (_, i) => `w${i}`).join(" ");
    typeAtEnd(writer.doc, 3, ` ${words}`);
    await writer.allSaved();
    await eventually(() => expect(fragmentText(docFromFrames(observer.frames))).toBe(writer.text()));
    expect(Math.max(...observer.frames.map((f) => f.length))).toBeGreaterThan(65_536);

    const late = await openRaw(`${server.wsBase}/${docId}`,
      { cookie: await server.login("observer@demo.accord"), origin: server.origin }, [ACCORD_SUBPROTOCOL]);
    raws.push(late);
    late.send(emptyStep1());
    await eventually(() => expect(fragmentText(docFromFrames(late.frames))).toBe(writer.text()));
  });
});
