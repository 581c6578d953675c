import { z } from "zod";
import { ApiError } from "../../schemas/api.js";
import { ProposalPeriod, type ApplyBody, type ProposalEdit } from "../../schemas/proposalActions.js";
import { ProposalCompilation, ProposalImportResult, ProposalView, type CompilationQuery, type ProposalBody } from "../../schemas/proposals.js";
import { jsonBody, NETWORK_FAILURE, requestJson, type ApiFailure, type ApiResult } from "./http.js";

/** A line of an imported file the importer has something to say about (line 0: the whole file). */
export type ImportNote = ProposalImportResult["notes"][number];
/** An import refused with its notes (`400 nothing_recognised`). */
const ImportRefusal = ApiError.extend({ notes: ProposalImportResult.shape.notes.optional() });

/** How a facilitator applies a proposal: its words in brackets, or as agreed text. */
export type ApplyAs = ApplyBody["as"];

/** Export formats of the compilation. */
export type CompilationFormat = "docx" | "pdf" | "html";

const base = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/proposals`;
const one = (documentId: string, id: string) => `${base(documentId)}/${encodeURIComponent(id)}`;

/** The compilation's filters as a query string ("" when none, else starting with `?` or `&` as `lead` says). */
function filterQuery(filters: CompilationQuery, lead: "?" | "&"): string {
  const params = new URLSearchParams();
  for (const key of ["delegation", "group", "kind"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.size > 0 ? `${lead}${params.toString()}` : "";
}

/** `GET /proposals`: the proposals the caller may read (own delegation's drafts, everyone's submitted ones), oldest first. */
export function listProposals(documentId: string, signal?: AbortSignal): Promise<ApiResult<ProposalView[]>> {
  return requestJson(base(documentId), z.array(ProposalView), { signal });
}

/** `POST /proposals`: a new draft in the name of the caller's delegation. */
export function createProposal(documentId: string, body: ProposalBody): Promise<ApiResult<ProposalView>> {
  return requestJson(base(documentId), ProposalView, jsonBody("POST", body));
}

/** `PATCH /proposals/:proposal`: changes one of the delegation's drafts. */
export function editProposal(documentId: string, id: string, edit: ProposalEdit): Promise<ApiResult<ProposalView>> {
  return requestJson(one(documentId, id), ProposalView, jsonBody("PATCH", edit));
}

/** `POST /proposals/:proposal/submit` or `/withdraw`. */
export function moveProposal(documentId: string, id: string, to: "submit" | "withdraw"): Promise<ApiResult<ProposalView>> {
  return requestJson(`${one(documentId, id)}/${to}`, ProposalView, { method: "POST" });
}

/** `POST /proposals/:proposal/apply`: writes a submitted proposal into the live text (facilitators, the secretariat). */
export function applyProposal(documentId: string, id: string, as: ApplyAs): Promise<ApiResult<ProposalView>> {
  return requestJson(`${one(documentId, id)}/apply`, ProposalView, jsonBody("POST", { as }));
}

/** `GET /proposals/period`: whether proposals may be made now. */
export function fetchPeriod(documentId: string, signal?: AbortSignal): Promise<ApiResult<{ open: boolean }>> {
  return requestJson(`${base(documentId)}/period`, ProposalPeriod, { signal });
}

/** `PUT /proposals/period`: opens or closes the proposal period (the secretariat). */
export function setPeriod(documentId: string, open: boolean): Promise<ApiResult<{ open: boolean }>> {
  return requestJson(`${base(documentId)}/period`, ProposalPeriod, jsonBody("PUT", { open }));
}

/** `GET /proposals/compilation`: every block with the submitted proposals on it, conflicts and counts. */
export function fetchCompilation(documentId: string, filters: CompilationQuery, signal?: AbortSignal): Promise<ApiResult<ProposalCompilation>> {
  return requestJson(`${base(documentId)}/compilation${filterQuery(filters, "?")}`, ProposalCompilation, { signal });
}

/** Where the compilation is downloaded as a file, with the same filters. */
export function compilationExportUrl(documentId: string, format: CompilationFormat, filters: CompilationQuery): string {
  return `${base(documentId)}/compilation/export?format=${format}${filterQuery(filters, "&")}`;
}

/** What an import gave: the drafts it made and its notes, or its refusal with the notes that explain it. */
export type ImportOutcome =
  | { ok: true; proposals: ProposalView[]; notes: ImportNote[] }
  | (ApiFailure & { notes: ImportNote[] });

/** `POST /proposals/import?name=`: proposals read from a .txt or .docx file's raw bytes, made drafts of the delegation. */
export async function importProposals(documentId: string, file: File): Promise<ImportOutcome> {
  let response: Response;
  try {
    response = await fetch(`${base(documentId)}/import?name=${encodeURIComponent(file.name)}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "application/octet-stream" },
      body: file,
    });
  } catch {
    return { ok: false, status: NETWORK_FAILURE, error: { error: "network", message: "" }, notes: [] };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = ProposalImportResult.safeParse(body);
    if (parsed.success) return { ok: true, ...parsed.data };
    return { ok: false, status: response.status, error: { error: "invalid_response", message: "" }, notes: [] };
  }
  const refused = ImportRefusal.safeParse(body);
  if (!refused.success) return { ok: false, status: response.status, error: { error: `http_${response.status}`, message: "" }, notes: [] };
  const { notes, ...error } = refused.data;
  return { ok: false, status: response.status, error, notes: notes ?? [] };
}
