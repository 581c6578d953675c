import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { UserView } from "../../schemas/api.js";
import type { DocumentRow, ScreenLinkRow } from "../../schemas/rows.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { ScreenLinkStore } from "../storage/screenLinkStore.js";

/** What the user id and the session id of a screen's socket start with; no account id holds a colon. */
const SCREEN_PREFIX = "screen:";

/** A new screen key: 256 random bits, base64url, safe in a URL fragment and as a websocket subprotocol token. */
export function newScreenKey(): string {
  return encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

/** The stored form of a key, the hex SHA-256 (as for session tokens), so a leaked database opens no screen. */
export function screenKeyHash(key: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(key)));
}

/** The user id, and session id, of every socket opened with a link: revoking the link closes them all. */
export function screenSessionId(linkId: string): string {
  return SCREEN_PREFIX + linkId;
}

/** The link a socket's user id names when it is a screen, or null for an account. */
export function screenLinkIdOf(userId: string): string | null {
  return userId.startsWith(SCREEN_PREFIX) ? userId.slice(SCREEN_PREFIX.length) : null;
}

/** Who a screen is on a socket: a read-only identity named after its link, never an account. */
export function screenUser(link: ScreenLinkRow): UserView {
  return { id: screenSessionId(link.id), email: "", displayName: link.label, role: "observer", delegation: null, locale: null };
}

/**
 * The live link a key opens and its document, or null when the key is
 * unknown, revoked, or its document is a draft: one answer for all three,
 * so that asking tells nothing about keys that do not open a screen.
 */
export function openScreenLink(
  deps: { screenLinks: ScreenLinkStore; documents: DocumentStore },
  key: string,
): { link: ScreenLinkRow; document: DocumentRow } | null {
  const link = deps.screenLinks.findLiveByKeyHash(screenKeyHash(key));
  if (!link) return null;
  const document = deps.documents.find(link.document_id);
  if (!document || document.draft === 1) return null;
  return { link, document };
}
