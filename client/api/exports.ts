import { z } from "zod";
import { NETWORK_FAILURE, requestJson, type ApiFailure } from "./http.js";
import { ApiError } from "../../schemas/api.js";

/** What the server says when the agreed text cannot be exported yet. */
const OpenParagraphs = z.object({
  error: z.literal("paragraphs_open"),
  message: z.string(),
  paragraphs: z.array(z.object({ pid: z.string(), reference: z.string() })),
});
export type OpenParagraphs = z.infer<typeof OpenParagraphs>;

/** An export's options, as `GET /api/documents/:id/export` takes them. */
export interface ExportRequest {
  variant: "agreed" | "negotiation" | "comments";
  format: "docx" | "pdf" | "html" | "md";
  revision?: number;
  open?: "stop" | "mark";
  compilation?: boolean;
}

/** The file an export gave, or why there is none (open paragraphs are told apart). */
export type ExportOutcome =
  | { ok: true; file: Blob; name: string }
  | { ok: false; open: OpenParagraphs }
  | ApiFailure;

/** The file name a download names in Content-Disposition (its UTF-8 form first), or `fallback`. */
function downloadName(header: string | null, fallback: string): string {
  const encoded = header?.match(/filename\*=UTF-8''([^;]+)/)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return header?.match(/filename="([^"]+)"/)?.[1] ?? fallback;
}

/** Fetches an export of a document as a file. */
export async function fetchExport(documentId: string, request: ExportRequest): Promise<ExportOutcome> {
  const query = new URLSearchParams({ variant: request.variant, format: request.format });
  if (request.revision !== undefined) query.set("revision", String(request.revision));
  if (request.open) query.set("open", request.open);
  if (request.compilation) query.set("compilation", "1");
  let response: Response;
  try {
    response = await fetch(`/api/documents/${encodeURIComponent(documentId)}/export?${query}`, { credentials: "same-origin" });
  } catch {
    return { ok: false, status: NETWORK_FAILURE, error: { error: "network", message: "" } };
  }
  if (response.ok) {
    return { ok: true, file: await response.blob(), name: downloadName(response.headers.get("content-disposition"), `export.${request.format}`) };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const open = OpenParagraphs.safeParse(body);
  if (response.status === 409 && open.success) return { ok: false, open: open.data };
  const error = ApiError.safeParse(body);
  return { ok: false, status: response.status, error: error.success ? error.data : { error: `http_${response.status}`, message: "" } };
}

/** Which formats the server can give (PDF needs Chromium on its machine). */
export const ExportFormats = z.object({ pdf: z.boolean(), pdfUnavailable: z.string().nullable() });
export type ExportFormats = z.infer<typeof ExportFormats>;

/** `GET /api/documents/:id/export/formats`. */
export function exportFormats(documentId: string, signal?: AbortSignal) {
  return requestJson(`/api/documents/${encodeURIComponent(documentId)}/export/formats`, ExportFormats, { signal });
}

/** Hands a file to the browser as a download. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
