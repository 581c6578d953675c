import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/collab/messages.js";

/** Different state vectors whose answers are kept at once; a reconnect storm asks with a handful. */
const MAX_CACHED_ANSWERS = 16;
/** Bytes of answers kept at once: a few whole documents, whatever state vectors clients make up. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/**
 * The frames a joining socket is sent, encoded once per state of the
 * document and shared by every join until the next change: the server's
 * sync step 1, and the answer (sync step 2) to each distinct state vector a
 * client asks with. Three thousand observers joining a 1 MB document cost
 * one encoding, not three thousand, and hold one copy of its bytes.
 */
export class JoinState {
  private step1: Uint8Array | null = null;
  /** The document object the cached frames were encoded from: a room that reloads replaces it. */
  private cachedFor: Y.Doc | null = null;
  private readonly answers = new Map<string, Uint8Array>();
  private cachedBytes = 0;
  /** Encodings made and answers served from the cache, for tests and diagnostics. */
  readonly stats = { encoded: 0, shared: 0 };

  constructor(private readonly doc: () => Y.Doc) {}

  /** The first message of the sync handshake: the server's state vector. */
  syncStep1(): Uint8Array {
    this.checkDocument();
    if (!this.step1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep1(encoder, this.doc());
      this.step1 = encoding.toUint8Array(encoder);
    }
    return this.step1;
  }

  /** The answer to a client's sync step 1: what the document has beyond `stateVector`. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    this.checkDocument();
    const known = this.known(stateVector);
    const key = Buffer.from(known).toString("latin1");
    const cached = this.answers.get(key);
    if (cached) {
      this.stats.shared += 1;
      return cached;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(this.doc(), known));
    const answer = encoding.toUint8Array(encoder);
    this.stats.encoded += 1;
    this.answers.set(key, answer);
    this.cachedBytes += answer.length;
    for (const [oldest, bytes] of this.answers) {
      if (this.answers.size <= MAX_CACHED_ANSWERS && this.cachedBytes <= MAX_CACHED_BYTES) break;
      this.answers.delete(oldest);
      this.cachedBytes -= bytes.length;
    }
    return answer;
  }

  /**
   * A client's state vector as far as this document knows it: clients it has
   * never seen left out, clocks past its own cut to them. The answer is the
   * same, and clients cannot make up new cache entries by naming strangers.
   */
  private known(stateVector: Uint8Array): Uint8Array {
    const store = this.doc().store;
    const known = new Map<number, number>();
    for (const [client, clock] of Y.decodeStateVector(stateVector)) {
      const own = Y.getState(store, client);
      if (own > 0 && clock > 0) known.set(client, Math.min(clock, own));
    }
    const encoder = encoding.createEncoder();
    const clients = [...known.keys()].sort((a, b) => a - b);
    encoding.writeVarUint(encoder, clients.length);
    for (const client of clients) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, known.get(client)!);
    }
    return encoding.toUint8Array(encoder);
  }

  private checkDocument(): void {
    const doc = this.doc();
    if (doc !== this.cachedFor) this.invalidate();
    this.cachedFor = doc;
  }

  /** The document changed (or was replaced): every cached frame is out of date. */
  invalidate(): void {
    this.step1 = null;
    this.answers.clear();
    this.cachedBytes = 0;
  }
}
