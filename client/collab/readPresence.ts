import { colorForGroup } from "../../shared/attribution/groupColors.js";
import { PresenceUser, ROOM_STATE_KEY, RoomState } from "../../shared/collab/presence.js";

/**
 * Reads another client's `user` awareness field, or null when there is no
 * valid one. The server stamps it from the session; it is still parsed,
 * because it arrives over the wire, and the colour is derived from the group.
 */
export function readPresenceUser(value: unknown): PresenceUser | null {
  const parsed = PresenceUser.safeParse(value);
  return parsed.success ? { ...parsed.data, color: colorForGroup(parsed.data.group) } : null;
}

/** The room-wide facts in an awareness state (the server's own entry), or null. */
export function readRoomState(state: Record<string, unknown>): RoomState | null {
  const parsed = RoomState.safeParse(state[ROOM_STATE_KEY]);
  return parsed.success ? parsed.data : null;
}
