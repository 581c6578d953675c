import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { ApiError } from "../../schemas/api.js";

/**
 * The variable parts of an error's sentence, for the client to word it
 * (`errors.<id>` in client/i18n/en.json); a number the sentence's plural
 * follows is `count`, as i18next's plural rules read it.
 */
export type ErrorParams = NonNullable<ApiError["params"]>;

/** An error's English sentence with its variable parts. */
export interface ErrorWords {
  message: string;
  params: ErrorParams;
}

/**
 * Sends an API error: a stable machine id plus a sentence for humans, and
 * with it the sentence's variable parts when it has some. The client words
 * the id in the interface language and falls back to the sentence.
 */
export function apiError(c: Context, status: ContentfulStatusCode, error: string, message: string | ErrorWords,
  issues?: ApiError["issues"]): Response {
  const body: ApiError = typeof message === "string" ? { error, message } : { error, ...message };
  if (issues) body.issues = issues;
  return c.json(body, status);
}

/** Lists what is wrong with a body, one entry per field. */
export function describeZodError(err: ZodError): NonNullable<ApiError["issues"]> {
  return err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}
