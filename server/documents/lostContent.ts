import * as Y from "yjs";
import type { QuarantinedUpdateRow } from "../../schemas/rows.js";
import { readUpdateExactly } from "../../shared/collab/readUpdate.js";

/** A struct as an update carries it, before it is integrated. */
type Struct = Y.Item | Y.GC | Y.Skip;

/** Whether two ids (or their absence) are the same. */
function sameId(a: Y.ID | null, b: Y.ID | null): boolean {
  return a === null || b === null ? a === b : a.client === b.client && a.clock === b.clock;
}

/** A comparable description of a struct's content that is not text: its kind and what it holds. */
function contentKey(content: Y.Item["content"]): string {
  if (content instanceof Y.ContentFormat) return `format:${content.key}:${JSON.stringify(content.value)}`;
  if (content instanceof Y.ContentAny) return `any:${JSON.stringify(content.arr)}`;
  if (content instanceof Y.ContentType) {
    const type = content.type;
    return `type:${type.constructor.name}:${type instanceof Y.XmlElement ? type.nodeName : ""}`;
  }
  if (content instanceof Y.ContentEmbed) return `embed:${JSON.stringify(content.embed)}`;
  return `other:${content.constructor.name}`;
}

/**
 * The content of a document's set-aside (quarantined) updates, struct by
 * struct. A window that still holds that content (it received it before the
 * row was damaged) may send it back; what it sends is recognised as the
 * original author's only if it is the same content at the same place: the
 * same characters (or the same other content) at the same clocks, after the
 * same neighbours. A set-aside update that does not decode holds no content
 * anyone can recognise, and none is listed for it.
 */
export class LostContent {
  private readonly items = new Map<number, Y.Item[]>();

  constructor(rows: Pick<QuarantinedUpdateRow, "data">[]) {
    for (const row of rows) {
      const read = readUpdateExactly(row.data);
      if (!read.ok) continue;
      for (const struct of read.decoded.structs) {
        if (!(struct instanceof Y.Item)) continue;
        let list = this.items.get(struct.id.client);
        if (!list) this.items.set(struct.id.client, (list = []));
        list.push(struct);
      }
    }
  }

  /** Whether a struct sent by a window is content of a set-aside update, unchanged and in its place. */
  matches(struct: Struct): boolean {
    const { client, clock } = struct.id;
    const lost = this.items.get(client)?.find((i) => i.id.clock <= clock && clock + struct.length <= i.id.clock + i.length);
    if (!lost) return false;
    // A window that has since collected deleted content sends it as a placeholder: it carries nothing.
    if (struct instanceof Y.GC || struct instanceof Y.Skip) return true;
    const offset = clock - lost.id.clock;
    const end = offset + struct.length === lost.length;
    const sameOrigins = sameId(struct.origin, offset === 0 ? lost.origin : Y.createID(client, clock - 1)) &&
      sameId(struct.rightOrigin, end ? lost.rightOrigin : Y.createID(client, clock + struct.length));
    if (!sameOrigins) return false;
    if (struct.origin === null && struct.rightOrigin === null) {
      const parent = (p: unknown) => (typeof p === "string" ? p : p && typeof p === "object" && "client" in p ? `${(p as Y.ID).client}:${(p as Y.ID).clock}` : null);
      if (parent(struct.parent) !== parent(lost.parent) || struct.parentSub !== lost.parentSub) return false;
    }
    if (struct.content instanceof Y.ContentDeleted) return true;
    if (struct.content instanceof Y.ContentString && lost.content instanceof Y.ContentString) {
      return lost.content.str.slice(offset, offset + struct.length) === struct.content.str;
    }
    return offset === 0 && end && contentKey(struct.content) === contentKey(lost.content);
  }
}
