/** A range of Yjs items (`length` characters from `clock` of `client`) that carries words somebody else wrote. */
export interface CarriedRange<T> {
  client: number;
  clock: number;
  length: number;
  /** Who wrote the carried words. */
  author: T;
}

/** A piece of a range of items: carried (with its author) or written by its own client. */
export type Slice<T> = { length: number; carried: true; author: T } | { length: number; carried: false };

/**
 * Which Yjs items carry words another author wrote. Splitting or joining a
 * paragraph re-creates the moved words as new items of the editor's client
 * id; the server records the true authors of such items, and attribution
 * reads them here before falling back to the client id's owner.
 */
export class CarriedText<T> {
  private readonly byClient = new Map<number, CarriedRange<T>[]>();

  /** Adds ranges; a range already known (same first item) is kept as it is, so adding twice is harmless. */
  add(ranges: Iterable<CarriedRange<T>>): void {
    for (const range of ranges) {
      const list = this.byClient.get(range.client) ?? [];
      let at = list.length;
      while (at > 0 && list[at - 1]!.clock > range.clock) at--;
      if (at > 0 && list[at - 1]!.clock === range.clock) continue;
      list.splice(at, 0, range);
      this.byClient.set(range.client, list);
    }
  }

  /** Every range, for sending or storing. */
  all(): CarriedRange<T>[] {
    return [...this.byClient.values()].flat();
  }

  /** Splits `length` items from `clock` of `client` into carried and own pieces, in order. */
  slices(client: number, clock: number, length: number): Slice<T>[] {
    const list = this.byClient.get(client);
    if (!list) return [{ length, carried: false }];
    const end = clock + length;
    const slices: Slice<T>[] = [];
    let at = clock;
    // The first range that could overlap: the last one starting at or before `clock`.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.clock <= clock) lo = mid + 1;
      else hi = mid;
    }
    for (let i = Math.max(0, lo - 1); i < list.length && at < end; i++) {
      const range = list[i]!;
      const rangeEnd = range.clock + range.length;
      if (rangeEnd <= at) continue;
      if (range.clock >= end) break;
      if (range.clock > at) {
        slices.push({ length: range.clock - at, carried: false });
        at = range.clock;
      }
      const until = Math.min(rangeEnd, end);
      slices.push({ length: until - at, carried: true, author: range.author });
      at = until;
    }
    if (at < end) slices.push({ length: end - at, carried: false });
    return slices;
  }
}
