import { ImportResponse, type ImportQuery } from "../../schemas/api.js";
import { requestJson, type ApiResult } from "./http.js";

/** `POST /api/documents/import?title=&language=`: creates a document from a text file's raw bytes (secretariat). */
export function importDocument(file: Blob, query: ImportQuery): Promise<ApiResult<ImportResponse>> {
  const params = new URLSearchParams();
  if (query.title) params.set("title", query.title);
  if (query.language) params.set("language", query.language);
  const search = params.size > 0 ? `?${params.toString()}` : "";
  return requestJson(`/api/documents/import${search}`, ImportResponse, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: file,
  });
}
