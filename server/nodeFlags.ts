/**
 * V8 flags for a server process, by the number of cores it may run on.
 *
 * With one core, V8's garbage collector threads (parallel scavenging,
 * concurrent marking and sweeping) only take turns with the event loop on
 * that core, and the loop waits for them: pinned to one core, a room of 300
 * editors and 3,000 observers at 1,000 updates a second stalled 170–260 ms
 * at each full collection; with the collector on the main thread no stall
 * in the measured windows passed 90 ms, and the edit-to-observer p99 went
 * from 67–187 ms (as a full collection fell in the window or not) to
 * 62–72 ms (docs/performance/side-by-side.md). With more
 * cores the threads run beside the loop and are left on.
 */
export function nodeFlagsFor(cores: number): string[] {
  return cores <= 1 ? ["--single-threaded-gc"] : [];
}

/** The number of cores in a `taskset -c` list such as "0", "0-3" or "0,2-3". */
export function coresInList(list: string): number {
  let count = 0;
  for (const part of list.split(",")) {
    const match = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!match) throw new Error(`not a core list: "${list}"`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new Error(`not a core list: "${list}"`);
    count += to - from + 1;
  }
  return count;
}
