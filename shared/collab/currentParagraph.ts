import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { z } from "zod";
import { MessageType } from "./messages.js";

/** A paragraph id as the room carries it (pids are short; the cap keeps a message small). */
const Pid = z.string().min(1).max(64);

/**
 * The paragraph under discussion, as the server holds and broadcasts it:
 * which paragraph, who moved the discussion there and when; all null before
 * anyone set it or after it was cleared.
 */
export const CurrentParagraph = z.object({
  pid: Pid.nullable(),
  /** Display name of the facilitator who set it. */
  by: z.string().max(200).nullable(),
  /** When it was set (ms since the epoch). */
  at: z.number().int().nonnegative().nullable(),
}).strict();
export type CurrentParagraph = z.infer<typeof CurrentParagraph>;

/** What a facilitator's client sends: move the discussion to this paragraph, or clear it (null). */
export const CurrentParagraphRequest = z.object({ pid: Pid.nullable() }).strict();
export type CurrentParagraphRequest = z.infer<typeof CurrentParagraphRequest>;

export const NO_CURRENT_PARAGRAPH: CurrentParagraph = { pid: null, by: null, at: null };

function writeJson(value: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.CurrentParagraph);
  encoding.writeVarString(encoder, JSON.stringify(value));
  return encoding.toUint8Array(encoder);
}

function readJson<T>(decoder: decoding.Decoder, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Server -> client: the current paragraph. */
export function writeCurrentParagraph(current: CurrentParagraph): Uint8Array {
  return writeJson(CurrentParagraph.parse(current));
}

/** Reads a server's CurrentParagraph payload after its type, or null when it is not valid. */
export function readCurrentParagraph(decoder: decoding.Decoder): CurrentParagraph | null {
  return readJson(decoder, CurrentParagraph);
}

/** Client -> server: move the discussion to `pid` (null clears it). */
export function writeCurrentParagraphRequest(pid: string | null): Uint8Array {
  return writeJson({ pid } satisfies CurrentParagraphRequest);
}

/** Reads a client's request after its type, or null when it is not valid. */
export function readCurrentParagraphRequest(decoder: decoding.Decoder): CurrentParagraphRequest | null {
  return readJson(decoder, CurrentParagraphRequest);
}

/**
 * How a socket wants document updates: `live` as they are stored (editors)
 * or on the observers' tick; `low` (low-bandwidth mode) coalesced into one
 * update a second, with no presence but the room's own.
 */
export const DELIVERY_MODES = ["live", "low"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Client -> server: the delivery mode this socket wants from now on. */
export function writeDelivery(mode: DeliveryMode): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Delivery);
  encoding.writeVarUint(encoder, DELIVERY_MODES.indexOf(mode));
  return encoding.toUint8Array(encoder);
}

/** Reads a Delivery payload after its type; throws on an unknown mode. */
export function readDelivery(decoder: decoding.Decoder): DeliveryMode {
  const mode = DELIVERY_MODES[decoding.readVarUint(decoder)];
  if (mode === undefined) throw new Error("unknown delivery mode");
  return mode;
}
