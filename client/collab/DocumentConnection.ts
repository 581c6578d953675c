import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import {
  ACCORD_SUBPROTOCOL, MessageType, readAuthors, readComments, readStorageStatus, SyncMessageType, writeAuthorsRequest,
} from "../../shared/collab/messages.js";
import {
  NO_CURRENT_PARAGRAPH, readCurrentParagraph, writeCurrentParagraphRequest, writeDelivery, type DeliveryMode,
} from "../../shared/collab/currentParagraph.js";
import type { PresenceUser } from "../../shared/collab/presence.js";
import type { CommentsPayload } from "../../schemas/api.js";
import { takeOverAwarenessExpiry, type AwarenessExpiry } from "./awarenessExpiry.js";
import { AuthorDirectory } from "./AuthorDirectory.js";
import { ContentGuard } from "./ContentGuard.js";
import { countingWebSocket } from "./CountingWebSocket.js";
import { OwnRequests, type HeardParagraph } from "./discussionMoves.js";
import { forgetDepartedClocks, forgetRemoteAwareness, settleForgotten } from "./forgetRemoteAwareness.js";
import { sendOwnAwarenessOnly } from "./ownAwarenessOnly.js";
import { SaveTracker, type ConnectionState, type SaveStatus } from "./saveTracker.js";
import { schemaParams } from "./schemaParam.js";
import { screenSubprotocol } from "../../shared/collab/screenProtocol.js";

/** What the page shows about a document's connection. */
export interface CollabState {
  saveStatus: SaveStatus;
  /** Some local edit is not known to be stored. */
  unsaved: boolean;
  /** The document has been loaded from the server at least once (it stays loaded offline). */
  loaded: boolean;
  /** The server closed the connection for good (a 44xx code); the provider no longer reconnects. */
  closed: { code: number; reason: string } | null;
  /**
   * Whether the editor may show the document: `unshown` once it holds
   * content the editor cannot show (the editor is then detached for good);
   * `stale` when such a connection should give way to a fresh one (the
   * content is gone, or the socket reconnected and may bring another state).
   */
  content: "showable" | "unshown" | "stale";
  /** The paragraph under discussion as the server last said (all null before it has), and whether this window asked for it. */
  discussion: HeardParagraph;
}

/** How a connection takes part in the room; read when it is opened, changed later through its methods. */
export interface ConnectionOptions {
  /** Whether this window announces itself (editors); observers and hall screens publish no presence. */
  publishPresence?: boolean;
  /** `low`: updates merged once a second, no carets (low-bandwidth mode). */
  delivery?: DeliveryMode;
  /** A hall screen's key: the socket opens the screen link's document without a session (offered as a subprotocol, never in the URL). */
  screenKey?: string;
}

/** What a connection tells its owner besides its state. */
export interface ConnectionEvents {
  /** A socket closed before it ever opened: maybe the session is gone (the upgrade answered 401). */
  onSocketRefused?: () => void;
  /** The server says this user's role or delegation changed; the provider reconnects by itself. */
  onPermissionsChanged?: () => void;
}

/** The state before anything is known. */
export const INITIAL_COLLAB_STATE: CollabState = {
  saveStatus: "connecting", unsaved: false, loaded: false, closed: null, content: "showable", discussion: NO_CURRENT_PARAGRAPH,
};

/**
 * One open document: its Y.Doc, the content guard that keeps the editor
 * from what it cannot show, the websocket provider that syncs it, and the
 * save tracker fed by both, with their events folded into a
 * {@link CollabState} that listeners can subscribe to.
 */
export class DocumentConnection {
  readonly ydoc = new Y.Doc();
  /** Watches every transaction before its observers run; the editor registers its detaching with it. */
  readonly guard: ContentGuard;
  readonly provider: WebsocketProvider;
  /** Hooks run just before a remote document or awareness message is applied (see editor/stableSelection). */
  readonly beforeRemoteMessage = new Set<() => void>();
  /** Listeners of the server's Comments messages (threads as they now are). */
  readonly onComments = new Set<(payload: CommentsPayload) => void>();
  /** Listeners called each time the socket connects (again): a time to catch up on what was missed. */
  readonly onConnected = new Set<() => void>();
  /** Who wrote what: filled once {@link followAuthors} has been called. */
  readonly authors = new AuthorDirectory();
  private followingAuthors = false;
  private readonly tracker = new SaveTracker();
  private readonly listeners = new Set<() => void>();
  private readonly stopFilteringAwareness: () => void;
  private connection: ConnectionState = "connecting";
  private everConnected = false;
  private socketOpened = false;
  private storageFailing = false;
  private loaded = false;
  private closed: CollabState["closed"] = null;
  /** Times the socket connected, and that count when the guard tripped. */
  private connects = 0;
  private connectsWhenUnshown: number | null = null;
  private current = INITIAL_COLLAB_STATE;
  private discussion: HeardParagraph = NO_CURRENT_PARAGRAPH;
  private readonly ownRequests = new OwnRequests();
  /** Others' presence forgotten on changing delivery, until the server's snapshot has come (see forgetRemoteAwareness.ts). */
  private forgotten: number[] | null = null;
  private delivery: DeliveryMode;
  private publishing: boolean;
  private readonly expiry: AwarenessExpiry;

  /** Connects to `${wsBase}/${documentId}`, announcing the editor's schema fingerprint. */
  constructor(documentId: string, wsBase: string, private readonly events: ConnectionEvents = {}, options: ConnectionOptions = {}) {
    this.delivery = options.delivery ?? "live";
    this.publishing = options.publishPresence ?? true;
    // Before the provider exists, so the first sync is checked like every later change.
    this.guard = new ContentGuard(this.ydoc, () => {
      this.connectsWhenUnshown ??= this.connects;
      this.publish();
    });
    // Registered before the provider's own listener: the tracker must count an edit before the
    // provider sends the frame carrying it, or that frame would be credited with the old version.
    this.ydoc.on("update", this.onDocUpdate);
    this.provider = new WebsocketProvider(wsBase, documentId, this.ydoc, {
      protocols: options.screenKey ? [ACCORD_SUBPROTOCOL, screenSubprotocol(options.screenKey)] : [ACCORD_SUBPROTOCOL],
      disableBc: true,
      params: schemaParams(),
      WebSocketPolyfill: countingWebSocket(this.tracker),
    });
    // Before the socket opens: an observer's window announces nothing, not even an empty state.
    if (!this.publishing) this.provider.awareness.setLocalState(null);
    this.expiry = takeOverAwarenessExpiry(this.provider.awareness, this.expiresRemote());
    this.stopFilteringAwareness = sendOwnAwarenessOnly(this.provider, () => this.delivery === "low");
    this.installMessageHandlers();
    this.provider.on("status", ({ status }) => {
      if (status === "connected") {
        this.everConnected = this.socketOpened = true;
        this.connects += 1;
        if (this.followingAuthors) this.requestAuthors();
        if (this.delivery === "low") {
          this.sendIfOpen(writeDelivery("low"));
          // The provider sends the window's state right after this event, caret included: not in low-bandwidth mode.
          this.dropOwnCaret();
        }
        for (const listener of this.onConnected) listener();
      }
      if (status === "connecting") this.socketOpened = false;
      if (status !== "connected") this.ownRequests.forgetWaiting();
      if (status === "disconnected") {
        // Everyone's state went with the socket: the snapshot on joining again must not be dropped as old.
        forgetDepartedClocks(this.provider.awareness);
        this.forgotten = null;
      }
      // After the first connection, a new attempt means we are offline until it succeeds.
      this.connection = status === "connecting" && this.everConnected ? "disconnected" : status;
      this.publish();
    });
    this.provider.on("sync", (synced) => {
      if (synced) this.loaded = true;
      this.publish();
    });
    this.provider.on("connection-close", (event) => {
      if (event && !this.socketOpened) this.events.onSocketRefused?.();
      if (event?.code === CloseCode.PermissionsChanged) {
        // The identity this window announced is out of date until the page has the new one: announce none.
        this.provider.awareness.setLocalStateField("user", null);
        this.events.onPermissionsChanged?.();
      }
    });
    this.provider.on("closed", ({ code, reason }) => {
      this.closed = { code, reason };
      this.connection = "disconnected";
      this.publish();
    });
  }

  /** The current state; a new object only when something shown changed. */
  get state(): CollabState {
    return this.current;
  }

  /** Calls `listener` whenever {@link state} changes; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks the server for the document's authors, now and after every reconnection. */
  followAuthors(): void {
    if (this.followingAuthors) return;
    this.followingAuthors = true;
    this.requestAuthors();
  }

  private requestAuthors(): void {
    this.sendIfOpen(writeAuthorsRequest());
  }

  /** Whether the socket is open for sending. */
  private get socketOpen(): boolean {
    const socket = this.provider.ws;
    return socket !== null && socket.readyState === WebSocket.OPEN;
  }

  /** Sends `frame` when the socket is open; returns whether it was sent. */
  private sendIfOpen(frame: Uint8Array): boolean {
    if (!this.socketOpen) return false;
    this.provider.ws!.send(frame);
    return true;
  }

  /**
   * Asks the server to move the discussion to `pid` (null clears it); the
   * state changes when the server says so. Only for those who may lead the
   * discussion: from anyone else the server closes the socket. The same
   * move asked again before the server has answered is not sent twice.
   * Returns whether the request left or is already on its way (not while
   * offline).
   */
  setDiscussion(pid: string | null): boolean {
    if (this.socketOpen && this.ownRequests.awaits(pid, Date.now())) return true;
    const sent = this.sendIfOpen(writeCurrentParagraphRequest(pid));
    if (sent) this.ownRequests.ask(pid, Date.now());
    return sent;
  }

  /** Switches between live updates and low-bandwidth mode, now and on every later connection. */
  setDelivery(mode: DeliveryMode): void {
    if (mode === this.delivery) return;
    this.delivery = mode;
    this.expiry.expireRemote = this.expiresRemote();
    if (this.socketOpen) {
      // The server answers with everyone's presence as the new mode shows it, with the clocks this window
      // already holds: forgotten first, it is taken whole (carets back at once, times of last word fresh).
      const forgotten = forgetRemoteAwareness(this.provider.awareness);
      this.forgotten = [...(this.forgotten ?? []), ...forgotten];
      this.sendIfOpen(writeDelivery(mode));
    }
    // Entering low-bandwidth mode: the caret others see goes at once.
    if (mode === "low") this.dropOwnCaret();
  }

  /** Clears this window's caret from its presence (the state is then sent without it; see ownAwarenessOnly). */
  private dropOwnCaret(): void {
    const own = this.provider.awareness.getLocalState();
    if (own && own.cursor != null) this.provider.awareness.setLocalStateField("cursor", null);
  }

  /**
   * Announces this window as `user`, or nothing (null: an observer, after a
   * role change). The caret extension only adds to a state that exists.
   */
  setPresence(user: PresenceUser | null): void {
    const { awareness } = this.provider;
    this.publishing = user !== null;
    this.expiry.expireRemote = this.expiresRemote();
    if (user === null) {
      if (awareness.getLocalState() !== null) awareness.setLocalState(null);
    } else if (awareness.getLocalState() === null) {
      awareness.setLocalState({ user });
    }
  }

  /** Remote states time out only where the server renews them: for live editors (see awarenessExpiry.ts). */
  private expiresRemote(): boolean {
    return this.publishing && this.delivery === "live";
  }

  /** Closes the socket and frees the document. */
  destroy(): void {
    this.listeners.clear();
    this.onComments.clear();
    this.onConnected.clear();
    this.stopFilteringAwareness();
    this.provider.destroy();
    this.guard.destroy();
    this.ydoc.off("update", this.onDocUpdate);
    this.ydoc.destroy();
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) return;
    this.tracker.localChange();
    this.publish();
  };

  private installMessageHandlers(): void {
    const handlers = this.provider.messageHandlers;
    for (const type of [MessageType.Sync, MessageType.Awareness]) {
      const apply = handlers[type]!;
      handlers[type] = (...args) => {
        for (const hook of this.beforeRemoteMessage) hook();
        // A read-only copy of content the editor cannot show sends nothing back: the answer to the
        // server's step 1 after a reconnection would repeat every deletion this Y.Doc knows, which
        // the server would store as an update from this window.
        const [, decoder] = args;
        if (type === MessageType.Sync && this.guard.state !== "showable" && decoding.peekVarUint(decoder) === SyncMessageType.Step1) return;
        apply(...args);
        if (type === MessageType.Awareness && this.forgotten) {
          settleForgotten(this.provider.awareness, this.forgotten, this.provider);
          this.forgotten = null;
        }
      };
    }
    handlers[MessageType.Saved] = (_encoder, decoder) => {
      this.tracker.acknowledged(decoding.readVarUint(decoder));
      this.publish();
    };
    handlers[MessageType.Authors] = (_encoder, decoder) => {
      const authors = readAuthors(decoder);
      if (authors) this.authors.merge(authors);
    };
    handlers[MessageType.Comments] = (_encoder, decoder) => {
      const payload = readComments(decoder);
      if (payload) for (const listener of this.onComments) listener(payload);
    };
    handlers[MessageType.CurrentParagraph] = (_encoder, decoder) => {
      const current = readCurrentParagraph(decoder);
      if (!current) return;
      this.discussion = this.ownRequests.answers(current, Date.now()) ? { ...current, askedHere: true } : current;
      this.publish();
    };
    handlers[MessageType.StorageStatus] = (_encoder, decoder) => {
      this.storageFailing = readStorageStatus(decoder) === "failing";
      this.publish();
    };
  }

  private content(): CollabState["content"] {
    const guarded = this.guard.state;
    if (guarded === "showable") return "showable";
    const reconnected = this.connectsWhenUnshown !== null && this.connects > this.connectsWhenUnshown;
    return guarded === "showableAgain" || reconnected ? "stale" : "unshown";
  }

  private publish(): void {
    const next: CollabState = {
      saveStatus: this.tracker.status(this.connection, this.provider?.synced ?? false, this.storageFailing),
      unsaved: this.tracker.hasUnsavedChanges,
      loaded: this.loaded,
      closed: this.closed,
      content: this.content(),
      discussion: this.discussion,
    };
    const prev = this.current;
    if (prev.saveStatus === next.saveStatus && prev.unsaved === next.unsaved && prev.loaded === next.loaded &&
      prev.closed === next.closed && prev.content === next.content && prev.discussion === next.discussion) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}
