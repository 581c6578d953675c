import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { UserView } from "../../schemas/api.js";
import { PRESENCE_FIELDS, presenceOf, type PresenceUser } from "../../shared/collab/presence.js";
import { can } from "../../shared/permissions.js";

/** One entry of an awareness update. */
interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
  /** Length of the state as sent (its JSON text). */
  bytes: number;
}

function readEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const start = decoder.pos;
    const json = decoding.readVarString(decoder);
    entries.push({ clientId, clock, state: JSON.parse(json) as unknown, bytes: decoder.pos - start });
  }
  return entries;
}

function writeEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/** What a stamped awareness update becomes, and the identity it falsely claimed, if any. */
export interface StampedPresence {
  update: Uint8Array | null;
  /** The `user` a state claimed when it is not the session's (name, delegation, group or role differ). */
  falseClaim: Record<string, unknown> | null;
  /** A state of the socket's own larger than the cap (its size in bytes), or null. */
  oversized: number | null;
}

/** The fields of a state the room relays: those described in PRESENCE_FIELDS and valid; nothing else. */
function describedFields(state: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(PRESENCE_FIELDS)) {
    if (!(field in state)) continue;
    const parsed = schema.safeParse(state[field]);
    if (parsed.success) kept[field] = parsed.data;
  }
  return kept;
}

const IDENTITY_FIELDS = ["name", "delegation", "group", "role"] as const;

/** Whether a claimed `user` states a name, delegation, group or role other than the session's (fields left out claim nothing). */
function differs(claimed: unknown, presence: PresenceUser): boolean {
  if (claimed === undefined || claimed === null) return false;
  if (typeof claimed !== "object" || Array.isArray(claimed)) return true;
  const c = claimed as Record<string, unknown>;
  return IDENTITY_FIELDS.some((field) => field in c && c[field] !== presence[field]);
}

/**
 * Rewrites a client's awareness update so that its `user` is the signed-in
 * user of the socket, whatever the client claimed, and it carries only the
 * fields the presence allow-list describes (a caret), valid. A state of the
 * socket's own over `maxStateBytes` is reported (`oversized`), not kept. Observers are not shown
 * as cursors: their states are dropped (the room counts them instead), only
 * their removals pass. Entries for client ids the socket may not speak for
 * are dropped: y-websocket clients echo the states they received from others,
 * so those are relays, never authority. Returns the rewritten update, or null
 * when nothing is left to apply, and the claimed identity when it was not
 * the session's. Throws on bytes that are not an awareness update.
 */
export function stampPresence(
  update: Uint8Array,
  user: UserView,
  speaksFor: (clientId: number) => boolean,
  /** Whether a state is the socket's own (not a relay of someone else's): only those can make a false claim. */
  isOwn: (clientId: number) => boolean = () => true,
  maxStateBytes = Infinity,
): StampedPresence {
  const entries = readEntries(update).filter((e) => speaksFor(e.clientId));
  const shown = can(user, "document.edit");
  const presence = presenceOf(user);
  let falseClaim: Record<string, unknown> | null = null;
  let oversized: number | null = null;
  const kept = entries.flatMap((e) => {
    if (e.state === null) return [e];
    if (e.bytes > maxStateBytes) {
      if (isOwn(e.clientId)) oversized ??= e.bytes;
      return [];
    }
    const state = typeof e.state === "object" && e.state !== null && !Array.isArray(e.state) ? (e.state as Record<string, unknown>) : {};
    if (!falseClaim && isOwn(e.clientId) && differs(state.user, presence)) {
      falseClaim = typeof state.user === "object" && state.user !== null ? (state.user as Record<string, unknown>) : { user: state.user };
    }
    if (!shown) return [];
    return [{ ...e, state: { ...describedFields(state), user: presence } }];
  });
  return { update: kept.length > 0 ? writeEntries(kept) : null, falseClaim, oversized };
}
