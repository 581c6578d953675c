import { Hono } from "hono";
import type { AppEnv } from "../auth.js";
import { apiError } from "../errors.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";

/** Proposal import (being built; see docs/PROPOSALS.md). */
export function proposalImportRoutes(_deps: DocumentRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.all("*", (c) => apiError(c, 404, "not_found", "Not available yet."));
  return app;
}
