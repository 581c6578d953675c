import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accountAtAddressKey, accountKeyPrefix, accountOfKey, LoginThrottle } from "../../server/auth/loginThrottle.js";
import { hashPassword, verifyPassword } from "../../server/auth/passwords.js";
import { SessionManager, sessionIdFromToken } from "../../server/auth/sessions.js";
import { openDatabase } from "../../server/storage/database.js";
import { SessionStore } from "../../server/storage/sessionStore.js";
import { UserStore } from "../../server/storage/userStore.js";

const DAY = 86_400_000;

function setup() {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), "accord-sessions-")));
  const userId = new UserStore(db).addUser({
    email: "a@b.c", displayName: "A", passwordHash: "x", role: "delegate", delegationId: null,
  });
  let now = 1_000_000_000_000;
  const manager = new SessionManager(new SessionStore(db), { idleMs: 14 * DAY, absoluteMs: 60 * DAY }, () => now);
  return { manager, userId, advance: (ms: number) => (now += ms) };
}

describe("sessions", () => {
  it("stores only the SHA-256 of the token", () => {
    const { manager, userId } = setup();
    const { token, session } = manager.create(userId);
    expect(session.id).toBe(sessionIdFromToken(token));
    expect(session.id).not.toContain(token);
    expect(manager.validate(token)?.user_id).toBe(userId);
    expect(manager.validate(`${token}x`)).toBeNull();
  });

  it("slides the idle expiry on use", () => {
    const { manager, userId, advance } = setup();
    const { token } = manager.create(userId);
    for (let i = 0; i < 5; i++) {
      advance(10 * DAY);
      expect(manager.validate(token)).not.toBeNull();
    }
  });

  it("expires after the idle time without use", () => {
    const { manager, userId, advance } = setup();
    const { token } = manager.create(userId);
    advance(15 * DAY);
    expect(manager.validate(token)).toBeNull();
  });

  it("never outlives the absolute lifetime, however often used", () => {
    const { manager, userId, advance } = setup();
    const { token } = manager.create(userId);
    for (let day = 0; day < 59; day += 5) {
      advance(5 * DAY);
      manager.validate(token);
    }
    advance(3 * DAY);
    expect(manager.validate(token)).toBeNull();
  });

  it("is gone after invalidation", () => {
    const { manager, userId } = setup();
    const { token, session } = manager.create(userId);
    manager.invalidate(session.id);
    expect(manager.validate(token)).toBeNull();
  });
});

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsE", hash)).toBe(false);
  });
});

describe("login throttle", () => {
  it("refuses a key after too many failures until its window ends", () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) throttle.fail("k");
    expect(throttle.retryAfterMs("k")).toBe(1000);
    expect(throttle.retryAfterMs("other")).toBe(0);
    now = 1000;
    expect(throttle.retryAfterMs("k")).toBe(0);
  });

  it("lists held keys by account in one pass, and forgets an account's keys at every address", () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 2, windowMs: 1000 }, () => now);
    const fail = (email: string, address: string, times: number) => {
      for (let i = 0; i < times; i++) throttle.fail(accountAtAddressKey(email, address));
    };
    fail("A@x.org", "10.0.0.1", 2);
    now = 300;
    fail("a@x.org", "10.0.0.2", 2);
    fail("b@x.org", "10.0.0.1", 1);
    expect(throttle.heldBy(accountOfKey)).toEqual(new Map([[accountKeyPrefix("a@x.org"), 1300]]));
    throttle.forgetPrefix(accountKeyPrefix("a@x.org"));
    expect(throttle.heldBy(accountOfKey)).toEqual(new Map());
    expect(throttle.retryAfterMs(accountAtAddressKey("a@x.org", "10.0.0.2"))).toBe(0);
  });
});
