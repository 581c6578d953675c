import * as Y from "yjs";
import type { CarriedRange } from "../../shared/attribution/carriedText.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import type { DecodedUpdate } from "./protocol.js";

/** Updates moving more than this are left as they are (their words count as the mover's): a bound on the work. */
const MAX_DELETED_CHARACTERS = 200_000;
const MAX_INSERTED_RUNS = 500;

/** Whether the delete set holds item `clock` of `client`. */
function deletes(ds: DecodedUpdate["ds"], client: number, clock: number): boolean {
  return Y.isDeleted(ds, Y.createID(client, clock));
}

/**
 * The visible items of a block's text, in order, with a null wherever a run
 * of text is interrupted (an inline node between two texts).
 */
function* textItems(block: Y.XmlElement): Generator<Y.Item | null> {
  for (const child of block.toArray()) {
    if (!(child instanceof Y.XmlText)) {
      yield null;
      continue;
    }
    for (let item = child._start; item; item = item.right) if (!item.deleted && item.countable) yield item;
  }
}

/** A stretch of text an update deletes from one paragraph, with each character's author. */
interface DeletedRun {
  text: string;
  authors: (string | null)[];
}

/** What {@link captureMovedText} keeps from before the update: the deleted runs and the state it started from. */
export interface MovedTextCapture {
  deleted: DeletedRun[];
  stateBefore: Map<number, number>;
}

/**
 * Splitting a paragraph (Enter) deletes the words after the caret and writes
 * them again in a new paragraph under the editor's client id; joining two
 * (Backspace) does the same the other way. Before such an update is applied
 * (deleted text is not kept afterwards), this reads the text it deletes,
 * paragraph by paragraph, with each character's author (`authorOf`: a user
 * id, or null for the draft's own text). Returns null for any other update:
 * only an update that adds or removes a paragraph moves words.
 */
export function captureMovedText(
  doc: Y.Doc,
  { structs, ds }: DecodedUpdate,
  authorOf: (client: number, clock: number) => string | null,
): MovedTextCapture | null {
  if (ds.clients.size === 0) return null;
  const blocks = contentOf(doc).toArray();
  const addsBlock = structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentType);
  const removesBlock = blocks.some((b) => b instanceof Y.XmlElement && b._item !== null && deletes(ds, b._item.id.client, b._item.id.clock));
  if (!addsBlock && !removesBlock) return null;

  const deleted: DeletedRun[] = [];
  let total = 0;
  for (const block of blocks) {
    if (!(block instanceof Y.XmlElement)) continue;
    let run: DeletedRun | null = null;
    for (const item of textItems(block)) {
      const str = item?.content instanceof Y.ContentString ? item.content.str : null;
      if (!item || str === null) {
        run = null;
        continue;
      }
      for (let i = 0; i < item.length; i++) {
        if (!deletes(ds, item.id.client, item.id.clock + i)) {
          run = null;
          continue;
        }
        if (!run) deleted.push(run = { text: "", authors: [] });
        run.text += str[i];
        run.authors.push(authorOf(item.id.client, item.id.clock + i));
        if (++total > MAX_DELETED_CHARACTERS) return null;
      }
    }
  }
  return deleted.length > 0 ? { deleted, stateBefore: Y.decodeStateVector(Y.encodeStateVector(doc)) } : null;
}

/** A stretch of text an update inserted into one paragraph: its characters and the items holding them. */
interface InsertedRun {
  text: string;
  items: { client: number; clock: number; length: number }[];
}

/**
 * After a splitting or joining update is applied and accepted: each stretch
 * of text it inserted into a paragraph that repeats, in full, a stretch it
 * deleted from one paragraph carries the deleted words' authors. Returns the
 * item ranges that carry someone other than their own client's owner.
 */
export function carryMovedText(doc: Y.Doc, capture: MovedTextCapture, ownerOf: (client: number) => string | null): CarriedRange<string | null>[] {
  const isNew = (client: number, clock: number) => clock >= (capture.stateBefore.get(client) ?? 0);
  const inserted: InsertedRun[] = [];
  for (const block of contentOf(doc).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    let run: InsertedRun | null = null;
    for (const item of textItems(block)) {
      if (!item || !(item.content instanceof Y.ContentString) || !isNew(item.id.client, item.id.clock)) {
        run = null;
        continue;
      }
      if (!run) {
        inserted.push(run = { text: "", items: [] });
        if (inserted.length > MAX_INSERTED_RUNS) return [];
      }
      run.text += item.content.str;
      run.items.push({ client: item.id.client, clock: item.id.clock, length: item.length });
    }
  }

  const carried: CarriedRange<string | null>[] = [];
  for (const run of inserted) {
    const source = capture.deleted.find((d) => d.text.includes(run.text));
    if (!source) continue;
    const at = source.text.indexOf(run.text);
    let offset = 0;
    for (const item of run.items) {
      const own = ownerOf(item.client);
      for (let i = 0; i < item.length;) {
        const author = source.authors[at + offset + i]!;
        let j = i + 1;
        while (j < item.length && source.authors[at + offset + j] === author) j++;
        if (author !== own) carried.push({ client: item.client, clock: item.clock + i, length: j - i, author });
        i = j;
      }
      offset += item.length;
    }
  }
  return carried;
}
