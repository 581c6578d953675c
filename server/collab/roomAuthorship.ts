import { CarriedText, type CarriedRange } from "../../shared/attribution/carriedText.js";
import type { ClientIdBindings } from "./clientIdBindings.js";
import type { Authorship } from "./authorizeUpdate.js";

/**
 * Who wrote each character of a room's document: the owner of the Yjs
 * client id that inserted it, unless the item carries words someone else
 * wrote (moved by splitting or joining paragraphs). Ranges found while a
 * batch is checked count for its later updates at once, and are kept only
 * once the batch is stored.
 */
export class RoomAuthorship implements Authorship {
  /** Stored ranges. */
  readonly carried = new CarriedText<string | null>();
  private batch = new CarriedText<string | null>();

  constructor(
    private readonly bindings: ClientIdBindings,
    stored: CarriedRange<string | null>[],
  ) {
    this.carried.add(stored);
  }

  readonly authorOf = (client: number, clock: number): string | null => {
    for (const known of [this.batch, this.carried]) {
      const [slice] = known.slices(client, clock, 1);
      if (slice?.carried) return slice.author;
    }
    return this.bindings.ownerOf(client) ?? null;
  };

  readonly ownerOf = (client: number): string | null => this.bindings.ownerOf(client) ?? null;

  /** A batch is checked (again) from the start: forget what an earlier check found. */
  beginBatch(): void {
    this.batch = new CarriedText();
  }

  /** Ranges of an update accepted in the current batch. */
  addToBatch(ranges: CarriedRange<string | null>[]): void {
    this.batch.add(ranges);
  }

  /** The batch is stored: its ranges are now part of the document. */
  keep(ranges: CarriedRange<string | null>[]): void {
    this.carried.add(ranges);
  }
}
