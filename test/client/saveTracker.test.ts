import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SaveTracker } from "../../client/collab/saveTracker.js";
import { MessageType } from "../../shared/collab/messages.js";

/**
 * A client the way the browser wires it: the tracker hears local doc updates
 * first, then the "socket" receives the frame y-websocket would send for them.
 */
function editingClient() {
  const doc = new Y.Doc();
  const tracker = new SaveTracker();
  const remote = Symbol("provider");
  let connected = false;
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin !== remote) tracker.localChange();
  });
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== remote && connected) tracker.sent(frame((e) => syncProtocol.writeUpdate(e, update)));
  });
  const text = doc.getText("t");
  return {
    doc,
    tracker,
    type: (s: string) => text.insert(text.length, s),
    /** An update arriving from the server, applied with the provider as origin. */
    receive: (update: Uint8Array) => Y.applyUpdate(doc, update, remote),
    /** A new socket opens: step 1 and awareness first, then our step 2 answering the server's step 1. */
    reconnect(serverState: Uint8Array) {
      connected = true;
      tracker.socketOpened();
      tracker.sent(frame((e) => syncProtocol.writeSyncStep1(e, doc)));
      tracker.sent(awarenessFrame(doc));
      tracker.sent(frame((e) => syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVectorFromUpdate(serverState))));
    },
    disconnect() {
      connected = false;
    },
    status: (synced = true, storageFailing = false) =>
      tracker.status(connected ? "connected" : "disconnected", synced, storageFailing),
  };
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Sync);
  write(e);
  return encoding.toUint8Array(e);
}

function awarenessFrame(doc: Y.Doc): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(doc);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(e);
}

const emptyServer = Y.encodeStateAsUpdate(new Y.Doc());

describe("SaveTracker", () => {
  it("shows saved once the server has acknowledged the frame carrying an edit", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.tracker.acknowledged(1); // the (empty) step 2
    expect(client.status()).toBe("saved");

    client.type("Reaffirm");
    expect(client.status()).toBe("saving");
    client.tracker.acknowledged(2);
    expect(client.status()).toBe("saved");
    expect(client.tracker.hasUnsavedChanges).toBe(false);
  });

  it("is connecting, not saved, until the first sync even with nothing to save", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    expect(client.status(false)).toBe("connecting");
    expect(client.tracker.status("connecting", false, false)).toBe("connecting");
  });

  it("keeps saving while an edit made during flight is not yet acknowledged", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.tracker.acknowledged(1);
    client.type("first ");
    client.type("second");
    client.tracker.acknowledged(2); // stores "first " only
    expect(client.status()).toBe("saving");
    client.tracker.acknowledged(3);
    expect(client.status()).toBe("saved");
  });

  it("does not count step 1 or awareness frames as document changes", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.type("x");
    // Frames so far: step1, awareness, step2, update. Ack 1 = the step 2 only.
    client.tracker.acknowledged(1);
    expect(client.status()).toBe("saving");
    client.tracker.acknowledged(2);
    expect(client.status()).toBe("saved");
  });

  it("ignores acknowledgements that repeat or go beyond what was sent", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.type("a");
    client.tracker.acknowledged(5); // only 2 frames sent: covers both, nothing more
    expect(client.status()).toBe("saved");
    client.type("b");
    client.tracker.acknowledged(2); // already counted
    expect(client.status()).toBe("saving");
    client.tracker.acknowledged(3);
    expect(client.status()).toBe("saved");
  });

  it("reports offline-unsaved for edits that were sent but not acknowledged before the socket dropped", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.tracker.acknowledged(1);
    client.type("lost in flight");
    client.disconnect();
    expect(client.status()).toBe("offline-unsaved");
    expect(client.tracker.status("connecting", false, false)).toBe("offline-unsaved");
  });

  it("reports plain offline when everything was stored before the socket dropped", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.type("kept");
    client.tracker.acknowledged(2);
    client.disconnect();
    expect(client.status()).toBe("offline");
  });

  it("restarts counting on a new socket; its step 2 covers the edits made offline", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.type("one ");
    client.type("two ");
    client.tracker.acknowledged(3); // step 2 + both updates on the first socket
    expect(client.status()).toBe("saved");
    const serverState = Y.encodeStateAsUpdate(client.doc);

    client.disconnect();
    client.type("three ");
    client.type("four");
    expect(client.status()).toBe("offline-unsaved");

    client.reconnect(serverState);
    expect(client.status()).toBe("saving");
    // Ack 1 on the new socket means its step 2, not the first socket's first frame.
    client.tracker.acknowledged(1);
    expect(client.status()).toBe("saved");
  });

  it("does not let an acknowledgement on the new socket cover edits made after its step 2", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.type("offline? no, online");
    client.tracker.acknowledged(2);
    client.disconnect();
    client.type(" offline edit");
    client.reconnect(Y.encodeStateAsUpdate(new Y.Doc()));
    client.type(" and one more");
    client.tracker.acknowledged(1);
    expect(client.status()).toBe("saving");
    client.tracker.acknowledged(2);
    expect(client.status()).toBe("saved");
  });

  it("says the server cannot save while storage fails, and saved once it recovers and acknowledges", () => {
    const client = editingClient();
    client.reconnect(emptyServer);
    client.tracker.acknowledged(1);
    client.type("pending");
    expect(client.status(true, true)).toBe("storage-failing");
    client.tracker.acknowledged(2);
    expect(client.status(true, false)).toBe("saved");
  });

  it("does not count updates that came from the server as local edits", () => {
    const client = editingClient();
    const other = new Y.Doc();
    other.getText("t").insert(0, "from another delegation");
    client.reconnect(emptyServer);
    client.tracker.acknowledged(1);
    client.receive(Y.encodeStateAsUpdate(other));
    expect(client.doc.getText("t").toString()).toBe("from another delegation");
    expect(client.status()).toBe("saved");
  });
});
