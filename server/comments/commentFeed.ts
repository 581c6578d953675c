import type { UserView } from "../../schemas/api.js";
import type { Connection } from "../collab/Connection.js";
import type { RoomRegistry } from "../collab/rooms.js";
import { screenLinkIdOf } from "../screens/screenIdentity.js";
import type { CommentAudience } from "./commentViews.js";

/** Who a live comment message is for: an audience of {@link CommentAudience}, or observers. */
export type FeedAudience = CommentAudience | "observer";

/**
 * The audience a socket's user belongs to (their role in the document), or
 * null for a hall screen: it shows the text only, so a link's key, copied
 * onto a projector, opens no comment, whatever observers may see.
 */
export function feedAudienceOf(user: Pick<UserView, "id" | "role">): FeedAudience | null {
  if (screenLinkIdOf(user.id) !== null) return null;
  return user.role === "secretariat" ? "secretariat" : user.role === "observer" ? "observer" : "participant";
}

/**
 * Live delivery of comment changes to the sockets of a document's room.
 * Behind this interface so that a room spread over several processes can
 * relay the same messages elsewhere.
 */
export interface CommentFeed {
  /**
   * Sends each socket of the document's room the frame for its audience:
   * `frameFor` is asked at most once per audience (the frame is encoded once
   * and the same bytes go to every socket of that audience); null sends that
   * audience nothing.
   */
  publish(documentId: string, frameFor: (audience: FeedAudience) => Uint8Array | null): void;
}

/** Comment delivery to the sockets of this process. Only sockets that negotiated `accord.v1` read the message; screens get none. */
export class LocalCommentFeed implements CommentFeed {
  constructor(private readonly rooms: RoomRegistry) {}

  publish(documentId: string, frameFor: (audience: FeedAudience) => Uint8Array | null): void {
    const room = this.rooms.get(documentId);
    if (!room) return;
    const frames = new Map<FeedAudience, Uint8Array | null>();
    const frameOf = (connection: Connection) => {
      const audience = feedAudienceOf(connection.user);
      if (audience === null) return null;
      if (!frames.has(audience)) frames.set(audience, frameFor(audience));
      return frames.get(audience)!;
    };
    for (const connection of room.connections) {
      if (!connection.wantsAcks) continue;
      const frame = frameOf(connection);
      if (frame) connection.send(frame);
    }
  }
}
