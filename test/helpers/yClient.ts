import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import * as Y from "yjs";
import { ACCORD_SUBPROTOCOL, isDocumentChange, MessageType } from "../../shared/collab/messages.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import * as decoding from "lib0/decoding";
import { readCurrentParagraph, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";

/** A Node Yjs client over a real websocket, signed in through its cookie. */
export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Highest Saved count the server has sent on the current socket. */
  saved(): number;
  /** Waits for the initial sync. */
  synced(): Promise<void>;
  /** Resolves when the server has acknowledged every document change sent so far on this socket. */
  allSaved(): Promise<void>;
  text(): string;
  /** The last storage status the server reported ("ok" or "failing"). */
  storageStatus(): string;
  /** The paragraph under discussion as the server last said, or null before it said. */
  currentParagraph(): CurrentParagraph | null;
  destroy(): void;
}

/** A ws WebSocket class that sends the session cookie and an Origin header. */
export function authenticatedWebSocket(
  cookie: string,
  origin: string,
  onSend: (frame: Uint8Array) => void = () => {},
): typeof WebSocket {
  class AuthenticatedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
    override send(data: Uint8Array, ...rest: unknown[]): void {
      onSend(data);
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  return AuthenticatedWebSocket as unknown as typeof WebSocket;
}

/** Connects a stock y-websocket provider the way the Accord client does (with save acknowledgements). */
export function connectYClient(wsBase: string, documentId: string, cookie: string, origin: string): YClient {
  const doc = new Y.Doc();
  let saved = 0;
  let sent = 0;
  let storage = "ok";
  const waiters: { n: number; resolve: () => void }[] = [];
  const provider = new WebsocketProvider(wsBase, documentId, doc, {
    WebSocketPolyfill: authenticatedWebSocket(cookie, origin, (frame) => {
      if (isDocumentChange(frame)) sent += 1;
    }) as unknown as typeof globalThis.WebSocket,
    protocols: [ACCORD_SUBPROTOCOL],
    disableBc: true,
    maxBackoffTime: 500,
  });
  provider.messageHandlers[MessageType.Saved] = (_encoder, decoder: decoding.Decoder) => {
    saved = decoding.readVarUint(decoder);
    for (const w of waiters.splice(0)) (saved >= w.n ? w.resolve : () => waiters.push(w))();
  };
  provider.messageHandlers[MessageType.StorageStatus] = (_encoder, decoder: decoding.Decoder) => {
    storage = decoding.readVarString(decoder);
  };
  // The paragraph under discussion, sent to every Accord socket on join: read and kept, as the editor does.
  let discussed: CurrentParagraph | null = null;
  provider.messageHandlers[MessageType.CurrentParagraph] = (_encoder, decoder: decoding.Decoder) => {
    discussed = readCurrentParagraph(decoder);
  };
  provider.on("status", ({ status }) => {
    if (status === "connected") saved = sent = 0;
  });
  return {
    doc,
    provider,
    saved: () => saved,
    synced: () =>
      new Promise((resolve) => {
        if (provider.synced) resolve();
        else provider.once("sync", () => resolve());
      }),
    allSaved: () =>
      new Promise((resolve) => {
        if (saved >= sent) resolve();
        else waiters.push({ n: sent, resolve });
      }),
    text: () => fragmentText(doc),
    storageStatus: () => storage,
    currentParagraph: () => discussed,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The plain text of a document's content, one line per block. */
export function fragmentText(doc: Y.Doc): string {
  return doc
    .getXmlFragment(CONTENT_FIELD)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? plainText(t) : "")).join("") : ""))
    .join("\n");
}

/** Polls until `check` passes or `timeoutMs` elapses. */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

/**
 * A raw Yjs client of a document, signed in with `cookie` and synced, that
 * ignores comment frames; kept in `into` so the test can destroy it.
 */
export async function syncedClient(
  server: { wsBase: string; origin: string },
  documentId: string,
  cookie: string,
  into: YClient[],
): Promise<YClient> {
  const client = connectYClient(server.wsBase, documentId, cookie, server.origin);
  client.provider.messageHandlers[MessageType.Comments] = () => {};
  into.push(client);
  await client.synced();
  return client;
}
