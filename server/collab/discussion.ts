import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import { NO_CURRENT_PARAGRAPH, writeCurrentParagraph, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { can } from "../../shared/permissions.js";
import type { Connection } from "./Connection.js";
import type { IncomingMessage } from "./protocol.js";
import type { RoomExtension } from "./RoomExtension.js";

/** Where the paragraph under discussion is kept between loads of the room, so a restart does not lose it. */
export interface DiscussionStorage {
  load(): CurrentParagraph;
  save(current: CurrentParagraph): void;
}

/** Whether a top-level block of the document carries `pid`. */
function hasParagraph(doc: Y.Doc, pid: string): boolean {
  for (const node of contentOf(doc).toArray()) {
    if (node instanceof Y.XmlElement && node.getAttribute("pid") === pid) return true;
  }
  return false;
}

/**
 * The paragraph under discussion: set by a facilitator, held by the server,
 * sent to every socket that joins and to all when it moves (the hall screen
 * and "follow the facilitator" read it). Anyone else asking to move it is
 * refused and their socket closed; a paragraph the document does not have
 * (deleted a moment before) is ignored and the asker told where the
 * discussion is. Only sockets that speak Accord's protocol get it.
 */
export class Discussion implements RoomExtension {
  private current: CurrentParagraph;
  private frame: Uint8Array;

  constructor(
    private readonly connections: Set<Connection>,
    private readonly doc: () => Y.Doc,
    private readonly storage: DiscussionStorage,
    /** Closes a socket that may not lead the discussion, and records it. */
    private readonly refuse: (connection: Connection) => void,
  ) {
    this.current = storage.load();
    this.frame = writeCurrentParagraph(this.current);
  }

  get paragraph(): CurrentParagraph {
    return this.current;
  }

  onJoin(connection: Connection): void {
    if (connection.wantsAcks) connection.send(this.frame);
  }

  onMessage(connection: Connection, message: IncomingMessage): boolean {
    if (message.kind !== "currentParagraph") return false;
    if (!can(connection.user, "discussion.lead")) this.refuse(connection);
    else if (message.pid !== null && !hasParagraph(this.doc(), message.pid)) connection.reply(this.frame);
    else this.move(message.pid, connection.user);
    return true;
  }

  /** Moves the discussion (stored first, so what everyone is told survives a restart) and tells every socket. */
  move(pid: string | null, by: UserView): void {
    const next = pid === null ? NO_CURRENT_PARAGRAPH : { pid, by: by.displayName, at: Date.now() };
    this.storage.save(next);
    this.current = next;
    this.frame = writeCurrentParagraph(next);
    for (const connection of this.connections) if (connection.wantsAcks) connection.send(this.frame);
  }
}
