import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserView } from "../../schemas/api.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

describe("sign-in API", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("signs in with the demo password and sets an HttpOnly SameSite=Lax cookie holding a long random token", async () => {
    const res = await login({ email: "Arcadia@Demo.Accord", password: "wsis-demo-2025" });
    expect(res.status).toBe(200);
    const { user } = (await res.json()) as { user: unknown };
    const parsed = UserView.parse(user);
    expect(parsed.delegation).toMatchObject({ name: "Republic of Arcadia", stakeholderGroup: "governments" });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = cookie.split(";")[0]!.split("=")[1]!;
    expect(token.length).toBeGreaterThanOrEqual(26); // >= 128 bits in base32
    const stored = server.accord.db.prepare("SELECT id FROM sessions").pluck().all() as string[];
    expect(stored).not.toContain(token);
  });

  it("answers an unknown e-mail and a wrong password with the same 401 message", async () => {
    const unknown = await login({ email: "nobody@demo.accord", password: "wsis-demo-2025" });
    const wrong = await login({ email: "business@demo.accord", password: "not-it" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    // The audit log tells the two apart for the secretariat.
    const failures = server.accord.db.prepare(
      "SELECT user_id, detail FROM audit_log WHERE action = 'user.loginFailed' ORDER BY id",
    ).all() as { user_id: string | null; detail: string }[];
    expect(failures.map((f) => [f.user_id === null, JSON.parse(f.detail)])).toEqual([
      [true, expect.objectContaining({ email: "nobody@demo.accord", reason: "unknownEmail" })],
      [false, expect.objectContaining({ email: "business@demo.accord", reason: "wrongPassword" })],
    ]);
  });

  it("rate-limits repeated failures for one account", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login({ email: "tech@demo.accord", password: `bad${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    // Even the right password is refused while the account is throttled.
    const res = await login({ email: "tech@demo.accord", password: "wsis-demo-2025" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("counts attempts sent all at once against the limit, so a burst cannot slip past it", async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      login({ email: "igo@demo.accord", password: `burst${i}` }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    const audited = server.accord.db.prepare(
      "SELECT count(*) FROM audit_log WHERE action = 'user.loginFailed' AND detail LIKE '%igo@demo.accord%'",
    ).pluck().get();
    expect(audited).toBe(5);
  });

  it("rejects a body that is not JSON or misses fields with 400 saying what is wrong", async () => {
    const notJson = await login("{email:");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: "invalid_json" });
    const missing = await login({ email: "not-an-email" });
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path).sort()).toEqual(["email", "password"]);
  });

  it("rejects a state-changing request from a foreign origin", async () => {
    const res = await login({ email: "igo@demo.accord", password: "wsis-demo-2025" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("tells who is signed in, and nobody after logout", async () => {
    const cookie = await server.login("observer@demo.accord");
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe("observer");
    await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    const trail = server.accord.db.prepare(
      "SELECT a.action FROM audit_log a JOIN users u ON u.id = a.user_id WHERE u.email = 'observer@demo.accord' ORDER BY a.id",
    ).pluck().all() as string[];
    expect(trail).toEqual(["user.login", "user.logout"]);
  });

  it("lists the two demo drafts to a signed-in user, 401 without a session, 404 for an unknown id", async () => {
    expect((await fetch(`${server.url}/api/documents`)).status).toBe(401);
    const cookie = await server.login("chair@demo.accord");
    const docs = await server.documents(cookie);
    expect(docs.map((d) => d.title).sort()).toEqual(["Draft WSIS+20 Declaration", "Draft WSIS+20 Vision"]);
    const missing = await fetch(`${server.url}/api/documents/nope`, { headers: { cookie } });
    expect(missing.status).toBe(404);
  });
});
