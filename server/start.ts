import { spawn } from "node:child_process";
import inspector from "node:inspector";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { nodeFlagsFor } from "./nodeFlags.js";

/**
 * Entry point of `npm start`: runs the server (main.ts) with the V8 flags
 * for the cores this process may use (nodeFlags.ts), which V8 takes only at
 * start-up. When none is needed, main.ts runs in this process; otherwise in
 * a child started with them, which gets this process's signals, stops
 * when this process is gone, and whose exit code this process exits with.
 */
const flags = nodeFlagsFor(os.availableParallelism()).filter((flag) => !process.execArgv.includes(flag));
// Under a debugger (--inspect, also through NODE_OPTIONS) the server stays in this process, where the debugger is: a
// child would inherit the option and ask for the same port.
const debugging = inspector.url() !== undefined;
if (debugging && flags.length > 0) console.error(`a debugger is attached: the server runs in this process, without ${flags.join(" ")}`);
if (flags.length === 0 || debugging) {
  await import("./main.js");
} else {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  // The IPC channel is how the child learns that this process is gone, even killed with SIGKILL (main.ts stops then).
  const child = spawn(process.execPath, [...process.execArgv, ...flags, main], { stdio: ["inherit", "inherit", "inherit", "ipc"] });
  child.on("error", (err) => {
    console.error(`could not start the server: ${err.message}`);
    process.exit(1);
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  // A child ended by a signal is reported as a shell would: 128 + the signal's number.
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0)));
}
