import { AuditStore, type AuditRecord } from "../storage/auditStore.js";
import { screenLinkIdOf } from "./screenIdentity.js";

/**
 * The audit log, where what a room records of a screen's socket (an update
 * refused as read-only, a presence claiming another name) is stored as no
 * account's, naming the link in the detail: a screen is not a row of `users`,
 * which `audit_log.user_id` refers to, and a record that broke that key would
 * fail the room's whole write.
 */
export class ScreenAwareAuditStore extends AuditStore {
  override append(records: AuditRecord[], at?: string): void {
    super.append(records.map((record) => {
      const linkId = record.userId === null ? null : screenLinkIdOf(record.userId);
      return linkId === null ? record : { ...record, userId: null, detail: { ...record.detail, screenLink: linkId } };
    }), at);
  }
}
