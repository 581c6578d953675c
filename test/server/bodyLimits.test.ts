import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

/** Every route that reads a body: state-changing API routes, with a value for each parameter. */
function routesWithBodies(server: TestServer): { method: string; url: string }[] {
  const seen = new Set<string>();
  return server.accord.routes
    .filter((r) => ["POST", "PUT", "PATCH"].includes(r.method) && r.path.startsWith("/api/") && !r.path.includes("*"))
    .map((r) => ({ method: r.method, url: `${server.url}${r.path.replace(/:[a-zA-Z]+/g, "x")}` }))
    .filter((r) => !seen.has(`${r.method} ${r.url}`) && seen.add(`${r.method} ${r.url}`));
}

/** A body of `bytes` bytes sent in chunks, with no length announced (as a slow or lying sender would). */
function streamed(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const size = Math.min(chunk, bytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
}

describe("every API route refuses an oversized body with 413 before reading it", () => {
  const JSON_LIMIT = 1024;
  const IMPORT_LIMIT = 4096;
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer({ MAX_JSON_BODY_BYTES: String(JSON_LIMIT), MAX_IMPORT_BODY_BYTES: String(IMPORT_LIMIT) });
    cookie = await server.login("secretariat@demo.accord");
  });
  afterAll(() => server.close());

  it("on each route, announced or not, signed in or not; the same body one byte smaller passes the limit", async () => {
    const routes = routesWithBodies(server);
    expect(routes.map((r) => `${r.method} ${r.url.slice(server.url.length)}`)).toEqual(expect.arrayContaining([
      "POST /api/auth/login", "POST /api/documents/import", "POST /api/documents/x/proposals/import", "POST /api/admin/users", "PUT /api/admin/documents/x/facilitators",
    ]));
    for (const route of routes) {
      const limit = /\/api\/documents\/(import|x\/proposals\/import)$/.test(route.url) ? IMPORT_LIMIT : JSON_LIMIT;
      const headers = { cookie, origin: server.url, "content-type": "application/json" };
      const over = await fetch(route.url, { method: route.method, headers, body: "x".repeat(limit + 1) });
      expect([route.url, over.status]).toEqual([route.url, 413]);
      expect(await over.json()).toEqual({
        error: "body_too_large", message: `The request body is larger than ${limit / 1024} KiB.`, params: { bytes: limit },
      });

      const chunked = await fetch(route.url, { method: route.method, headers, body: streamed(limit + 1, 100), duplex: "half" } as RequestInit);
      expect([route.url, "chunked", chunked.status]).toEqual([route.url, "chunked", 413]);

      const anonymous = await fetch(route.url, { method: route.method, body: "x".repeat(limit + 1) });
      expect([route.url, "anonymous", anonymous.status]).toEqual([route.url, "anonymous", 413]);

      const within = await fetch(route.url, { method: route.method, headers, body: "x".repeat(limit) });
      expect([route.url, "within", within.status === 413]).toEqual([route.url, "within", false]);
    }
  });

  it("stops reading a huge unannounced body at the limit, and the server goes on answering", async () => {
    // 64 MiB offered in chunks: refused once a little over the limit has arrived.
    const huge = await fetch(`${server.url}/api/auth/login`, {
      method: "POST", headers: { "content-type": "application/json" }, body: streamed(64 * 1024 * 1024), duplex: "half",
    } as RequestInit);
    expect(huge.status).toBe(413);
    // The server goes on: a sign-in and a request in that session are answered.
    const again = await server.login("secretariat@demo.accord");
    const after = await fetch(`${server.url}/api/documents`, { headers: { cookie: again } });
    expect(after.status).toBe(200);
  });
});
