import { writeSaved } from "../../shared/collab/messages.js";
import type { Connection } from "./Connection.js";

/**
 * The acknowledge step, after storing and broadcasting: each stored
 * document-changing message counts for its socket, and each socket that
 * asked for acknowledgements learns how many of its messages are stored;
 * a socket waiting to be closed until then is closed.
 */
export function acknowledge(stored: { connection: Connection }[]): void {
  for (const { connection } of stored) connection.changesSaved += 1;
  for (const connection of new Set(stored.map((c) => c.connection))) {
    if (connection.wantsAcks) connection.send(writeSaved(connection.changesSaved));
    const close = connection.closeOnceSaved;
    if (close && connection.changesSaved >= connection.changesReceived) connection.close(close.code, close.reason);
  }
}
