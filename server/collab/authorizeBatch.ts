import type { Logger } from "pino";
import * as Y from "yjs";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import type { AuditRecord } from "../storage/auditStore.js";
import type { LostContent } from "../documents/lostContent.js";
import type { Refusal } from "./authorizeUpdate.js";
import type { ClientIdBindings } from "./clientIdBindings.js";
import type { Connection } from "./Connection.js";
import type { DecodedUpdate } from "./protocol.js";
import type { RoomAuthorship } from "./roomAuthorship.js";
import type { RoomDocument } from "./RoomDocument.js";

/** A document-changing message waiting for the next flush. */
export interface PendingChange {
  connection: Connection;
  /** Null for a message that changes nothing but still needs its acknowledgement. */
  update: Uint8Array | null;
  /** The update as decoded once on arrival. */
  decoded: DecodedUpdate | null;
  /** Its structs and deleted ranges: the measure of the work it takes. */
  items: number;
}

/** A change the rules accepted, with what it really changed. */
export interface AcceptedChange extends PendingChange {
  /** The update as applied (what is stored and sent), or null if it changed nothing. */
  applied: Uint8Array | null;
  /** Words it moved, with their true authors; the items of text it deleted. */
  carried: CarriedRange<string | null>[];
  deleted: { client: number; clock: number; length: number }[];
}

/** What authorizing a batch reads and changes of its room. */
export interface BatchContext {
  documentId: string;
  document: RoomDocument;
  bindings: ClientIdBindings;
  /** Content of set-aside updates, which a window may send back. */
  lost: LostContent;
  authorship: RoomAuthorship;
  log: Logger;
  /** Closes a socket whose update was refused; returns the refusal's audit record. */
  refuse: (connection: Connection, refusal: Refusal) => AuditRecord;
}

/**
 * The bind and authorize steps for a batch, update by update, each seeing
 * the ones accepted before it. A refused update closes its socket, and
 * that socket's later updates in the batch are dropped; the others go on.
 */
export function authorizeBatch(batch: PendingChange[], room: BatchContext): { accepted: AcceptedChange[]; audit: AuditRecord[]; refusals: AuditRecord[] } {
  const accepted: AcceptedChange[] = [];
  const audit: AuditRecord[] = [];
  const refusals: AuditRecord[] = [];
  room.authorship.beginBatch();
  for (const change of batch) {
    const { connection, update, decoded } = change;
    if (connection.refused) continue;
    if (update === null || decoded === null) {
      accepted.push({ ...change, applied: null, carried: [], deleted: [] });
      continue;
    }
    const claim = room.bindings.claim(decoded, connection.user.id, (id) => Y.getState(room.document.candidate.doc.store, id),
      (struct) => room.lost.matches(struct));
    if (!claim.ok) {
      refusals.push(room.refuse(connection, {
        code: CloseCode.Forbidden, rule: { rule: "stolenClientId" }, reason: `Client id ${claim.stolen} is not yours: it already wrote text of this document.`, pid: null,
      }));
      continue;
    }
    const verdict = room.document.tryUpdate(update, decoded, connection.user, room.authorship);
    if (!verdict.ok) {
      room.bindings.unbind(claim.bound);
      refusals.push(room.refuse(connection, verdict.refusal));
      continue;
    }
    // Known at once, so a later update of the batch that moves the same words again keeps their authors.
    room.authorship.addToBatch(verdict.carried);
    accepted.push({ ...change, applied: verdict.applied, carried: verdict.carried, deleted: verdict.deleted });
    for (const entry of verdict.audit) audit.push({ ...entry, userId: connection.user.id, documentId: room.documentId });
    if (claim.resupplied.length > 0) {
      audit.push({ userId: connection.user.id, documentId: room.documentId, pid: null, action: "document.restored",
        detail: { ranges: claim.resupplied } });
      room.log.warn({ documentId: room.documentId, userId: connection.user.id, ranges: claim.resupplied },
        "a window sent back content of a set-aside update; it is stored as its author's");
    }
  }
  return { accepted, audit, refusals };
}

