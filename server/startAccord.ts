import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { pino, type Logger } from "pino";
import { WebSocketServer } from "ws";
import { documentSchema } from "../schemas/editor/extensions.js";
import { schemaFingerprint } from "../schemas/editor/fingerprint.js";
import { ACCORD_SUBPROTOCOL } from "../shared/collab/messages.js";
import { createApp } from "./app.js";
import type { AccountsDeps } from "./commands/accounts.js";
import { LoginThrottle } from "./auth/loginThrottle.js";
import { SessionManager } from "./auth/sessions.js";
import { watchAccounts } from "./collab/accountWatch.js";
import { RoomRegistry } from "./collab/rooms.js";
import { authorEntryOfUser } from "./documents/authors.js";
import type { Config } from "./config.js";
import { seedDemo } from "./demo/seed.js";
import { openDatabase, type Db } from "./storage/database.js";
import { ScreenAwareAuditStore } from "./screens/screenAudit.js";
import { ScreenLinkStore } from "./storage/screenLinkStore.js";
import { CarriedTextStore } from "./storage/carriedTextStore.js";
import { DiscussionStore } from "./storage/discussionStore.js";
import { DeletedTextStore } from "./storage/deletedTextStore.js";
import { ProposalStore } from "./storage/proposalStore.js";
import { ClientIdStore } from "./storage/clientIdStore.js";
import { DocumentStore } from "./storage/documentStore.js";
import { FacilitatorStore } from "./storage/facilitatorStore.js";
import { InvitationStore } from "./storage/invitationStore.js";
import { RevisionStore } from "./storage/revisionStore.js";
import { CommentStore } from "./storage/commentStore.js";
import { Comments } from "./comments/comments.js";
import { LocalCommentFeed } from "./comments/commentFeed.js";
import { CommentRate } from "./comments/commentRate.js";
import { PdfPrinter, pdfUnavailable } from "./export/pdf.js";
import { SessionStore } from "./storage/sessionStore.js";
import { UserStore } from "./storage/userStore.js";

/** A running Accord server. */
export interface RunningAccord {
  url: string;
  port: number;
  db: Db;
  rooms: RoomRegistry;
  log: Logger;
  /** Every HTTP route the server answers, by method and path pattern (as Hono lists them). */
  routes: { method: string; path: string }[];
  /** Closes sockets, stores pending updates, compacts and closes the database. */
  close(): Promise<void>;
}

/** The composition root: opens storage, seeds the demo, wires HTTP and websockets, listens. */
export async function startAccord(config: Config, log: Logger = pino({ level: config.logLevel })): Promise<RunningAccord> {
  const db = openDatabase(config.dataDir);
  const users = new UserStore(db);
  const documents = new DocumentStore(db);
  const sessionStore = new SessionStore(db);
  sessionStore.deleteExpired(Date.now());
  if (config.demo) await seedDemo(db, users, documents, log);

  const sessions = new SessionManager(sessionStore, config.session);
  const audit = new ScreenAwareAuditStore(db);
  const clientIds = new ClientIdStore(db);
  const carriedText = new CarriedTextStore(db);
  const deletedText = new DeletedTextStore(db);
  const rooms = new RoomRegistry({
    store: documents, audit, clientIds, carriedText, deletedText, discussion: new DiscussionStore(db), authorOf: (userId) => authorEntryOfUser(users, userId), options: config.limits, log,
  });
  const allowedOrigins = new Set(config.allowedOrigins);
  const facilitators = new FacilitatorStore(db);
  const screenLinks = new ScreenLinkStore(db);
  const stopWatchingAccounts = watchAccounts({ rooms, users, sessions: sessionStore, facilitators, screenLinks }, log);
  const accounts: AccountsDeps = {
    db, users, invitations: new InvitationStore(db), sessions: sessionStore, audit, rooms, publicUrl: config.publicUrl,
  };
  const revisions = new RevisionStore(db);
  const comments = new Comments({
    comments: new CommentStore(db), documents, users, rooms, audit, log,
    feed: new LocalCommentFeed(rooms),
    rate: new CommentRate(config.limits.commentsPerMinute),
    actionRate: new CommentRate(config.limits.commentActionsPerMinute),
  });
  const printer = new PdfPrinter(config.pdf.chromiumPath, { concurrent: config.pdf.concurrent, waiting: config.pdf.waiting });
  const app = createApp({
    printer,
    pdfUnavailable: pdfUnavailable(config.pdf.chromiumPath),
    wordLimits: config.wordLimits,
    facilitators,
    comments,
    clientIds,
    carriedText,
    deletedText,
    proposals: new ProposalStore(db),
    screenLinks,
    accounts,
    users,
    documents,
    revisions,
    audit,
    sessions,
    rooms,
    throttle: {
      perAccountAddress: new LoginThrottle({ maxFailures: 5, windowMs: 15 * 60_000 }),
      perAddress: new LoginThrottle({ maxFailures: 50, windowMs: 15 * 60_000 }),
    },
    allowedOrigins,
    schemaFingerprint: schemaFingerprint(documentSchema()),
    secureCookies: config.publicUrl.startsWith("https:"),
    clientDistDir: config.clientDistDir,
    bodyLimits: { json: config.limits.maxJsonBodyBytes, import: config.limits.maxImportBodyBytes },
    socketBudget: config.socketBudget,
    maxMessageBytes: config.limits.maxMessageBytes,
    maxSocketBacklogBytes: config.limits.maxSocketBacklogBytes,
    log,
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.limits.maxMessageBytes,
    // No compression: a frame is then the same bytes for every socket, framed once and shared (wireFrame.ts).
    perMessageDeflate: false,
    // Only ever `accord.v1`: a hall screen also offers `accord.screen.<key>`, which is read from the request
    // (websocketRoute.ts) and must never be selected, or the key would come back in the response's headers.
    handleProtocols: (offered) => (offered.has(ACCORD_SUBPROTOCOL) ? ACCORD_SUBPROTOCOL : false),
  });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // The server's own address is always a legitimate origin, also when the port was chosen by the OS.
  allowedOrigins.add(`http://localhost:${port}`);
  allowedOrigins.add(`http://127.0.0.1:${port}`);
  const url = `http://localhost:${port}`;
  // With a port chosen by the OS, links in invitations must name the port actually used.
  if (config.port === 0) accounts.publicUrl = url;
  log.info({ url, port, dataDir: config.dataDir, origins: [...allowedOrigins] }, "listening");

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    db,
    rooms,
    log,
    routes: app.routes.map(({ method, path }) => ({ method, path })),
    close() {
      closing ??= new Promise<void>((resolve) => {
        stopWatchingAccounts();
        rooms.closeAll();
        for (const client of wss.clients) client.terminate();
        server.close(() => {
          db.close();
          void printer.close().then(resolve);
        });
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}
