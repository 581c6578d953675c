import * as Y from "yjs";
import type { QuarantinedUpdateRow } from "../../schemas/rows.js";
import { readUpdateExactly } from "../../shared/collab/readUpdate.js";

/** A stretch of one client's clocks. */
export interface ClockRange {
  client: number;
  clock: number;
  length: number;
}

/**
 * The content of a document's set-aside (quarantined) updates: which Yjs
 * clocks of which clients they held. A window that still has that content
 * (it received it before the row was damaged) may send it again; it is then
 * the original author's content coming back, not the sender claiming
 * another person's client id. A set-aside update that does not decode holds
 * no content anyone can recognise, and none is listed for it.
 */
export class LostContent {
  private readonly ranges = new Map<number, { from: number; to: number }[]>();

  constructor(rows: Pick<QuarantinedUpdateRow, "data">[]) {
    for (const row of rows) {
      const read = readUpdateExactly(row.data);
      if (!read.ok) continue;
      for (const struct of read.decoded.structs) {
        if (struct instanceof Y.Skip) continue;
        let list = this.ranges.get(struct.id.client);
        if (!list) this.ranges.set(struct.id.client, (list = []));
        list.push({ from: struct.id.clock, to: struct.id.clock + struct.length });
      }
    }
  }

  /** Whether every clock of the range was content of a set-aside update. */
  covers({ client, clock, length }: ClockRange): boolean {
    return (this.ranges.get(client) ?? []).some((r) => r.from <= clock && clock + length <= r.to);
  }
}
