/** One piece of a block's inline content: text with its marks, or an inline node. */
export type InlinePiece = { text: string; marks: { name: string; attrs: unknown }[] } | { node: string };

/** JSON with object keys sorted, so two readers that build the same value in another order agree. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

/**
 * A key of a block's content (text, marks with their attributes, inline
 * nodes) that is equal exactly when the content is: the Yjs reader on the
 * server and the ProseMirror reader in the editor build it alike, however
 * each splits the text into runs.
 */
export function contentKey(pieces: Iterable<InlinePiece>): string {
  const out: string[] = [];
  let lastMarks: string | null = null;
  for (const piece of pieces) {
    if ("node" in piece) {
      out.push(`<${piece.node}>`);
      lastMarks = null;
      continue;
    }
    if (piece.text.length === 0) continue;
    const marks = piece.marks.map((m) => `${m.name}${stableJson(m.attrs)}`).sort().join("|");
    if (marks === lastMarks) out[out.length - 1] += JSON.stringify(piece.text).slice(1, -1);
    else out.push(`${marks}:${JSON.stringify(piece.text).slice(1, -1)}`);
    lastMarks = marks;
  }
  return out.join("\u0000");
}
