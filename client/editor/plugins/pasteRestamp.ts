import { Fragment, Slice, type Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { BracketAttrs, type BracketPlacer } from "../../../schemas/brackets.js";
import { BRACKET_MARK } from "../../../shared/brackets/fromDelta.js";
import { createRestamper } from "../../../shared/brackets/restamp.js";

/** Who pastes, and the clock and id source for the re-stamped brackets. */
export interface PasteRestampOptions {
  getPlacer: () => BracketPlacer;
  now: () => string;
  newId: () => string;
}

/** Block attributes a copy must not carry: its identity and its negotiated state belong to the original. */
const RESET_BLOCK_ATTRS: Record<string, unknown> = { pid: null, status: "open", frozenLabel: null, importedLabel: null };

function mapFragment(fragment: Fragment, mapNode: (node: PmNode) => PmNode): Fragment {
  const nodes: PmNode[] = [];
  fragment.forEach((node) => nodes.push(mapNode(node)));
  return Fragment.fromArray(nodes);
}

/**
 * Turns pasted (or dropped) content into the paster's own: every bracket in
 * it becomes a new bracket placed by the paster now (fresh ids, sets of
 * alternatives kept together under fresh set ids), and every pasted block
 * loses its pid, status and frozen label, so pid integrity names it anew. A
 * paste thus never forges attribution or duplicates a paragraph's identity.
 * Plain text is not parsed: typed `[` and `]` stay characters.
 */
export function restampSlice(slice: Slice, placer: BracketPlacer, at: string, newId: () => string): Slice {
  const restamp = createRestamper(placer, at, newId);
  const mapNode = (node: PmNode): PmNode => {
    if (node.isText) {
      const marks = node.marks.map((mark) => {
        if (mark.type.name !== BRACKET_MARK) return mark;
        const parsed = BracketAttrs.safeParse(mark.attrs);
        return parsed.success ? mark.type.create(restamp(parsed.data)) : null;
      });
      return node.mark(marks.filter((m) => m !== null));
    }
    const attrs = { ...node.attrs };
    for (const [key, value] of Object.entries(RESET_BLOCK_ATTRS)) if (key in attrs) attrs[key] = value;
    const marks = node.marks.filter((m) => m.type.name !== BRACKET_MARK);
    return node.type.create(attrs, mapFragment(node.content, mapNode), marks);
  };
  return new Slice(mapFragment(slice.content, mapNode), slice.openStart, slice.openEnd);
}

/** The paste and drop hook applying {@link restampSlice} (not to text moved by dragging). */
export function pasteRestampPlugin(options: PasteRestampOptions): Plugin {
  return new Plugin({
    key: new PluginKey("pasteRestamp"),
    props: {
      // Text dragged within this editor moves: it stays the same brackets and paragraphs (the server agrees).
      transformPasted: (slice, view) =>
        view.dragging?.move ? slice : restampSlice(slice, options.getPlacer(), options.now(), options.newId),
    },
  });
}
