import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { UserView } from "../../schemas/api.js";
import type { SessionRow } from "../../schemas/rows.js";
import { SESSION_COOKIE, type SessionManager } from "../auth/sessions.js";
import { toUserView, type UserStore } from "../storage/userStore.js";
import { apiError } from "./errors.js";

/** The signed-in user and their session, when the request carries a live session cookie. */
export interface Auth {
  user: UserView;
  session: SessionRow;
}

/** Hono context variables set by the middleware. */
export type AppEnv = { Variables: { auth: Auth | null } };

/** Resolves the session cookie to a user; disabled accounts and dead sessions count as signed out. */
export function sessionMiddleware(sessions: SessionManager, users: UserStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("auth", authenticate(c, sessions, users));
    await next();
  };
}

function authenticate(c: Context, sessions: SessionManager, users: UserStore): Auth | null {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const session = sessions.validate(token);
  if (!session) return null;
  const user = users.findById(session.user_id);
  if (!user || user.disabled) return null;
  return { user: toUserView(user), session };
}

/** Rejects requests without a signed-in user with 401. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("auth")) return apiError(c, 401, "unauthenticated", "Sign in first.");
  await next();
};

/**
 * Rejects state-changing requests whose Origin header names a site not on the
 * allowlist (cross-site request forgery). Requests without Origin come from
 * non-browser clients, which carry no ambient cookie risk.
 */
export function originGuard(allowedOrigins: Set<string>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header("origin");
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && origin && !allowedOrigins.has(origin)) {
      return apiError(c, 403, "origin_not_allowed", `Requests from ${origin} are not allowed.`);
    }
    await next();
  };
}
