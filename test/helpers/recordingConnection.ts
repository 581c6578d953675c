import type { UserView } from "../../schemas/api.js";
import { Connection, type SocketLike } from "../../server/collab/Connection.js";

/** A socket that keeps what it is handed, to see what a room sends and whether sockets share the bytes. */
export class RecordingSocket implements SocketLike {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Uint8Array[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.readyState = 3;
    this.closedWith = { code, reason };
  }
}

/** A user of a role, for a room's steps tested without a server. */
export function userOf(role: UserView["role"], name: string = role): UserView {
  return { id: name, email: `${name}@example.org`, displayName: name, role, delegation: null, locale: null };
}

/** A connection (speaking Accord's protocol) on a recording socket. */
export function recordingConnection(id: number, role: UserView["role"], name?: string): Connection & { socket: RecordingSocket } {
  return new Connection(id, new RecordingSocket(), userOf(role, name), "s", true) as Connection & { socket: RecordingSocket };
}
