import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionResponse } from "../../schemas/api.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

describe("the account's interface language (PATCH /api/auth/me)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const patchMe = (body: unknown, cookie?: string) =>
    fetch(`${server.url}/api/auth/me`, {
      method: "PATCH",
      headers: { "content-type": "application/json", origin: server.origin, ...(cookie ? { cookie } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const me = async (cookie: string) =>
    SessionResponse.parse(await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()).user;

  it("is null until the account chooses one", async () => {
    const cookie = await server.login("business@demo.accord");
    expect((await me(cookie)).locale).toBeNull();
  });

  it("stores a choice and answers with the account carrying it", async () => {
    const cookie = await server.login("arcadia@demo.accord");
    const res = await patchMe({ locale: "ar" }, cookie);
    expect(res.status).toBe(200);
    expect(SessionResponse.parse(await res.json()).user).toMatchObject({ email: "arcadia@demo.accord", locale: "ar" });
    expect((await me(cookie)).locale).toBe("ar");
  });

  it("follows the account to a new session, on the login answer as on /me", async () => {
    const first = await server.login("borealia@demo.accord");
    expect((await patchMe({ locale: "ru" }, first)).status).toBe(200);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "borealia@demo.accord", password: "wsis-demo-2025" }),
    });
    expect(SessionResponse.parse(await login.json()).user.locale).toBe("ru");
    const second = await server.login("borealia@demo.accord");
    expect((await me(second)).locale).toBe("ru");
    // A later choice replaces the earlier one everywhere.
    expect((await patchMe({ locale: "zh" }, second)).status).toBe(200);
    expect((await me(first)).locale).toBe("zh");
  });

  it("refuses a language that is not one of the six with 400 and changes nothing", async () => {
    const cookie = await server.login("chair@demo.accord");
    expect((await patchMe({ locale: "fr" }, cookie)).status).toBe(200);
    for (const body of [{ locale: "de" }, { locale: "AR" }, { locale: null }, {}, { locale: "es", role: "secretariat" }]) {
      const res = await patchMe(body, cookie);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("invalid_body");
    }
    const notJson = await patchMe("locale=ar", cookie);
    expect(notJson.status).toBe(400);
    expect(await me(cookie)).toMatchObject({ locale: "fr", role: "facilitator" });
  });

  it("answers 401 without a session and stores nothing", async () => {
    const res = await patchMe({ locale: "es" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("unauthenticated");
    const stored = server.accord.db.prepare("SELECT count(*) FROM users WHERE locale = 'es'").pluck().get();
    expect(stored).toBe(0);
  });
});
