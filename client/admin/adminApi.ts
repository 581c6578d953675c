import { z } from "zod";
import {
  AdminUserView, AuditView, DelegationView, DocumentSummary, InvitationResponse,
  type AuditQuery, type CreateDelegationBody, type CreateDocumentBody, type InviteUserBody, type UpdateUserBody,
} from "../../schemas/api.js";
import { CreatedScreenLink, ScreenLinkView, type CreateScreenLinkBody } from "../../schemas/screenLinks.js";
import { jsonBody, requestEmpty, requestJson, type ApiResult } from "../api/http.js";

const FacilitatorIds = z.object({ userIds: z.array(z.string()) });

/** `GET /api/admin/delegations`: every delegation. */
export function listDelegations(signal?: AbortSignal): Promise<ApiResult<DelegationView[]>> {
  return requestJson("/api/admin/delegations", z.array(DelegationView), { signal });
}

/** `POST /api/admin/delegations`: creates a delegation in a stakeholder group. */
export function createDelegation(body: CreateDelegationBody): Promise<ApiResult<DelegationView>> {
  return requestJson("/api/admin/delegations", DelegationView, jsonBody("POST", body));
}

/** `GET /api/admin/users`: every account, with its status. */
export function listUsers(signal?: AbortSignal): Promise<ApiResult<AdminUserView[]>> {
  return requestJson("/api/admin/users", z.array(AdminUserView), { signal });
}

/** `POST /api/admin/users`: creates an account and returns its one-time invitation link. */
export function inviteUser(body: InviteUserBody): Promise<ApiResult<InvitationResponse>> {
  return requestJson("/api/admin/users", InvitationResponse, jsonBody("POST", body));
}

/** `PATCH /api/admin/users/:id`: changes role, delegation, name or the disabled flag; effective at once. */
export function updateUser(id: string, body: UpdateUserBody): Promise<ApiResult<AdminUserView>> {
  return requestJson(`/api/admin/users/${encodeURIComponent(id)}`, AdminUserView, jsonBody("PATCH", body));
}

/** `POST /api/admin/users/:id/sign-in-unlock`: failed sign-ins no longer hold the person back anywhere. */
export function unlockSignIn(id: string): Promise<ApiResult<AdminUserView>> {
  return requestJson(`/api/admin/users/${encodeURIComponent(id)}/sign-in-unlock`, AdminUserView, { method: "POST" });
}

/** `POST /api/admin/users/:id/password-reset`: a new one-time link to set a password. */
export function resetPassword(id: string): Promise<ApiResult<InvitationResponse>> {
  return requestJson(`/api/admin/users/${encodeURIComponent(id)}/password-reset`, InvitationResponse, { method: "POST" });
}

/** `POST /api/admin/documents`: creates an empty document. */
export function createDocument(body: CreateDocumentBody): Promise<ApiResult<DocumentSummary>> {
  return requestJson("/api/admin/documents", DocumentSummary, jsonBody("POST", body));
}

/** `GET /api/admin/documents/:id/facilitators`: the accounts named facilitator of a document. */
export async function listFacilitators(documentId: string, signal?: AbortSignal): Promise<ApiResult<string[]>> {
  const result = await requestJson(`/api/admin/documents/${encodeURIComponent(documentId)}/facilitators`, FacilitatorIds, { signal });
  return result.ok ? { ok: true, value: result.value.userIds } : result;
}

/** `PUT /api/admin/documents/:id/facilitators`: replaces the facilitators of a document. */
export async function saveFacilitators(documentId: string, userIds: string[]): Promise<ApiResult<string[]>> {
  const path = `/api/admin/documents/${encodeURIComponent(documentId)}/facilitators`;
  const result = await requestJson(path, FacilitatorIds, jsonBody("PUT", { userIds }));
  return result.ok ? { ok: true, value: result.value.userIds } : result;
}

const ScreenLinks = z.object({ links: z.array(ScreenLinkView) });

/** `GET /api/documents/:id/screen-links`: a document's screen links, newest first, revoked ones included. */
export async function listScreenLinks(documentId: string, signal?: AbortSignal): Promise<ApiResult<ScreenLinkView[]>> {
  const result = await requestJson(`/api/documents/${encodeURIComponent(documentId)}/screen-links`, ScreenLinks, { signal });
  return result.ok ? { ok: true, value: result.value.links } : result;
}

/** `POST /api/documents/:id/screen-links`: a new screen link, with its key (shown this once). */
export function createScreenLink(documentId: string, body: CreateScreenLinkBody): Promise<ApiResult<CreatedScreenLink>> {
  return requestJson(`/api/documents/${encodeURIComponent(documentId)}/screen-links`, CreatedScreenLink, jsonBody("POST", body));
}

/** `DELETE /api/documents/:id/screen-links/:linkId`: revokes a link (true once done); the screens showing it stop at once. */
export async function revokeScreenLink(documentId: string, linkId: string): Promise<ApiResult<true>> {
  const path = `/api/documents/${encodeURIComponent(documentId)}/screen-links/${encodeURIComponent(linkId)}`;
  const result = await requestEmpty(path, { method: "DELETE" });
  return result.ok ? { ok: true, value: true } : result;
}

/** The query string of the audit log filters, without empty ones (shared by the table and the CSV link). */
export function auditQueryString(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return params.toString();
}

/** `GET /api/admin/audit`: audit records matching the filters, newest first. */
export function searchAudit(query: AuditQuery, signal?: AbortSignal): Promise<ApiResult<AuditView[]>> {
  const qs = auditQueryString(query);
  return requestJson(`/api/admin/audit${qs ? `?${qs}` : ""}`, z.array(AuditView), { signal });
}

/** Address of `GET /api/admin/audit.csv` for the same filters. */
export function auditCsvHref(query: AuditQuery): string {
  const qs = auditQueryString(query);
  return `/api/admin/audit.csv${qs ? `?${qs}` : ""}`;
}
