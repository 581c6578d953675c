import * as Y from "yjs";
import type { Author, ParagraphAttribution } from "../../schemas/api.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { contentOf, readBlocks } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import { CarriedText, type CarriedRange } from "../../shared/attribution/carriedText.js";
import type { CarriedTextStore } from "../storage/carriedTextStore.js";
import type { ClientIdStore } from "../storage/clientIdStore.js";
import type { UserStore } from "../storage/userStore.js";
import { authorOfUser } from "./authors.js";

/**
 * The authors of `length` items from `clock` of `client`, piece by piece
 * (moved words keep their authors). One made by {@link storedAuthors} also
 * carries the data it answers from, so that it can be sent to another thread.
 */
export type AuthorsOf = ((client: number, clock: number, length: number) => { length: number; author: Author | null }[]) & {
  readonly table?: AuthorTable;
};

/**
 * Who wrote a document's items, as plain data (it can be posted to a worker
 * thread): the author of each bound client id, and the ranges of moved words
 * with their authors. Users that no longer exist are null.
 */
export interface AuthorTable {
  bound: [client: number, author: Author | null][];
  carried: CarriedRange<Author | null>[];
}

/**
 * The authorship table of a document as storage says: every client-id
 * binding and carried-text range, each user looked up once.
 */
export function storedAuthorTable(
  deps: { clientIds: ClientIdStore; carriedText: CarriedTextStore; users: UserStore },
  documentId: string,
): AuthorTable {
  const authors = new Map<string, Author | null>();
  const userAuthor = (userId: string | null): Author | null => {
    if (!userId) return null;
    if (!authors.has(userId)) authors.set(userId, authorOfUser(deps.users, userId));
    return authors.get(userId)!;
  };
  return {
    bound: [...deps.clientIds.load(documentId)].map(([client, userId]) => [client, userAuthor(userId)]),
    carried: deps.carriedText.load(documentId).map((range) => ({ ...range, author: userAuthor(range.author) })),
  };
}

/** Answers from an authorship table: words moved by a split or join first (their authors carried), else the client id's owner. */
export function authorsFromTable(table: AuthorTable): AuthorsOf {
  const bound = new Map(table.bound);
  const carried = new CarriedText<Author | null>();
  carried.add(table.carried);
  const authorsOf = (client: number, clock: number, length: number) => carried.slices(client, clock, length)
    .map((slice) => ({ length: slice.length, author: slice.carried ? slice.author : bound.get(client) ?? null }));
  return Object.assign(authorsOf, { table });
}

/**
 * Who wrote the items of a document as storage says: words moved by a split
 * or join first (their authors carried), else the user the client id is
 * bound to. Each user is looked up once.
 */
export function storedAuthors(
  deps: { clientIds: ClientIdStore; carriedText: CarriedTextStore; users: UserStore },
  documentId: string,
): AuthorsOf {
  return authorsFromTable(storedAuthorTable(deps, documentId));
}

/**
 * Attributes every visible character of every paragraph to the user whose
 * Yjs client id inserted it (client ids are bound to users by the server, so
 * this cannot be forged), or, for words an edit moved, to their author. Text no bound client wrote (the draft as seeded or
 * imported) has no author.
 */
export function attributeParagraphs(
  doc: Y.Doc,
  meta: { style: DocumentStyle; language: DocumentLanguage },
  authorsOf: AuthorsOf,
): ParagraphAttribution[] {
  const labels = numberParagraphs(readBlocks(doc), meta.style, meta.language);
  const result: ParagraphAttribution[] = [];
  for (const node of contentOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== "paragraph") continue;
    const pid = String(node.getAttribute("pid") ?? "");
    const segments: ParagraphAttribution["segments"] = [];
    const totals = new Map<string, ParagraphAttribution["contributors"][number]>();
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      for (let item = child._start; item; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        const str = item.content.str;
        let offset = 0;
        for (const { length, author } of authorsOf(item.id.client, item.id.clock, str.length)) {
          const text = str.slice(offset, offset + length);
          offset += length;
          const last = segments[segments.length - 1];
          if (last && last.delegation === (author?.delegation ?? null) && last.group === (author?.group ?? null)) last.text += text;
          else segments.push({ text, delegation: author?.delegation ?? null, group: author?.group ?? null });
          if (!author) continue;
          const key = `${author.name}\u0000${author.delegation ?? ""}`;
          const entry = totals.get(key) ?? { ...author, characters: 0 };
          entry.characters += text.length;
          totals.set(key, entry);
        }
      }
    }
    result.push({
      pid,
      reference: labels.get(pid)?.reference ?? "",
      contributors: [...totals.values()].sort((a, b) => b.characters - a.characters),
      segments,
    });
  }
  return result;
}
