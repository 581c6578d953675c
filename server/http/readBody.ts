import type { Context } from "hono";
import type { z } from "zod";
import { apiError, describeZodError } from "./errors.js";

/**
 * Reads and validates a JSON body. Returns the parsed value, or a 400
 * response saying what is wrong (not JSON, or which fields are invalid).
 */
export async function readJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: apiError(c, 400, "invalid_json", "The request body is not valid JSON.") };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      response: apiError(c, 400, "invalid_body", "The request body is invalid.", describeZodError(parsed.error)),
    };
  }
  return { ok: true, value: parsed.data };
}
