import type { SaveTracker } from "./saveTracker.js";

/**
 * A browser WebSocket class that reports every frame it sends to `tracker`,
 * for y-websocket's `WebSocketPolyfill` option. One class per provider,
 * because the class is the only thing the provider lets us inject.
 */
export function countingWebSocket(tracker: SaveTracker): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // The provider creates one socket per connection attempt and sends nothing before
      // it opens, so a new socket is where the server's per-socket count restarts.
      tracker.socketOpened();
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (data instanceof Uint8Array) tracker.sent(data);
      else if (data instanceof ArrayBuffer) tracker.sent(new Uint8Array(data));
      super.send(data);
    }
  };
}
