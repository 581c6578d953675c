import fs from "node:fs";
import path from "node:path";
import { Server } from "@hocuspocus/server";
import { SQLite, schema, upsertQuery } from "@hocuspocus/extension-sqlite";
import sqlite3 from "sqlite3";

/**
 * Hocuspocus 3.4.4 with its SQLite extension (a file database in DATA_DIR),
 * no authentication, as the comparison target of `npm run bench --
 * --compare`. Before listening, the document DOCUMENT_NAME is stored with
 * the Yjs state in INITIAL_STATE (the state the generator's editors start
 * from) through the extension's own schema and upsert, so Hocuspocus loads
 * it as it would any stored document. Everything else is Hocuspocus's
 * defaults (store debounced 2 s, at most 10 s).
 *
 * Logs `{"msg":"listening","port":N}` on stdout like the Accord server.
 */
const dataDir = process.env.DATA_DIR;
const documentName = process.env.DOCUMENT_NAME;
const initial = process.env.INITIAL_STATE;
if (!dataDir || !documentName || !initial) throw new Error("DATA_DIR, DOCUMENT_NAME and INITIAL_STATE are required");
const database = path.join(dataDir, "hocuspocus.sqlite");

/** Runs one statement on a database file and closes it. */
function run(file: string, sql: string, params: Record<string, unknown> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.run(sql, params, (err) => {
      db.close();
      if (err) reject(err);
      else resolve();
    });
  });
}

await run(database, schema);
await run(database, upsertQuery, { $name: documentName, $data: fs.readFileSync(initial) });

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: process.env.HOST ?? "127.0.0.1",
  quiet: true,
  extensions: [new SQLite({ database })],
});
await server.listen();
console.log(JSON.stringify({ level: 30, msg: "listening", port: server.address.port }));
