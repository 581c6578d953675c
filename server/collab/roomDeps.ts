import type { Logger } from "pino";
import type { AuthorEntry } from "../../schemas/api.js";
import type { AuditStore } from "../storage/auditStore.js";
import type { CarriedTextStore } from "../storage/carriedTextStore.js";
import type { DeletedTextStore } from "../storage/deletedTextStore.js";
import type { ClientIdStore } from "../storage/clientIdStore.js";
import type { DiscussionStore } from "../storage/discussionStore.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { FanOutTicks } from "./fanOut.js";

/** Tunables of a room, from the server configuration. */
export interface RoomOptions {
  compactEveryUpdates: number;
  /** ... and not before the updates since the last compaction are this share of the document's bytes, in percent. */
  compactLogPercent?: number;
  compactIntervalMs: number;
  /** First delay before retrying a failed write; doubles up to 30 s. */
  retryDelayMs?: number;
  /** Connections one account may hold open to one document at once (admitted by the room registry). */
  maxSocketsPerAccount?: number;
  /** Largest awareness state a socket may announce, in bytes. */
  maxPresenceStateBytes?: number;
  /** Items (structs and deleted ranges) one update may hold. */
  maxUpdateItems?: number;
  /** Items authorized and stored in one event-loop turn (at least one update); the rest waits a turn. */
  maxItemsPerTurn?: number;
  /**
   * A busy room's batches start at most this many ms apart (STORE_INTERVAL_MS;
   * 0: every event-loop turn with something to do). The first change after
   * a quiet spell is stored at once.
   */
  storeIntervalMs?: number;
  /** Size the document may grow to (its encoded state, in bytes); past it only deletions are taken. */
  maxDocumentBytes?: number;
  /** How often observers and low-bandwidth sockets are sent updates (OBSERVER_TICK_MS, LOW_BANDWIDTH_TICK_MS). */
  ticks?: FanOutTicks;
  /** How long a joiner's cached answer is brought up to date with the changes since, before it is encoded again (JOIN_ANSWER_MAX_AGE_MS). */
  joinAnswerMaxAgeMs?: number;
}

/** What a room is built from. */
export interface RoomDeps {
  store: DocumentStore;
  audit: AuditStore;
  clientIds: ClientIdStore;
  carriedText: CarriedTextStore;
  /** Who deleted what, recorded with each batch. */
  deletedText: DeletedTextStore;
  /** The paragraph under discussion, kept across loads of the room. */
  discussion: DiscussionStore;
  /** How a user appears in attribution, or null if there is no such user. */
  authorOf: (userId: string) => AuthorEntry | null;
  options: RoomOptions;
  log: Logger;
}
