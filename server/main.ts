import { readConfig } from "./config.js";
import { startAccord } from "./startAccord.js";

/** The server process (started by `npm start`, server/start.ts): configuration from the environment, clean shutdown on signals. */
async function main(): Promise<void> {
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
  if (process.channel) {
    // Started by the launcher (start.ts) over an IPC channel: when it closes, the launcher is gone (killed, even with
    // SIGKILL), and the server stops rather than run on with nobody to stop it.
    process.channel.unref();
    process.on("disconnect", () => stop("launcher gone"));
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
