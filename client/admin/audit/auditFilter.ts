import type { DateValue } from "react-aria-components";
import type { AuditQuery } from "../../../schemas/api.js";
import { startOfDay } from "../ui/DateFilterField.js";

/** The audit log filters as the form holds them. */
export interface AuditFilter {
  documentId: string | null;
  /** An action code or its beginning ("paragraph." matches every paragraph action). */
  action: string;
  userId: string | null;
  from: DateValue | null;
  /** Inclusive: the whole of this day counts. */
  to: DateValue | null;
}

/** No filter: the whole log, newest first. */
export const EMPTY_AUDIT_FILTER: AuditFilter = { documentId: null, action: "", userId: null, from: null, to: null };

/** The API query for a filter; days are the user's local days, sent as ISO instants. */
export function toAuditQuery(filter: AuditFilter): AuditQuery {
  const query: AuditQuery = {};
  if (filter.documentId) query.documentId = filter.documentId;
  if (filter.action.trim()) query.action = filter.action.trim();
  if (filter.userId) query.userId = filter.userId;
  if (filter.from) query.from = startOfDay(filter.from).toISOString();
  // The server's upper bound is exclusive: up to the start of the next day.
  if (filter.to) query.to = startOfDay(filter.to, 1).toISOString();
  return query;
}
