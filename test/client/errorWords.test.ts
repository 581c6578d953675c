import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../../schemas/api.js";
import { errorWords, failureWords } from "../../client/api/errorWords.js";
import { NETWORK_FAILURE } from "../../client/api/http.js";
import en from "../../client/i18n/en.json";
import { createI18n } from "../../client/i18n/index.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

const ROOT = join(import.meta.dirname, "../..");

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Every error id the server can send, where it is written: `apiError(c, 404, "id"`,
 * `new AccountError(409, "id"`, a comment refusal `refuse(403, "id"`, and the
 * `error: "id"` / `code: "id" | "other"` of outcomes the routes pass on.
 */
const PATTERNS = [
  /apiError\(c, \d+, "([a-z_]+)"/g,
  /new AccountError\(\d+, "([a-z_]+)"/g,
  /\brefuse\(\d+, "([a-z_]+)"/g,
  /\b(?:error|code)\??: ((?:"[a-z_]+"\s*\|\s*)*"[a-z_]+")/g,
];

function serverErrorIds(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourcesUnder(join(ROOT, "server"))) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((line, index) => {
      for (const pattern of PATTERNS) {
        for (const match of line.matchAll(pattern)) {
          // The last pattern captures a quoted union ("a" | "b"); the others the bare id.
          const captured = match[1]!;
          const inCapture = captured.startsWith('"') ? [...captured.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!) : [captured];
          for (const id of inCapture) {
            if (!found.has(id)) found.set(id, `${relative(ROOT, file)}:${index + 1}`);
          }
        }
      }
    });
  }
  return found;
}

/** A key or its plural forms (i18next reads `id_one`, `id_other` for `id` with a count). */
function hasKey(table: Record<string, string>, id: string): boolean {
  return id in table || `${id}_other` in table;
}

describe("every error the server sends has words in the interface", () => {
  const ids = serverErrorIds();

  it("finds the server's error ids where they are written", () => {
    // One of each way of writing them, so a change of style cannot make the scan silently find nothing.
    for (const id of ["document_not_found", "email_exists", "quote_not_in_paragraph", "paragraphs_open", "proposal_stale", "language_fixed"]) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(ids.size).toBeGreaterThan(40);
  });

  it("has errors.<id> in en.json for each", () => {
    const errors = en.errors as Record<string, string>;
    const missing = [...ids].filter(([id]) => !hasKey(errors, id)).map(([id, where]) => `errors.${id} (sent at ${where})`);
    expect(missing).toEqual([]);
  });
});

describe("an API error in words", () => {
  const { t } = createI18n("en");

  it("words the error id with its params, over the server's sentence", () => {
    expect(errorWords(t, { error: "revision_not_found", message: "This document has no revision 9.", params: { revision: 9 } }))
      .toBe("This document has no revision 9.");
    expect(errorWords(t, { error: "too_many_comments", message: "…", params: { count: 1 } }))
      .toBe("You are writing faster than the room allows; wait 1 second and try again.");
    expect(errorWords(t, { error: "forbidden", message: "Only the secretariat publishes a draft." })).toBe("You are not allowed to do this.");
  });

  it("shows the server's sentence for an id it has no words for, and a generic one when there is none", () => {
    expect(errorWords(t, { error: "something_new", message: "A newer server says so." })).toBe("A newer server says so.");
    expect(failureWords(t, { ok: false, status: 502, error: { error: "http_502", message: "" } })).toBe("Something went wrong (502). Try again.");
    expect(failureWords(t, { ok: false, status: NETWORK_FAILURE, error: { error: "network", message: "" } })).toBe(t("errors.network"));
  });

  it("words a change the room's rules refused as the editor words the rule", () => {
    expect(errorWords(t, { error: "refused_by_rules", message: "para 3 is agreed ad ref; …", params: { rule: "frozenText", pid: "p1", status: "agreed" } }))
      .toBe("This paragraph is agreed ad ref; only a facilitator can change its text.");
  });
});

describe("the server sends the variable parts of an error", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("names the revision that does not exist, and the client words it", async () => {
    const cookie = await server.login("chair@demo.accord");
    const id = await server.documentId(cookie, "Declaration");
    const res = await fetch(`${server.url}/api/documents/${id}/revisions/77`, { headers: { cookie } });
    expect(res.status).toBe(404);
    const body = ApiError.parse(await res.json());
    expect(body).toMatchObject({ error: "revision_not_found", params: { revision: "77" } });
    expect(errorWords(createI18n("en").t, body)).toBe("This document has no revision 77.");
  });
});
