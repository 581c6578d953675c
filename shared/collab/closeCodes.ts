/**
 * Websocket close codes shared by client and server. 4000-4999 is the range
 * RFC 6455 leaves to applications; 1009 is the standard "message too big".
 */
export const CloseCode = {
  /** The server is shutting down; reconnect later. */
  GoingAway: 1001,
  /** A message exceeded the configured size cap. */
  MessageTooBig: 1009,
  /** A frame could not be decoded (truncated, trailing bytes, not a y-protocols message, bad update). */
  MalformedMessage: 4400,
  /** The session behind the socket ended (logout, expiry, account disabled). */
  SessionEnded: 4401,
  /** The message was understood but is not permitted for this user. */
  Forbidden: 4403,
  /** The document no longer exists. */
  DocumentNotFound: 4404,
  /** The editor runs another version of the document schema; reload the page. */
  ClientOutdated: 4426,
  /** The change would break a rule of the document (an agreed paragraph with brackets ...). */
  InvalidChange: 4422,
  /** A message type this server does not speak. */
  UnknownMessageType: 4405,
  /** An update in an encoding this connection does not speak (Yjs V2 on the V1 protocol). */
  UnsupportedEncoding: 4415,
  /** A change made of more items than one change may carry (MAX_UPDATE_ITEMS). */
  UpdateTooLarge: 4413,
  /** The change would take the document past its size budget (MAX_DOCUMENT_BYTES); deleting still works. */
  DocumentFull: 4423,
  /** The account already has as many connections to this document as it may (MAX_SOCKETS_PER_ACCOUNT). */
  TooManyConnections: 4429,
  /** The document could not be loaded from storage. */
  RoomUnavailable: 4503,
  /** The user's role or delegation changed; reconnecting applies the new permissions. */
  PermissionsChanged: 4510,
  /** The client kept sending faster than its budget (SOCKET_*); it may reconnect and send again. */
  SendingTooFast: 4529,
  /** The client read too slowly and its backlog grew past the limit; reconnecting resyncs it. */
  SlowConsumer: 4508,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const reasons: Record<number, string> = {
  [CloseCode.GoingAway]: "server shutting down",
  [CloseCode.MessageTooBig]: "message too big",
  [CloseCode.MalformedMessage]: "malformed message",
  [CloseCode.SessionEnded]: "session ended",
  [CloseCode.Forbidden]: "forbidden",
  [CloseCode.DocumentNotFound]: "document not found",
  [CloseCode.UnknownMessageType]: "unknown message type",
  [CloseCode.UnsupportedEncoding]: "unsupported update encoding",
  [CloseCode.InvalidChange]: "invalid change",
  [CloseCode.ClientOutdated]: "client outdated, reload",
  [CloseCode.RoomUnavailable]: "document unavailable",
  [CloseCode.TooManyConnections]: "too many connections for this account",
  [CloseCode.UpdateTooLarge]: "change too large",
  [CloseCode.SlowConsumer]: "client too slow",
  [CloseCode.SendingTooFast]: "sending too fast",
  [CloseCode.DocumentFull]: "document full",
  [CloseCode.PermissionsChanged]: "permissions changed",
};

/** The short reason string sent with a close code (at most 123 bytes by RFC 6455). */
export function closeReason(code: number): string {
  return reasons[code] ?? "closed";
}

/** Whether a client should stop reconnecting after this close code. */
export function isTerminalClose(code: number): boolean {
  return code === CloseCode.SessionEnded || code === CloseCode.DocumentNotFound;
}
