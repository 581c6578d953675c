import { z } from "zod";
import { RevisionView, type IssueRevisionBody } from "../../schemas/api.js";
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
