import type { z } from "zod";
import { ApiError } from "../../schemas/api.js";

/** Status used for a request that never got an HTTP response (offline, server down). */
export const NETWORK_FAILURE = 0;

/** An expected failure of an API call: the HTTP status and the server's error body. */
export interface ApiFailure {
  ok: false;
  status: number;
  error: ApiError;
}

/** The outcome of an API call; failures are values, not exceptions. */
export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

/** Sends a request to the Accord API and validates a JSON response with `schema`. */
export async function requestJson<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<ApiResult<T>> {
  const response = await send(path, init);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failure(response);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    return { ok: false, status: response.status, error: { error: "invalid_response", message: "" } };
  }
  return { ok: true, value: parsed.data };
}

/** Sends a request whose success carries no body (204). */
export async function requestEmpty(path: string, init: RequestInit = {}): Promise<ApiResult<null>> {
  const response = await send(path, init);
  if (!(response instanceof Response)) return response;
  return response.ok ? { ok: true, value: null } : failure(response);
}

/** Options for a JSON request body. */
export function jsonBody(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

async function send(path: string, init: RequestInit): Promise<Response | ApiFailure> {
  try {
    return await fetch(path, { credentials: "same-origin", ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    return { ok: false, status: NETWORK_FAILURE, error: { error: "network", message: "" } };
  }
}

async function failure(response: Response): Promise<ApiFailure> {
  const parsed = ApiError.safeParse(await response.json().catch(() => undefined));
  return {
    ok: false,
    status: response.status,
    error: parsed.success ? parsed.data : { error: `http_${response.status}`, message: "" },
  };
}
