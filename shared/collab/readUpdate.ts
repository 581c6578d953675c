import * as Y from "yjs";

/** A Yjs update's structs and delete set, as `Y.decodeUpdate` reads them. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Why an update's bytes are not a whole V1 update. */
export type UpdateDefect =
  /** It decodes, but bytes follow the delete set. */
  | { kind: "unreadBytes"; unread: number }
  /** It is a whole update in Yjs's V2 encoding, which this protocol does not speak. */
  | { kind: "v2" }
  /**
   * A client's structs are not one run of consecutive clocks, as Yjs writes
   * them: Yjs applies only the last run of a client, while merging updates
   * keeps the first, so one update could be checked as one thing and sent
   * on as another.
   */
  | { kind: "clientTwice"; client: number }
  /** It does not decode. */
  | { kind: "undecodable"; message: string };

/** The outcome of reading an update: its decoding, or what is wrong with it. */
export type ReadUpdate = { ok: true; decoded: DecodedUpdate } | { ok: false; defect: UpdateDefect };

/**
 * Decodes with Yjs's own V1 reader and reports how far it read: Yjs reads
 * an update's structs and delete set and ignores whatever follows.
 */
function decodeCounting(update: Uint8Array): { decoded: DecodedUpdate; read: number } {
  lastReader = null;
  const decoded = Y.decodeUpdateV2(update, CountingDecoder as unknown as typeof Y.UpdateDecoderV2);
  return { decoded, read: (lastReader as Y.UpdateDecoderV1 | null)?.restDecoder.pos ?? 0 };
}

/** The reader Yjs made for the update being decoded (decoding is synchronous, so one at a time). */
let lastReader: Y.UpdateDecoderV1 | null = null;

/** Yjs's V1 reader, remembering itself so that how far it read can be asked afterwards. */
class CountingDecoder extends Y.UpdateDecoderV1 {
  constructor(decoder: ConstructorParameters<typeof Y.UpdateDecoderV1>[0]) {
    super(decoder);
    lastReader = this;
  }
}

/** Whether the bytes are a whole update in the V2 encoding. */
function isV2(update: Uint8Array): boolean {
  try {
    const decoded = Y.decodeUpdateV2(update);
    return decoded.structs.length > 0 || decoded.ds.clients.size > 0;
  } catch {
    return false;
  }
}

/**
 * Reads an update that must be exactly one V1 update: every byte read, none
 * left over. Yjs itself would apply the part it understands and drop the
 * rest, so a sender could have stored what was never applied; and a V2
 * update read as V1 decodes to next to nothing and would be acknowledged
 * as saved without ever being applied.
 */
export function readUpdateExactly(update: Uint8Array): ReadUpdate {
  let result: { decoded: DecodedUpdate; read: number };
  try {
    result = decodeCounting(update);
  } catch (err) {
    return { ok: false, defect: isV2(update) ? { kind: "v2" } : { kind: "undecodable", message: (err as Error).message } };
  }
  if (result.read !== update.length) {
    return { ok: false, defect: isV2(update) ? { kind: "v2" } : { kind: "unreadBytes", unread: update.length - result.read } };
  }
  const twice = clientWrittenTwice(result.decoded);
  return twice === null ? { ok: true, decoded: result.decoded } : { ok: false, defect: { kind: "clientTwice", client: twice } };
}

/** The first client whose structs do not follow each other clock after clock in one run, or null. */
function clientWrittenTwice({ structs }: DecodedUpdate): number | null {
  const done = new Set<number>();
  let client: number | null = null;
  let next = 0;
  for (const struct of structs) {
    if (struct.id.client === client) {
      if (struct.id.clock !== next) return client;
    } else {
      if (client !== null) done.add(client);
      client = struct.id.client;
      if (done.has(client)) return client;
    }
    next = struct.id.clock + struct.length;
  }
  return null;
}

/** One line for a defect, in English. */
export function describeDefect(defect: UpdateDefect): string {
  switch (defect.kind) {
    case "unreadBytes": return `update followed by ${defect.unread} unread byte${defect.unread === 1 ? "" : "s"}`;
    case "v2": return "update in Yjs's V2 encoding; this connection speaks V1";
    case "clientTwice": return `update writes the structs of client ${defect.client} more than once`;
    case "undecodable": return `update does not decode: ${defect.message}`;
  }
}
