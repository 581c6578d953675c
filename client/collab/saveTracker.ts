import { isDocumentChange } from "../../shared/collab/messages.js";

/** What the save indicator shows. */
export type SaveStatus = "connecting" | "saving" | "saved" | "offline" | "offline-unsaved" | "storage-failing";

/** The websocket's state as the indicator sees it. */
export type ConnectionState = "connecting" | "connected" | "disconnected";

/**
 * Decides when local edits are durably stored, from the server's Saved
 * acknowledgements. Pure: the collaboration hook feeds it events.
 *
 * Every local edit bumps `localVersion`. Every document-changing frame sent
 * on the current socket remembers the `localVersion` it carries (a Yjs
 * update sent after edit k contains edits 1..k, because the provider sends
 * synchronously from the doc's update event, after `localChange` ran). When
 * the server says "the first N of your frames are stored", everything up to
 * the version of frame N-1 is saved. On a new socket counting restarts, and
 * its sync step 2 carries every edit the server has not stored yet.
 */
export class SaveTracker {
  private localVersion = 0;
  private savedVersion = 0;
  /** Frames acknowledged on the current socket. */
  private ackedFrames = 0;
  /** `localVersion` carried by each sent, not yet acknowledged frame of the current socket. */
  private unackedVersions: number[] = [];

  /** Records one local edit (a doc update that did not come from the server). */
  localChange(): void {
    this.localVersion += 1;
  }

  /** Records a frame our socket sends; only document changes are counted by the server. */
  sent(frame: Uint8Array): void {
    if (isDocumentChange(frame)) this.unackedVersions.push(this.localVersion);
  }

  /** Starts counting afresh for a new socket. */
  socketOpened(): void {
    this.ackedFrames = 0;
    this.unackedVersions = [];
  }

  /** The server has stored the first `count` document changes sent on this socket. */
  acknowledged(count: number): void {
    // Never trust a count beyond what we sent: it cannot cover edits we have not sent.
    const covered = Math.min(count, this.ackedFrames + this.unackedVersions.length);
    const newlyAcked = covered - this.ackedFrames;
    if (newlyAcked <= 0) return;
    const version = this.unackedVersions[newlyAcked - 1]!;
    this.savedVersion = Math.max(this.savedVersion, version);
    this.unackedVersions.splice(0, newlyAcked);
    this.ackedFrames = covered;
  }

  /** Whether some local edit is not known to be durably stored. */
  get hasUnsavedChanges(): boolean {
    return this.savedVersion < this.localVersion;
  }

  /** The indicator state for the given connection state. */
  status(connection: ConnectionState, synced: boolean, storageFailing: boolean): SaveStatus {
    const unsaved = this.hasUnsavedChanges;
    if (connection !== "connected") {
      if (unsaved) return "offline-unsaved";
      return connection === "connecting" ? "connecting" : "offline";
    }
    if (storageFailing) return "storage-failing";
    if (unsaved) return "saving";
    return synced ? "saved" : "connecting";
  }
}
