import { randomBytes, scryptSync } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserStore } from "../../server/storage/userStore.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

/** A stored password hash at a low scrypt cost (the server reads the cost from the hash), so hundreds of sign-ins stay quick. */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 });
  return ["scrypt", 1024, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

describe("failed sign-ins slow down the guesser, not the account's owner", () => {
  let server: TestServer;
  const PASSWORD = "venue-password-1";

  beforeAll(async () => {
    server = await startTestServer();
    const users = new UserStore(server.accord.db);
    const hash = cheapHash(PASSWORD);
    for (let i = 0; i < 300; i++) {
      users.addUser({ email: `delegate${i}@venue.example`, displayName: `Delegate ${i}`, passwordHash: hash, role: "delegate", delegationId: null });
    }
  });
  afterAll(() => server.close());

  /** Signs in from a given local address (another machine, as far as the server can tell); resolves with the status and body. */
  function signIn(email: string, password: string, from = "127.0.0.1"): Promise<{ status: number; body: string; retryAfter?: string }> {
    const payload = JSON.stringify({ email, password });
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1", port, path: "/api/auth/login", method: "POST", localAddress: from,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), origin: server.url },
      }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body, retryAfter: res.headers["retry-after"] as string | undefined }));
      });
      req.on("error", reject);
      req.end(payload);
    });
  }

  it("300 delegates sign in from one venue address within a minute, some after a typo, and none is held back", async () => {
    const outcomes = await Promise.all(Array.from({ length: 300 }, async (_, i) => {
      const email = `delegate${i}@venue.example`;
      const typo = i % 8 === 0 ? (await signIn(email, "venue-pasword-1")).status : null;
      return { typo, status: (await signIn(email, PASSWORD)).status };
    }));
    expect(outcomes.filter((o) => o.typo !== null).map((o) => o.typo).join()).toEqual(Array(38).fill(401).join());
    expect(outcomes.map((o) => o.status)).toEqual(Array(300).fill(200));
  });

  it("a guesser at another address is stopped after five tries and told how long to wait, while the owner signs in", async () => {
    const victim = "delegate7@venue.example";
    const guesses = [];
    for (let i = 0; i < 7; i++) guesses.push(await signIn(victim, `guess-${i}`, "127.0.0.2"));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(JSON.parse(guesses[5]!.body)).toEqual({
      error: "too_many_attempts",
      message: "Too many failed sign-in attempts from this address. Try again in 15 minutes.",
    });
    expect(Number(guesses[5]!.retryAfter)).toBeGreaterThan(14 * 60);
    // Even the right password is refused there, for now.
    expect((await signIn(victim, PASSWORD, "127.0.0.2")).status).toBe(429);
    // The owner, elsewhere, is not locked out.
    expect((await signIn(victim, PASSWORD, "127.0.0.1")).status).toBe(200);
  });

  it("the secretariat sees whom failed sign-ins hold back, and lets them in again", async () => {
    const victim = "delegate9@venue.example";
    for (let i = 0; i < 5; i++) expect((await signIn(victim, `guess-${i}`, "127.0.0.3")).status).toBe(401);
    expect((await signIn(victim, PASSWORD, "127.0.0.3")).status).toBe(429);
    const secretariat = await server.login("secretariat@demo.accord");
    const people = async () => (await (await fetch(`${server.url}/api/admin/users`, { headers: { cookie: secretariat } })).json()) as
      { id: string; email: string; signInHeldUntil: string | null }[];
    const held = (await people()).find((p) => p.email === victim)!;
    expect(Date.parse(held.signInHeldUntil!)).toBeGreaterThan(Date.now() + 14 * 60_000);
    // The account the previous guesser held back is listed too; nobody else.
    expect((await people()).filter((p) => p.signInHeldUntil).map((p) => p.email).sort()).toEqual(["delegate7@venue.example", victim]);

    // Only the secretariat may lift it.
    const delegate = await server.login("arcadia@demo.accord");
    const unlock = (cookie: string) => fetch(`${server.url}/api/admin/users/${held.id}/sign-in-unlock`, { method: "POST", headers: { cookie, origin: server.url } });
    expect((await unlock(delegate)).status).toBe(403);
    const lifted = await unlock(secretariat);
    expect(lifted.status).toBe(200);
    expect(((await lifted.json()) as { signInHeldUntil: string | null }).signInHeldUntil).toBeNull();
    expect((await people()).find((p) => p.email === victim)!.signInHeldUntil).toBeNull();
    expect((await signIn(victim, PASSWORD, "127.0.0.3")).status).toBe(200);
    const audited = server.accord.db.prepare("SELECT detail FROM audit_log WHERE action = 'user.signInUnlocked'").pluck().all() as string[];
    expect(audited.map((d) => JSON.parse(d))).toEqual([{ id: held.id }]);
  });
});
