import { SessionResponse, type LoginBody, type UpdateMeBody, type UserView } from "../../schemas/api.js";
import { jsonBody, requestEmpty, requestJson, type ApiResult } from "./http.js";

/** `POST /api/auth/login`: signs in; the server sets the session cookie. */
export async function login(body: LoginBody): Promise<ApiResult<UserView>> {
  const result = await requestJson("/api/auth/login", SessionResponse, jsonBody("POST", body));
  return result.ok ? { ok: true, value: result.value.user } : result;
}

/** `POST /api/auth/logout`: ends the session and clears the cookie. */
export function logout(): Promise<ApiResult<null>> {
  return requestEmpty("/api/auth/logout", { method: "POST" });
}

/** `GET /api/auth/me`: the signed-in user, or a 401 failure. */
export async function fetchCurrentUser(signal?: AbortSignal): Promise<ApiResult<UserView>> {
  const result = await requestJson("/api/auth/me", SessionResponse, { signal });
  return result.ok ? { ok: true, value: result.value.user } : result;
}

/** `PATCH /api/auth/me`: stores the signed-in account's settings (its interface language). */
export async function updateMe(body: UpdateMeBody): Promise<ApiResult<UserView>> {
  const result = await requestJson("/api/auth/me", SessionResponse, jsonBody("PATCH", body));
  return result.ok ? { ok: true, value: result.value.user } : result;
}
