import type { Logger } from "pino";
import { NO_CURRENT_PARAGRAPH, writeCurrentParagraph, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { can } from "../../shared/permissions.js";
import type { Connection } from "./Connection.js";
import type { IncomingMessage } from "./protocol.js";
import type { RoomExtension } from "./RoomExtension.js";
import { SharedFrame } from "./wireFrame.js";

/** Where the paragraph under discussion is kept between loads of the room, so a restart does not lose it. */
export interface DiscussionStorage {
  load(): CurrentParagraph;
  save(current: CurrentParagraph): void;
}

/**
 * Moves closer together than this are one: the last wins, at the end of the
 * interval. A held shortcut or a looping client costs a few writes and
 * broadcasts a second, not one per message.
 */
export const MIN_MOVE_INTERVAL_MS = 250;

/** What the discussion needs of its room. */
export interface DiscussionRoom {
  connections: Set<Connection>;
  /** Whether the document as stored has a block with this pid. */
  hasParagraph(pid: string): boolean;
  /** Asks the room to flush; the request is taken once the room has settled (onSettled). */
  requestFlush(): void;
  /** Sends every audience the updates waiting for its tick, so that nobody hears of a move before the paragraph. */
  sendWaitingUpdates(): void;
  /** Closes a socket that may not lead the discussion, and records it. */
  refuse(connection: Connection): void;
  log: Logger;
  documentId: string;
}

interface MoveRequest {
  connection: Connection;
  pid: string | null;
}

/**
 * The paragraph under discussion: set by a facilitator, held by the server,
 * sent to every socket that joins and to all when it moves (the hall screen
 * and "follow the facilitator" read it). Anyone else asking to move it is
 * refused and their socket closed. A request is taken once what the room
 * received before it is stored, so a paragraph the facilitator has just
 * written can be discussed at once; a paragraph the document does not have
 * (deleted a moment before) is ignored and the asker told where the
 * discussion is. Only sockets that speak Accord's protocol get it.
 */
export class Discussion implements RoomExtension {
  private current: CurrentParagraph;
  /** The current paragraph's message, framed once for every socket it goes to. */
  private frame: SharedFrame;
  private requested: MoveRequest | null = null;
  private lastMoveAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly room: DiscussionRoom, private readonly storage: DiscussionStorage) {
    this.current = storage.load();
    this.frame = new SharedFrame(writeCurrentParagraph(this.current));
  }

  get paragraph(): CurrentParagraph {
    return this.current;
  }

  onJoin(connection: Connection): void {
    this.forgetRemoved();
    if (connection.wantsAcks) connection.send(this.frame);
  }

  onMessage(connection: Connection, message: IncomingMessage): boolean {
    if (message.kind !== "currentParagraph") return false;
    if (!can(connection.user, "discussion.lead")) {
      this.room.refuse(connection);
      return true;
    }
    this.requested = { connection, pid: message.pid };
    this.room.requestFlush();
    return true;
  }

  onSettled(): void {
    this.forgetRemoved();
    if (!this.requested || this.timer) return;
    const wait = this.lastMoveAt + MIN_MOVE_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.room.requestFlush();
      }, wait);
      return;
    }
    const { connection, pid } = this.requested;
    this.requested = null;
    if (pid === this.current.pid || (pid !== null && !this.room.hasParagraph(pid))) {
      connection.reply(this.frame);
      return;
    }
    this.lastMoveAt = Date.now();
    this.move(pid, connection);
  }

  /**
   * A paragraph under discussion that the text no longer has (merged into
   * another, removed by a revision) is under discussion no more: everyone is
   * told, rather than left with a mark that points nowhere.
   */
  private forgetRemoved(): void {
    if (this.current.pid !== null && !this.room.hasParagraph(this.current.pid)) this.move(null, null);
  }

  /** Moves the discussion (stored first, so what everyone is told survives a restart) and tells every socket. */
  private move(pid: string | null, asker: Connection | null): void {
    const next = pid === null || asker === null ? NO_CURRENT_PARAGRAPH : { pid, by: asker.user.displayName, at: Date.now() };
    try {
      this.storage.save(next);
    } catch (err) {
      this.room.log.error({ err, documentId: this.room.documentId }, "could not store the paragraph under discussion; it did not move");
      asker?.reply(this.frame);
      return;
    }
    this.current = next;
    this.frame = new SharedFrame(writeCurrentParagraph(next));
    this.room.sendWaitingUpdates();
    for (const connection of this.room.connections) if (connection.wantsAcks) connection.send(this.frame);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
