import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import type { AuditRecord, AuditStore } from "../storage/auditStore.js";
import type { CarriedTextStore } from "../storage/carriedTextStore.js";
import type { ClientIdStore } from "../storage/clientIdStore.js";
import type { DeletedRange, DeletedTextStore } from "../storage/deletedTextStore.js";
import type { DocumentStore, UpdateToAppend } from "../storage/documentStore.js";

/** Everything one flush of a room writes: its updates and what came with them. */
export interface BatchToStore {
  updates: UpdateToAppend[];
  audit: AuditRecord[];
  /** Client ids first used by this batch, with their users. */
  bindings: ReadonlyMap<number, string>;
  carried: CarriedRange<string | null>[];
  /** Items the batch's updates deleted, with who sent each update. */
  deleted?: DeletedRange[];
  /** Rows of a server command (a revision) written in the same transaction. */
  alongside?: () => void;
}

/**
 * The store step. Behind this interface a room does not know SQLite; the
 * batch is written whole or not at all.
 */
export interface RoomStorage {
  /** Writes the batch in one transaction; returns the seqs of its updates, in order. Throws if nothing was stored. */
  store(batch: BatchToStore): number[];
}

/** What the SQLite storage of a room is built from. */
export interface SqliteRoomStorageDeps {
  store: DocumentStore;
  audit: AuditStore;
  clientIds: ClientIdStore;
  carriedText: CarriedTextStore;
  deletedText: DeletedTextStore;
}

/** A room's storage in SQLite: one transaction, one fsync per batch. */
export class SqliteRoomStorage implements RoomStorage {
  constructor(
    private readonly documentId: string,
    private readonly deps: SqliteRoomStorageDeps,
  ) {}

  store(batch: BatchToStore): number[] {
    return this.deps.store.append(this.documentId, batch.updates, () => {
      this.deps.audit.append(batch.audit);
      this.deps.clientIds.bind(this.documentId, new Map(batch.bindings));
      this.deps.carriedText.add(this.documentId, batch.carried);
      this.deps.deletedText.add(this.documentId, batch.deleted ?? [], new Date().toISOString());
      batch.alongside?.();
    });
  }
}
