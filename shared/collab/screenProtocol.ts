/**
 * How a hall screen hands its link's key to the websocket: as a second
 * subprotocol offered beside `accord.v1`, `accord.screen.<key>`, never in the
 * URL, which reverse proxies and load balancers write to their access logs.
 * A base64url key is a valid subprotocol token (RFC 6455 4.1, RFC 7230 3.2.6).
 * The server reads the key from the offer and selects `accord.v1`: the key is
 * never echoed back.
 */
export const SCREEN_SUBPROTOCOL_PREFIX = "accord.screen.";

/** The subprotocol a screen offers to carry `key`. */
export function screenSubprotocol(key: string): string {
  return SCREEN_SUBPROTOCOL_PREFIX + key;
}

/**
 * The key among the subprotocols a client offered (the `Sec-WebSocket-Protocol`
 * header, comma-separated): undefined when none carries one, "" when the
 * offer is not one key (an empty key, or two), which opens nothing.
 */
export function screenKeyOfOffer(header: string | undefined): string | undefined {
  const keys = (header ?? "").split(",").map((p) => p.trim()).filter((p) => p.startsWith(SCREEN_SUBPROTOCOL_PREFIX));
  if (keys.length === 0) return undefined;
  return keys.length === 1 ? keys[0]!.slice(SCREEN_SUBPROTOCOL_PREFIX.length) : "";
}

/** The reason a screen's socket is closed with (4401) when its key opens nothing, revoked or never valid alike. */
export const SCREEN_REVOKED_REASON = "screen link revoked";
