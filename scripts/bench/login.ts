import { DEMO_PASSWORD } from "../../server/demo/seed.js";

/** Demo delegate accounts the editors sign in as, round-robin (server/demo/seed.ts). */
export const EDITOR_ACCOUNTS = [
  "arcadia@demo.accord",
  "borealia@demo.accord",
  "civil@demo.accord",
  "business@demo.accord",
  "tech@demo.accord",
  "igo@demo.accord",
];

/** The delegate the flooding socket (--flood) signs in as, in a session of its own (budgets are per socket). */
export const FLOODER_ACCOUNT = "igo@demo.accord";

/** The demo observer account every observing client signs in as. */
export const OBSERVER_ACCOUNT = "observer@demo.accord";

/**
 * Signs in through `POST /api/auth/login` and returns the `accord_session=...`
 * cookie. Login is scrypt-slow on purpose, so callers sign in once per account
 * and share the cookie between sockets.
 */
export async function login(origin: string, email: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} failed with status ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login as ${email} returned no session cookie`);
  return cookie;
}
