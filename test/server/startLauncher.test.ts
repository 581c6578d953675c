import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { coresInList, nodeFlagsFor } from "../../server/nodeFlags.js";
import { freshDataDir } from "../helpers/testServer.js";
import { eventually } from "../helpers/yClient.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const hasTaskset = spawnSync("taskset", ["-V"], { stdio: "ignore" }).status === 0;

/** Starts `server/start.ts` as `npm start` does (optionally on the cores of a `taskset -c` list, with node flags); resolves with the pid that listens. */
function start(children: ChildProcess[], cores: string | null, nodeArgs: string[] = []): Promise<{ launcher: ChildProcess; serverPid: number; port: number }> {
  const command = [process.execPath, ...nodeArgs, "--import", "tsx", path.join(ROOT, "server/start.ts")];
  const [file, ...args] = cores ? ["taskset", "-c", cores, ...command] : command;
  const launcher = spawn(file!, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: freshDataDir(), ACCORD_DEMO: "0", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(launcher);
  return new Promise((resolve, reject) => {
    let buffer = "";
    launcher.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split("\n").find((l) => l.includes('"msg":"listening"'));
      if (line) {
        const entry = JSON.parse(line) as { pid: number; port: number };
        resolve({ launcher, serverPid: entry.pid, port: entry.port });
      }
    });
    launcher.on("exit", (code) => reject(new Error(`the launcher exited with ${code}`)));
  });
}

const commandLine = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

describe("npm start's launcher", () => {
  const children: ChildProcess[] = [];
  /** Servers started by a launcher: killed too, so that a failed test leaves no server behind. */
  const servers: number[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    for (const pid of servers.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
  });

  it("counts the cores of a taskset list and keeps the collector on the main thread only with one", () => {
    expect([coresInList("0"), coresInList("0-3"), coresInList("0,2-3"), coresInList("1, 5")]).toEqual([1, 4, 3, 2]);
    expect(() => coresInList("0-x")).toThrow(/not a core list/);
    expect(() => coresInList("3-1")).toThrow(/not a core list/);
    expect(nodeFlagsFor(1)).toEqual(["--single-threaded-gc"]);
    expect(nodeFlagsFor(2)).toEqual([]);
  });

  it.skipIf(!hasTaskset)("on one core, serves from a child started with single-threaded GC, which stops with it", async () => {
    const { launcher, serverPid, port } = await start(children, "0");
    servers.push(serverPid);
    expect(serverPid).not.toBe(launcher.pid);
    expect(commandLine(serverPid)).toContain("--single-threaded-gc");
    expect((await fetch(`http://127.0.0.1:${port}/api/documents`)).status).toBe(401);
    const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
    launcher.kill("SIGTERM");
    expect(await exited).toBe(0);
    await eventually(() => expect(alive(serverPid)).toBe(false));
  }, 60_000);

  it.skipIf(!hasTaskset)("on one core, stops its server when the launcher itself is killed with SIGKILL", async () => {
    const { launcher, serverPid, port } = await start(children, "0");
    servers.push(serverPid);
    expect(serverPid).not.toBe(launcher.pid);
    launcher.kill("SIGKILL");
    await eventually(() => expect(alive(serverPid)).toBe(false), 15_000);
    await expect(fetch(`http://127.0.0.1:${port}/api/documents`)).rejects.toThrow();
  }, 60_000);

  it("stops a server whose parent went away while it was still starting, once it has started", async () => {
    const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/main.ts")], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: freshDataDir(), ACCORD_DEMO: "1", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    children.push(server);
    let log = "";
    server.stdout!.on("data", (chunk: Buffer) => void (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    // The channel closes before the server listens (it is still opening its database and seeding the demo).
    server.disconnect();
    expect(await exited).toBe(0);
    expect(log).toContain('"msg":"listening"');
    expect(log).toMatch(/"signal":"parent process gone".*"msg":"shutting down"/);
  }, 60_000);

  it.skipIf(!hasTaskset)("on one core under a debugger, serves in its own process (the child would want the debugger's port)", async () => {
    const { launcher, serverPid } = await start(children, "0", ["--inspect=127.0.0.1:0"]);
    servers.push(serverPid);
    expect(serverPid).toBe(launcher.pid);
    expect(commandLine(serverPid)).not.toContain("--single-threaded-gc");
  }, 60_000);

  it.skipIf(os.availableParallelism() < 2)("with more cores, serves in its own process with V8's defaults", async () => {
    const { launcher, serverPid } = await start(children, null);
    expect(serverPid).toBe(launcher.pid);
    expect(commandLine(serverPid)).not.toContain("--single-threaded-gc");
  }, 60_000);
});
