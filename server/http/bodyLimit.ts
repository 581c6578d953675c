import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { apiError } from "./errors.js";

/** Largest request bodies, in bytes. */
export interface BodyLimits {
  /** Every API route but the import. */
  json: number;
  /** `POST /api/documents/import` and `POST /api/documents/:id/proposals/import`: a text or Word file. */
  import: number;
}

/** The paths whose body is a file: a document's text, a proposal document. */
const IMPORT_PATHS = /^\/api\/documents\/(import|[^/]+\/proposals\/import)$/;

/** "64 KiB", "5 MiB": a limit as a reader says it. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Refuses a request body over its route's limit with 413, before reading
 * it when the request says its length, else as soon as the bytes read pass
 * the limit; nothing larger is ever held in memory. Runs first, before the
 * session is looked up, so an anonymous sender is refused as early as anyone.
 */
export function apiBodyLimit(limits: BodyLimits): MiddlewareHandler {
  const limited = (maxSize: number) => bodyLimit({
    maxSize,
    onError: (c) => apiError(c, 413, "body_too_large",
      { message: `The request body is larger than ${sizeText(maxSize)}.`, params: { bytes: maxSize } }),
  });
  const json = limited(limits.json);
  const text = limited(limits.import);
  return (c, next) => (IMPORT_PATHS.test(c.req.path) ? text(c, next) : json(c, next));
}
