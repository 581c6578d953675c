import { z } from "zod";
import { RevisionView, type IssueRevisionBody } from "../../schemas/api.js";
import { ComparisonView, RevisionTextView } from "../../schemas/compare.js";
import { jsonBody, requestJson, type ApiResult } from "./http.js";

const base = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/revisions`;

/** `GET /api/documents/:id/revisions`: the revisions issued so far, oldest first. */
export function listRevisions(documentId: string, signal?: AbortSignal): Promise<ApiResult<RevisionView[]>> {
  return requestJson(base(documentId), z.array(RevisionView), { signal });
}

/** `POST /api/documents/:id/revisions`: freezes the numbering as a new revision (facilitators). */
export function issueRevision(documentId: string, body: IssueRevisionBody): Promise<ApiResult<RevisionView>> {
  return requestJson(base(documentId), RevisionView, jsonBody("POST", body));
}

/** Where a comparison is asked for: an issued revision against a later one or the text now, in a format. */
export function comparisonUrl(documentId: string, from: number, to: number | "live", format: "json" | "docx" | "pdf" | "html" = "json"): string {
  return `/api/documents/${encodeURIComponent(documentId)}/compare?from=${from}&to=${to}${format === "json" ? "" : `&format=${format}`}`;
}

/** `GET /api/documents/:id/compare`: revision `from` compared with `to`, paragraph by paragraph, each change naming who made it. */
export function fetchComparison(documentId: string, from: number, to: number | "live", signal?: AbortSignal): Promise<ApiResult<ComparisonView>> {
  return requestJson(comparisonUrl(documentId, from, to), ComparisonView, { signal });
}

/** `GET /api/documents/:id/revisions/:n`: an issued revision's text as it was, with the labels it had. */
export function fetchRevisionText(documentId: string, number: number, signal?: AbortSignal): Promise<ApiResult<RevisionTextView>> {
  return requestJson(`${base(documentId)}/${number}`, RevisionTextView, { signal });
}
