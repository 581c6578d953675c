import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { ApiError } from "../../schemas/api.js";

/** Sends an API error: a stable machine id plus a sentence for humans. */
export function apiError(c: Context, status: ContentfulStatusCode, error: string, message: string,
  issues?: ApiError["issues"]): Response {
  const body: ApiError = issues ? { error, message, issues } : { error, message };
  return c.json(body, status);
}

/** Lists what is wrong with a body, one entry per field. */
export function describeZodError(err: ZodError): NonNullable<ApiError["issues"]> {
  return err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}
