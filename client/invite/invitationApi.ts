import { InvitationView, SessionResponse, type UserView } from "../../schemas/api.js";
import { jsonBody, requestJson, type ApiResult } from "../api/http.js";

/** `GET /api/auth/invitations/:token`: the account the link opens; 404/410 when unknown, used or expired. */
export function fetchInvitation(token: string, signal?: AbortSignal): Promise<ApiResult<InvitationView>> {
  return requestJson(`/api/auth/invitations/${encodeURIComponent(token)}`, InvitationView, { signal });
}

/** `POST /api/auth/invitations/:token`: sets the password once; the server signs the user in. */
export async function acceptInvitation(token: string, password: string): Promise<ApiResult<UserView>> {
  const result = await requestJson(`/api/auth/invitations/${encodeURIComponent(token)}`, SessionResponse, jsonBody("POST", { password }));
  return result.ok ? { ok: true, value: result.value.user } : result;
}
