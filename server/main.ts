import { readConfig } from "./config.js";
import { startAccord } from "./startAccord.js";

/** The server process (started by `npm start`, server/start.ts): configuration from the environment, clean shutdown on signals. */
async function main(): Promise<void> {
  // Started with an IPC channel (by the launcher, start.ts, or any parent that opens one): when it closes, the parent
  // is gone (killed, even with SIGKILL), and the server stops rather than run on with nobody to stop it. Listened
  // for before starting, which takes a while: a parent gone meanwhile stops the server once it has started.
  // A channel that closed before this code ran (while modules loaded) leaves `send` behind, disconnected.
  let parentGone = process.send !== undefined && !process.connected;
  let onParentGone: () => void = () => {
    parentGone = true;
  };
  if (process.channel) {
    process.channel.unref();
    process.once("disconnect", () => onParentGone());
  }
  const config = readConfig(process.env);
  const accord = await startAccord(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    accord.log.info({ signal }, "shutting down");
    accord.close().then(() => process.exit(0), (err: unknown) => {
      accord.log.error({ err }, "shutdown failed");
      process.exit(1);
    });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  onParentGone = () => stop("parent process gone");
  if (parentGone) onParentGone();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
