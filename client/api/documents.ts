import { z } from "zod";
import { DocumentDetail, DocumentSummary } from "../../schemas/api.js";
import { requestJson, type ApiResult } from "./http.js";

/** `GET /api/documents`: every document the user can open. */
export function listDocuments(signal?: AbortSignal): Promise<ApiResult<DocumentSummary[]>> {
  return requestJson("/api/documents", z.array(DocumentSummary), { signal });
}

/** `GET /api/documents/:id`: one document's summary and the user's role in it, or a 404 failure. */
export function fetchDocument(id: string, signal?: AbortSignal): Promise<ApiResult<DocumentDetail>> {
  return requestJson(`/api/documents/${encodeURIComponent(id)}`, DocumentDetail, { signal });
}
