import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AcceptInvitationBody, LoginBody, UpdateMeBody, type InvitationView, type SessionResponse } from "../../../schemas/api.js";
import { AccountError, acceptInvitation, findInvitation, type AccountsDeps } from "../../commands/accounts.js";
import { accountAtAddressKey, type LoginThrottle } from "../../auth/loginThrottle.js";
import { hashPassword, verifyPassword } from "../../auth/passwords.js";
import { SESSION_COOKIE, type SessionManager } from "../../auth/sessions.js";
import type { RoomRegistry } from "../../collab/rooms.js";
import { toUserView, type UserStore } from "../../storage/userStore.js";
import { requireAuth, type AppEnv } from "../auth.js";
import { apiError } from "../errors.js";
import { readJsonBody } from "../readBody.js";

/** What the auth routes need. */
export interface AuthRoutesDeps {
  users: UserStore;
  sessions: SessionManager;
  rooms: RoomRegistry;
  throttle: { perAccountAddress: LoginThrottle; perAddress: LoginThrottle };
  secureCookies: boolean;
  accounts: AccountsDeps;
}

const BAD_CREDENTIALS = "The e-mail address or the password is wrong.";

/** `/api/auth`: login, logout, who am I, my interface language. */
export function authRoutes(deps: AuthRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const audit = (userId: string | null, action: string, detail: Record<string, unknown>) =>
    deps.accounts.audit.append([{ userId, documentId: null, pid: null, action, detail }]);
  // Compared against when the e-mail is unknown, so both failures take as long.
  const dummyHash = hashPassword("not-a-real-password");

  app.post("/login", async (c) => {
    const body = await readJsonBody(c, LoginBody);
    if (!body.ok) return body.response;
    const { email, password } = body.value;
    const address = getConnInfo(c).remote.address ?? "unknown";
    const accountAtAddress = accountAtAddressKey(email, address);
    const wait = Math.max(deps.throttle.perAccountAddress.retryAfterMs(accountAtAddress), deps.throttle.perAddress.retryAfterMs(address));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      c.header("Retry-After", String(Math.ceil(wait / 1000)));
      return apiError(c, 429, "too_many_attempts",
        `Too many failed sign-in attempts from this address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
    // Counted before the slow password check, so guesses at one account sent in parallel cannot all slip
    // under its limit. Per address only failures count, once known: a venue's people signing in at once
    // are many attempts in flight, not failures.
    deps.throttle.perAccountAddress.fail(accountAtAddress);
    const user = deps.users.findByEmail(email);
    const valid = await verifyPassword(password, user?.password_hash ?? (await dummyHash));
    if (!user || !valid || user.disabled) {
      const reason = !user ? "unknownEmail" : !valid ? "wrongPassword" : "disabled";
      audit(user?.id ?? null, "user.loginFailed", { email, address, reason });
      deps.throttle.perAddress.fail(address);
      return apiError(c, 401, "invalid_credentials", BAD_CREDENTIALS);
    }
    deps.throttle.perAccountAddress.succeed(accountAtAddress);
    audit(user.id, "user.login", { address });
    const { token, session } = deps.sessions.create(user.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Lax",
      secure: deps.secureCookies,
      path: "/",
      expires: new Date(session.expires_at),
    });
    const response: SessionResponse = { user: toUserView(user) };
    return c.json(response);
  });

  app.post("/logout", (c) => {
    const auth = c.get("auth");
    if (auth) {
      deps.sessions.invalidate(auth.session.id);
      deps.rooms.closeSession(auth.session.id);
      audit(auth.user.id, "user.logout", {});
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: deps.secureCookies });
    return c.body(null, 204);
  });

  app.get("/invitations/:token", (c) => {
    try {
      const user = findInvitation(deps.accounts, c.req.param("token"));
      const view: InvitationView = { email: user.email, displayName: user.display_name, locale: user.locale };
      return c.json(view);
    } catch (err) {
      if (err instanceof AccountError) return apiError(c, err.status, err.id, err.message);
      throw err;
    }
  });

  app.post("/invitations/:token", async (c) => {
    const body = await readJsonBody(c, AcceptInvitationBody);
    if (!body.ok) return body.response;
    let user;
    try {
      user = await acceptInvitation(deps.accounts, c.req.param("token"), body.value.password);
    } catch (err) {
      if (err instanceof AccountError) return apiError(c, err.status, err.id, err.message);
      throw err;
    }
    const { token, session } = deps.sessions.create(user.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true, sameSite: "Lax", secure: deps.secureCookies, path: "/", expires: new Date(session.expires_at),
    });
    const response: SessionResponse = { user: toUserView(user) };
    return c.json(response);
  });

  app.get("/me", requireAuth, (c) => {
    const response: SessionResponse = { user: c.get("auth")!.user };
    return c.json(response);
  });

  // The account's own settings; today only the interface language, stored so it follows the account.
  app.patch("/me", requireAuth, async (c) => {
    const body = await readJsonBody(c, UpdateMeBody);
    if (!body.ok) return body.response;
    const { user } = c.get("auth")!;
    deps.users.setLocale(user.id, body.value.locale);
    const response: SessionResponse = { user: { ...user, locale: body.value.locale } };
    return c.json(response);
  });

  return app;
}
