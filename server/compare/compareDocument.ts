import * as Y from "yjs";
import type { Author } from "../../schemas/api.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { compareTexts, type Attributed, type CompareBlock, type Comparison } from "../../shared/compare/compareTexts.js";
import { contentOf, readBlockHead, readBlocks } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import { CarriedText } from "../../shared/attribution/carriedText.js";
import type { AuthorTable } from "../documents/attribution.js";
import type { DeletedRange } from "../storage/deletedTextStore.js";

/** Who did something to `length` items from `clock` of `client`, piece by piece; `carried` for words a split or join moved. */
type WhoOf = (client: number, clock: number, length: number) => { length: number; author: Author | null; carried?: boolean }[];

/** Who wrote items, from a document's authorship table: moved words (a split, a join) with their authors, flagged as carried. */
export function writersOf(table: AuthorTable): WhoOf {
  const bound = new Map(table.bound);
  const carried = new CarriedText<Author | null>();
  carried.add(table.carried);
  return (client, clock, length) => carried.slices(client, clock, length).map((slice) => slice.carried
    ? { length: slice.length, author: slice.author, carried: true }
    : { length: slice.length, author: bound.get(client) ?? null });
}

/**
 * The blocks of one text as a comparison reads them: each block's text as
 * the document reads it (a line break is "\n") with, run by run, what `who`
 * says of its items (who wrote them, or who deleted them since), and its
 * label as that text numbered it.
 */
export function compareBlocksOf(doc: Y.Doc, meta: { style: DocumentStyle; language: DocumentLanguage }, who: WhoOf): CompareBlock[] {
  const labels = numberParagraphs(readBlocks(doc), meta.style, meta.language);
  const blocks: CompareBlock[] = [];
  for (const node of contentOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const head = readBlockHead(node);
    if (!head) continue;
    let text = "";
    const by: Attributed[] = [];
    const push = (length: number, author: Author | null, carried = false) => {
      const last = by[by.length - 1];
      if (last && last.by === author && (last.carried ?? false) === carried) last.length += length;
      else by.push({ length, by: author, ...(carried ? { carried } : {}) });
    };
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        // A line break reads as "\n", as in the document's text; nobody is named for it.
        if (child.nodeName === "hardBreak") {
          text += "\n";
          push(1, null);
        }
        continue;
      }
      if (!(child instanceof Y.XmlText)) continue;
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        text += item.content.str;
        for (const piece of who(item.id.client, item.id.clock, item.length)) push(piece.length, piece.author, piece.carried ?? false);
      }
    }
    blocks.push({ pid: head.pid, kind: head.kind, label: labels.get(head.pid)?.display ?? "", status: head.status, text, by });
  }
  return blocks;
}

/**
 * Who deleted items, from the room's record: per client the recorded ranges
 * in clock order (an item is deleted once, so they do not overlap).
 */
export function deletersOf(ranges: DeletedRange[], authorOf: (userId: string) => Author | null): WhoOf {
  const byClient = new Map<number, DeletedRange[]>();
  for (const range of ranges) {
    const list = byClient.get(range.client) ?? [];
    list.push(range);
    byClient.set(range.client, list);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.clock - b.clock);
  const authors = new Map<string, Author | null>();
  const author = (userId: string) => {
    if (!authors.has(userId)) authors.set(userId, authorOf(userId));
    return authors.get(userId)!;
  };
  /** The last range starting at or before `clock`. */
  const rangeAt = (list: DeletedRange[], clock: number): number => {
    let low = 0;
    let high = list.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (list[mid]!.clock <= clock) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  };
  return (client, clock, length) => {
    const list = byClient.get(client);
    if (!list) return [{ length, author: null }];
    const out: { length: number; author: Author | null }[] = [];
    let at = clock;
    const end = clock + length;
    // The first range that has not ended before `at`.
    let j = rangeAt(list, at);
    if (j < 0 || list[j]!.clock + list[j]!.length <= at) j += 1;
    while (at < end) {
      const range = list[j];
      if (!range || range.clock >= end) {
        out.push({ length: end - at, author: null });
        break;
      }
      if (range.clock > at) {
        out.push({ length: range.clock - at, author: null });
        at = range.clock;
      }
      const upTo = Math.min(end, range.clock + range.length);
      out.push({ length: upTo - at, author: author(range.deleter) });
      at = upTo;
      j += 1;
    }
    return out;
  };
}

/** Two texts of a document compared: `from` read with who deleted its words since, `to` with who wrote its words. */
export function compareDocuments(
  from: Y.Doc,
  to: Y.Doc,
  meta: { style: DocumentStyle; language: DocumentLanguage },
  sources: { writers: WhoOf; deleters: WhoOf },
): Comparison {
  return compareTexts(compareBlocksOf(from, meta, sources.deleters), compareBlocksOf(to, meta, sources.writers), meta.language);
}
