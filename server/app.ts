import fs from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { SocketBudgetLimits } from "./collab/socketBudget.js";
import type { Logger } from "pino";
import type { LoginThrottle } from "./auth/loginThrottle.js";
import type { SessionManager } from "./auth/sessions.js";
import { websocketRoutes } from "./http/routes/websocketRoute.js";
import type { RoomRegistry } from "./collab/rooms.js";
import type { Comments } from "./comments/comments.js";
import type { PdfPrinter } from "./export/pdf.js";
import type { WordLimits } from "./commands/wordFile.js";
import { originGuard, sessionMiddleware, type AppEnv } from "./http/auth.js";
import { apiBodyLimit, type BodyLimits } from "./http/bodyLimit.js";
import { apiError } from "./http/errors.js";
import { authRoutes } from "./http/routes/authRoutes.js";
import { adminRoutes } from "./http/routes/adminRoutes.js";
import { documentRoutes } from "./http/routes/documentRoutes.js";
import { screenLinkRoutes } from "./http/routes/screenLinkRoutes.js";
import type { AccountsDeps } from "./commands/accounts.js";
import { DamagedStateError } from "./documents/loadDocument.js";
import type { AuditStore } from "./storage/auditStore.js";
import type { CarriedTextStore } from "./storage/carriedTextStore.js";
import type { DeletedTextStore } from "./storage/deletedTextStore.js";
import type { ProposalStore } from "./storage/proposalStore.js";
import type { ClientIdStore } from "./storage/clientIdStore.js";
import type { FacilitatorStore } from "./storage/facilitatorStore.js";
import type { DocumentStore } from "./storage/documentStore.js";
import type { RevisionStore } from "./storage/revisionStore.js";
import type { ScreenLinkStore } from "./storage/screenLinkStore.js";
import type { UserStore } from "./storage/userStore.js";

/** Everything the HTTP app is built from; wired in main.ts. */
export interface AppDeps {
  users: UserStore;
  documents: DocumentStore;
  revisions: RevisionStore;
  audit: AuditStore;
  facilitators: FacilitatorStore;
  clientIds: ClientIdStore;
  carriedText: CarriedTextStore;
  deletedText: DeletedTextStore;
  proposals: ProposalStore;
  /** Read-only screen links: the projector in the hall opens a document with one, without signing in. */
  screenLinks: ScreenLinkStore;
  accounts: AccountsDeps;
  sessions: SessionManager;
  rooms: RoomRegistry;
  /** Paragraph comments: reads, writes and their live delivery. */
  comments: Comments;
  /** PDF exports, printed by Chromium; `pdfUnavailable` says why not when it is missing. */
  printer: PdfPrinter;
  pdfUnavailable: string | null;
  /** Word files to import: what they may unpack to, and how many parts they may hold. */
  wordLimits: WordLimits;
  /**
   * Failed sign-ins counted per account and address (the guesser of one
   * account) and per address (the guesser of many), never per account alone:
   * a guesser elsewhere cannot lock the owner out.
   */
  throttle: { perAccountAddress: LoginThrottle; perAddress: LoginThrottle };
  allowedOrigins: Set<string>;
  schemaFingerprint: string;
  secureCookies: boolean;
  clientDistDir: string;
  /** Largest request bodies, in bytes: every API route, and the import of a text file. */
  bodyLimits: BodyLimits;
  /** What one socket may send per second; past it the socket is slowed, then closed. */
  socketBudget: SocketBudgetLimits;
  /** The largest websocket frame the server reads. */
  maxMessageBytes: number;
  /** Unsent bytes past which a socket is closed as a slow reader. */
  maxSocketBacklogBytes: number;
  log: Logger;
}

/** The Hono app: JSON API under /api, websockets under /ws, the built client for everything else. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // First: an oversized body is refused before anything else is looked up for it.
  app.use("/api/*", apiBodyLimit(deps.bodyLimits));
  app.use("*", sessionMiddleware(deps.sessions, deps.users));
  app.use("/api/*", originGuard(deps.allowedOrigins));
  app.route("/api/auth", authRoutes(deps));
  // Before the document routes, which want a session: opening a screen link (`POST /api/screens`) needs none.
  app.route("/api", screenLinkRoutes(deps));
  app.route("/api/documents", documentRoutes(deps));
  app.route("/api/admin", adminRoutes(deps));
  app.all("/api/*", (c) => apiError(c, 404, "not_found", "No such API endpoint."));
  app.route("/ws/documents", websocketRoutes(deps));

  app.onError((err, c) => {
    if (err instanceof DamagedStateError) {
      deps.log.error({ err, path: c.req.path }, "document unavailable: its compacted state does not load");
      return apiError(c, 503, "document_unavailable", "This document cannot be loaded from storage. The secretariat can run: npm run admin -- document check ID");
    }
    deps.log.error({ err, path: c.req.path }, "unhandled error");
    return apiError(c, 500, "internal_error", "Something went wrong on the server.");
  });

  const indexPath = path.join(deps.clientDistDir, "index.html");
  const root = path.relative(process.cwd(), deps.clientDistDir) || ".";
  app.use("/assets/*", serveStatic({ root }));
  app.use("/favicon.svg", serveStatic({ root }));
  // Client-side routes (/, /login, /documents/:id) all get the single-page app.
  app.get("*", (c) => {
    if (!fs.existsSync(indexPath)) {
      return c.text("The client is not built. Run `npm run build` (npm start does it for you).", 503);
    }
    return c.html(fs.readFileSync(indexPath, "utf8"));
  });
  return app;
}
