import { z } from "zod";
import { DocumentDetail, DocumentSummary, type DocumentDetailsBody } from "../../schemas/api.js";
import { jsonBody, requestJson, type ApiResult } from "./http.js";

/** `GET /api/documents`: every document the user can open. */
export function listDocuments(signal?: AbortSignal): Promise<ApiResult<DocumentSummary[]>> {
  return requestJson("/api/documents", z.array(DocumentSummary), { signal });
}

/** `GET /api/documents/:id`: one document's summary and the user's role in it, or a 404 failure. */
export function fetchDocument(id: string, signal?: AbortSignal): Promise<ApiResult<DocumentDetail>> {
  return requestJson(`/api/documents/${encodeURIComponent(id)}`, DocumentDetail, { signal });
}

/** `PATCH /api/documents/:id`: what the document prints in its header (secretariat). */
export function describeDocument(id: string, details: DocumentDetailsBody): Promise<ApiResult<DocumentDetail>> {
  return requestJson(`/api/documents/${encodeURIComponent(id)}`, DocumentDetail, jsonBody("PATCH", details));
}

/** `POST /api/documents/:id/publish`: a draft becomes readable by every participant (secretariat). */
export function publishDocument(id: string): Promise<ApiResult<DocumentDetail>> {
  return requestJson(`/api/documents/${encodeURIComponent(id)}/publish`, DocumentDetail, { method: "POST" });
}
