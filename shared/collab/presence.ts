import { z } from "zod";
import type { UserView } from "../../schemas/api.js";
import { Role, StakeholderGroup } from "../../schemas/domain.js";
import { colorForGroup } from "../attribution/groupColors.js";

/**
 * Who a connection is, as shown to others in Yjs awareness (the `user`
 * field, which CollaborationCaret reads). The server stamps it from the
 * session on every awareness message, so no client can claim another name.
 */
export const PresenceUser = z.object({
  /** The account (or screen link) behind the window: one person with two windows is one person present. */
  id: z.string().max(100),
  name: z.string().max(200),
  delegation: z.string().max(300).nullable(),
  group: StakeholderGroup.nullable(),
  role: Role,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof PresenceUser>;

/** The presence entry for a signed-in user. */
export function presenceOf(user: UserView): PresenceUser {
  const group = user.delegation?.stakeholderGroup ?? null;
  return {
    id: user.id,
    name: user.displayName,
    delegation: user.delegation?.name ?? null,
    group,
    role: user.role,
    color: colorForGroup(group),
  };
}

/** A Yjs relative position as JSON (`Y.relativePositionToJSON`): where a caret stands. */
const YId = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() }).strict();
const RelativePosition = z.object({
  type: YId.nullable().optional(),
  tname: z.string().max(100).nullable().optional(),
  item: YId.nullable().optional(),
  assoc: z.number().int().optional(),
}).strict();

/** A caret as CollaborationCaret announces it (the `cursor` field), or null when the window has no selection. */
export const PresenceCursor = z.object({ anchor: RelativePosition, head: RelativePosition }).strict().nullable();

/**
 * The fields a client's awareness state may carry, and how each is checked;
 * the server keeps only these (`user` it writes itself from the session).
 */
export const PRESENCE_FIELDS = { cursor: PresenceCursor } as const;

/** Key of the server's own awareness state, which carries room-wide facts such as the observer count. */
export const ROOM_STATE_KEY = "room";

/**
 * The room-wide facts the server publishes in its awareness state: the
 * observers following (people, however many windows each has open) and
 * the hall screens showing the text.
 */
export const RoomState = z.object({ observers: z.number().int().nonnegative(), screens: z.number().int().nonnegative().default(0) });
export type RoomState = z.infer<typeof RoomState>;
