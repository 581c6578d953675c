/** Something that can stop and start reading from its socket. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

/** How often the rotation moves on to the next slice of sockets. */
const SLICE_MS = 10;

/**
 * Reads the counting observers' sockets in turns: each is read for one
 * slice of `periodMs` and left paused the rest of it, so what the server
 * sent meanwhile waits in the kernel's receive buffer and is read in one
 * go. The server's work is the same (its writes complete into the receive
 * buffer, and the kernel acknowledges the bytes as they arrive, read or
 * not); the generator reads each socket a few times a second instead of at
 * every frame, so that the load generator, not the server, stops being the
 * limit. Edit latency is timed by the sampling observers, which read at
 * once; comment latency is stamped by every observer, so a comment run
 * reads every socket at once (options.ts). A period of 0 reads every socket
 * at once.
 */
export class ReadRotation {
  private readonly slices: Pausable[][];
  private timer: NodeJS.Timeout | null = null;
  private turn = 0;
  private added = 0;

  constructor(periodMs: number) {
    this.slices = Array.from({ length: Math.max(1, Math.round(periodMs / SLICE_MS)) }, () => []);
  }

  get enabled(): boolean {
    return this.slices.length > 1;
  }

  /** Takes a synced socket into the rotation; it is paused until its slice's turn. */
  add(socket: Pausable): void {
    if (!this.enabled) return;
    this.slices[this.added++ % this.slices.length]!.push(socket);
    socket.pause();
    if (!this.timer) this.timer = setInterval(() => this.next(), SLICE_MS);
  }

  /** Resumes every socket and stops rotating. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const slice of this.slices) for (const socket of slice) socket.resume();
  }

  private next(): void {
    const count = this.slices.length;
    for (const socket of this.slices[this.turn % count]!) socket.pause();
    this.turn += 1;
    for (const socket of this.slices[this.turn % count]!) socket.resume();
  }
}
