import * as Y from "yjs";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import { contentOf } from "../../shared/document/yBlocks.js";

type DeleteSet = ReturnType<typeof Y.decodeUpdate>["ds"];

/** Whether the delete set holds item `clock` of `client`. */
function deletes(ds: DeleteSet, client: number, clock: number): boolean {
  const ranges = ds.clients.get(client);
  if (!ranges) return false;
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid]!;
    if (clock < range.clock) hi = mid - 1;
    else if (clock >= range.clock + range.len) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Finds the words an update moves rather than writes. Splitting a paragraph
 * deletes the words after the caret and inserts them again in a new
 * paragraph, under the editor's client id; joining does the same the other
 * way. Each inserted text that repeats text the same update deletes carries
 * the deleted text's authors. Must be called before the update is applied
 * (deleted text is not kept once applied). `authorOf` names the author of an
 * existing character (a user id, or null for the draft's own text); ranges
 * whose author is the inserting client's own owner are left out.
 */
export function findCarriedText(
  doc: Y.Doc,
  update: Uint8Array,
  authorOf: (client: number, clock: number) => string | null,
  ownerOf: (client: number) => string | null,
): CarriedRange<string | null>[] {
  const { structs, ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return [];
  const inserted = structs.filter((s): s is Y.Item => s instanceof Y.Item && s.content instanceof Y.ContentString);
  if (inserted.length === 0) return [];

  // The visible text the update deletes, in document order, with each character's author.
  let deleted = "";
  const authors: (string | null)[] = [];
  for (const block of contentOf(doc).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    for (const child of block.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        const { client, clock } = item.id;
        const str = item.content.str;
        for (let i = 0; i < str.length; i++) {
          if (!deletes(ds, client, clock + i)) continue;
          deleted += str[i];
          authors.push(authorOf(client, clock + i));
        }
      }
    }
  }
  if (deleted.length === 0) return [];

  const carried: CarriedRange<string | null>[] = [];
  let cursor = 0;
  for (const item of inserted) {
    const str = (item.content as Y.ContentString).str;
    let at = deleted.indexOf(str, cursor);
    if (at < 0) at = deleted.indexOf(str);
    if (at < 0) continue;
    cursor = at + str.length;
    const own = ownerOf(item.id.client);
    for (let i = 0; i < str.length;) {
      const author = authors[at + i]!;
      let j = i + 1;
      while (j < str.length && authors[at + j] === author) j++;
      if (author !== own) carried.push({ client: item.id.client, clock: item.id.clock + i, length: j - i, author });
      i = j;
    }
  }
  return carried;
}
