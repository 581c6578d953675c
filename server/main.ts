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
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
