import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { SessionRow } from "../../schemas/rows.js";
import type { SessionStore } from "../storage/sessionStore.js";

/** Name of the HttpOnly cookie carrying the session token. */
export const SESSION_COOKIE = "accord_session";

/** Lifetimes of a session: sliding idle expiry, capped by an absolute lifetime. */
export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

/** A session's id is the hex SHA-256 of its token, so a leaked database reveals no usable token. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Sessions after Lucia's design: a 160-bit random token in the cookie, its
 * hash in the database, expiry that slides on use but never beyond the
 * absolute lifetime counted from creation.
 */
export class SessionManager {
  constructor(
    private readonly store: SessionStore,
    private readonly lifetimes: SessionLifetimes,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a session for a user; returns the token to put in the cookie. */
  create(userId: string): { token: string; session: SessionRow } {
    const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
    const createdAt = this.now();
    const session: SessionRow = {
      id: sessionIdFromToken(token),
      user_id: userId,
      created_at: createdAt,
      expires_at: Math.min(createdAt + this.lifetimes.idleMs, createdAt + this.lifetimes.absoluteMs),
    };
    this.store.insert(session);
    return { token, session };
  }

  /**
   * Returns the live session for a token, extending its idle expiry when it
   * is past half-life, or null (deleting it) when it has expired.
   */
  validate(token: string): SessionRow | null {
    const session = this.store.find(sessionIdFromToken(token));
    if (!session) return null;
    const now = this.now();
    if (now >= session.expires_at) {
      this.store.delete(session.id);
      return null;
    }
    const cap = session.created_at + this.lifetimes.absoluteMs;
    if (session.expires_at - now < this.lifetimes.idleMs / 2 && session.expires_at < cap) {
      session.expires_at = Math.min(now + this.lifetimes.idleMs, cap);
      this.store.setExpiry(session.id, session.expires_at);
    }
    return session;
  }

  /** Ends a session. */
  invalidate(sessionId: string): void {
    this.store.delete(sessionId);
  }
}
