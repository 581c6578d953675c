import path from "node:path";
import { z } from "zod";
import type { SocketBudgetLimits } from "./collab/socketBudget.js";

const flag = z
  .enum(["0", "1", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const positiveInt = z.coerce.number().int().positive();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  PUBLIC_URL: z.string().url().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  ACCORD_DEMO: flag.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  MAX_MESSAGE_BYTES: positiveInt.default(2 * 1024 * 1024),
  MAX_JSON_BODY_BYTES: positiveInt.default(64 * 1024),
  MAX_IMPORT_BODY_BYTES: positiveInt.default(5 * 1024 * 1024),
  MAX_IMPORT_UNPACKED_BYTES: positiveInt.default(64 * 1024 * 1024),
  MAX_IMPORT_PARTS: positiveInt.default(2_000),
  MAX_SOCKETS_PER_ACCOUNT: positiveInt.default(20),
  MAX_PRESENCE_STATE_BYTES: positiveInt.default(4096),
  MAX_UPDATE_ITEMS: positiveInt.default(20_000),
  MAX_ITEMS_PER_TURN: positiveInt.default(5_000),
  STORE_INTERVAL_MS: z.coerce.number().int().min(0).max(5_000).default(20),
  MAX_DOCUMENT_BYTES: positiveInt.default(8 * 1024 * 1024),
  COMMENTS_PER_MINUTE: positiveInt.default(20),
  COMMENT_ACTIONS_PER_MINUTE: positiveInt.default(60),
  SOCKET_UPDATES_PER_SECOND: positiveInt.default(50),
  SOCKET_UPDATES_BURST: positiveInt.default(200),
  SOCKET_PRESENCE_PER_SECOND: positiveInt.default(20),
  SOCKET_PRESENCE_BURST: positiveInt.default(40),
  SOCKET_BYTES_PER_SECOND: positiveInt.default(512 * 1024),
  SOCKET_BYTES_BURST: positiveInt.default(4 * 1024 * 1024),
  SOCKET_SLOWED_CLOSE_MS: positiveInt.default(10_000),
  MAX_SOCKET_BACKLOG_BYTES: positiveInt.default(16 * 1024 * 1024),
  OBSERVER_TICK_MS: z.coerce.number().int().min(0).max(5_000).default(50),
  JOIN_ANSWER_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  OBSERVER_FRAMES_PER_SECOND: positiveInt.default(60_000),
  LOW_BANDWIDTH_TICK_MS: positiveInt.default(1000),
  COMPACT_EVERY_UPDATES: positiveInt.default(500),
  COMPACT_LOG_PERCENT: z.coerce.number().int().min(0).max(10_000).default(10),
  COMPACT_INTERVAL_MS: positiveInt.default(60_000),
  SESSION_IDLE_DAYS: positiveInt.default(14),
  SESSION_ABSOLUTE_DAYS: positiveInt.default(60),
  CLIENT_DIST_DIR: z.string().min(1).default("./dist/client"),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  PDF_CONCURRENCY: positiveInt.default(2),
  PDF_QUEUE: z.coerce.number().int().min(0).default(8),
});

/** Everything the server reads from its environment, parsed once at start. */
export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  /** Origin under which users reach the app; `Secure` cookies when it is https. */
  publicUrl: string;
  /** Origins allowed to open websockets and send state-changing API requests. */
  allowedOrigins: Set<string>;
  demo: boolean;
  logLevel: string;
  limits: {
    maxMessageBytes: number;
    /** Largest body of an API request; the import of a text file has its own. */
    maxJsonBodyBytes: number;
    maxImportBodyBytes: number;
    /** Connections one account may hold open to one document at once. */
    maxSocketsPerAccount: number;
    /** Largest awareness state (a caret and its owner) a socket may announce. */
    maxPresenceStateBytes: number;
    /** Items (structs and deleted ranges) one update may hold. */
    maxUpdateItems: number;
    /** Bytes sent to a socket and not yet written to the network, past which it is closed as a slow reader (4508). */
    maxSocketBacklogBytes: number;
    /** Items a room authorizes and stores in one event-loop turn (at least one update); the rest waits a turn. */
    maxItemsPerTurn: number;
    /** A busy room stores (and sends editors) what it received at most once per this many ms; a quiet one at once. */
    storeIntervalMs: number;
    /** Size a document may grow to (its encoded state, in bytes); past it only deletions are taken. */
    maxDocumentBytes: number;
    /** Observers get at most one update frame per observersMs; low-bandwidth sockets one per lowBandwidthMs. */
    ticks: { observersMs: number; observerFramesPerSecond: number; lowBandwidthMs: number };
    /** How long a joiner's cached answer is brought up to date with the changes since, before it is encoded again. */
    joinAnswerMaxAgeMs: number;
    /** Comments (new threads, replies, edits) one user may write per minute. */
    commentsPerMinute: number;
    /** Other comment writes (delete, resolve, reopen, hide, show) one user may make per minute. */
    commentActionsPerMinute: number;
    compactEveryUpdates: number;
    compactLogPercent: number;
    compactIntervalMs: number;
  };
  /** What one socket may send per second; past it the socket is slowed, then closed. */
  socketBudget: SocketBudgetLimits;
  session: {
    idleMs: number;
    absoluteMs: number;
  };
  clientDistDir: string;
  /** PDF exports: the Chromium that prints them, how many print at once and how many may wait. */
  pdf: { chromiumPath: string; concurrent: number; waiting: number };
  /** A Word file to import: what it may unpack to, and how many parts it may hold (read before unpacking). */
  wordLimits: { maxUnpackedBytes: number; maxEntries: number };
}

const DAY_MS = 86_400_000;

/** Parses the environment into a {@link Config}; throws with every problem listed. */
export function readConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const allowedOrigins = new Set<string>([new URL(publicUrl).origin]);
  for (const origin of (e.ALLOWED_ORIGINS ?? "").split(",")) {
    if (origin.trim()) allowedOrigins.add(new URL(origin.trim()).origin);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl,
    allowedOrigins,
    demo: e.ACCORD_DEMO,
    logLevel: e.LOG_LEVEL,
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxJsonBodyBytes: e.MAX_JSON_BODY_BYTES,
      maxImportBodyBytes: e.MAX_IMPORT_BODY_BYTES,
      maxSocketsPerAccount: e.MAX_SOCKETS_PER_ACCOUNT,
      maxPresenceStateBytes: e.MAX_PRESENCE_STATE_BYTES,
      maxUpdateItems: e.MAX_UPDATE_ITEMS,
      maxItemsPerTurn: e.MAX_ITEMS_PER_TURN,
      storeIntervalMs: e.STORE_INTERVAL_MS,
      maxSocketBacklogBytes: e.MAX_SOCKET_BACKLOG_BYTES,
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
      ticks: { observersMs: e.OBSERVER_TICK_MS, observerFramesPerSecond: e.OBSERVER_FRAMES_PER_SECOND, lowBandwidthMs: e.LOW_BANDWIDTH_TICK_MS },
      joinAnswerMaxAgeMs: e.JOIN_ANSWER_MAX_AGE_MS,
      commentsPerMinute: e.COMMENTS_PER_MINUTE,
      commentActionsPerMinute: e.COMMENT_ACTIONS_PER_MINUTE,
      compactEveryUpdates: e.COMPACT_EVERY_UPDATES,
      compactLogPercent: e.COMPACT_LOG_PERCENT,
      compactIntervalMs: e.COMPACT_INTERVAL_MS,
    },
    socketBudget: {
      updates: { perSecond: e.SOCKET_UPDATES_PER_SECOND, burst: e.SOCKET_UPDATES_BURST },
      presence: { perSecond: e.SOCKET_PRESENCE_PER_SECOND, burst: e.SOCKET_PRESENCE_BURST },
      bytes: { perSecond: e.SOCKET_BYTES_PER_SECOND, burst: e.SOCKET_BYTES_BURST },
      slowedCloseMs: e.SOCKET_SLOWED_CLOSE_MS,
    },
    session: {
      idleMs: e.SESSION_IDLE_DAYS * DAY_MS,
      absoluteMs: e.SESSION_ABSOLUTE_DAYS * DAY_MS,
    },
    clientDistDir: path.resolve(e.CLIENT_DIST_DIR),
    pdf: { chromiumPath: e.CHROMIUM_PATH, concurrent: e.PDF_CONCURRENCY, waiting: e.PDF_QUEUE },
    wordLimits: { maxUnpackedBytes: e.MAX_IMPORT_UNPACKED_BYTES, maxEntries: e.MAX_IMPORT_PARTS },
  };
}
