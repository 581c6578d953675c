import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { MessageType, readAuthors, writeAuthors } from "../../shared/collab/messages.js";

function frame(payload: string): decoding.Decoder {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Authors);
  encoding.writeVarString(encoder, payload);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  decoding.readVarUint(decoder);
  return decoder;
}

const arcadia = { userId: "u-arcadia", name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" as const, delegationOrder: 0, clientIds: [17, 42] };

describe("the Authors message", () => {
  it("round-trips the authors and their client ids", () => {
    const payload = { authors: [arcadia], carried: [{ client: 42, clock: 7, length: 12, author: null }] };
    const decoder = decoding.createDecoder(writeAuthors(payload));
    expect(decoding.readVarUint(decoder)).toBe(MessageType.Authors);
    expect(readAuthors(decoder)).toEqual(payload);
  });

  it("keeps the valid entries when one is not, and refuses what is not a list", () => {
    const bad = { name: "x".repeat(500), delegation: null, group: "aliens", clientIds: [-1] };
    const badCarried = { client: 1, clock: 0, length: 0, author: null };
    expect(readAuthors(frame(JSON.stringify({ authors: [bad, arcadia, 7], carried: [badCarried] })))).toEqual({ authors: [arcadia], carried: [] });
    expect(readAuthors(frame(JSON.stringify([arcadia])))).toBeNull();
    expect(readAuthors(frame("{not json"))).toBeNull();
    expect(readAuthors(decoding.createDecoder(new Uint8Array([0xff])))).toBeNull();
  });
});
