import pino from "pino";
import { describe, expect, it } from "vitest";
import { WriteRetry } from "../../server/collab/writeRetry.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A room's failed writes, retried with back-off: one retry waits at a time, and storage working again ends the wait. */
describe("a room's write retries", () => {
  it("keeps one retry waiting however many writes fail meanwhile, and runs it at once when a write succeeds", async () => {
    let retries = 0;
    const writes = new WriteRetry(60_000, new Set(), () => void (retries += 1), pino({ level: "silent" }), "doc");
    writes.failed(new Error("disk full"), 1);
    writes.failed(new Error("disk full again"), 1);
    expect(writes.scheduled).toBe(true);
    expect(writes.failing).toBe(true);
    // A command's own write succeeds: the changes still waiting are stored now, not a minute later.
    writes.succeeded();
    expect(writes.failing).toBe(false);
    await sleep(30);
    expect(retries).toBe(1);
    expect(writes.scheduled).toBe(false);
    writes.destroy();
  });

  it("stops a waiting retry when the room closes", async () => {
    let retries = 0;
    const writes = new WriteRetry(20, new Set(), () => void (retries += 1), pino({ level: "silent" }), "doc");
    writes.failed(new Error("disk full"), 1);
    writes.destroy();
    await sleep(60);
    expect(retries).toBe(0);
  });
});
