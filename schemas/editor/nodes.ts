import { mergeAttributes, Node } from "@tiptap/core";

/**
 * The negotiation document's nodes. Every block carries `pid`, a stable id
 * that survives edits (and is not copied when a block is split); paragraph
 * nodes also carry `status`, `level` (1 paragraph, 2 sub-paragraph) and
 * `frozenLabel` (the label core fixed by the last issued revision) and `importedLabel` (the label
 * an imported source gave it, kept as written until a revision renumbers). The same extensions build the schema in the
 * browser editor and headlessly on the server.
 */

const pidAttribute = {
  pid: {
    default: null as string | null,
    keepOnSplit: false,
    parseHTML: (el: HTMLElement) => el.getAttribute("data-pid"),
    renderHTML: (attrs: Record<string, unknown>) => (attrs.pid ? { "data-pid": attrs.pid } : {}),
  },
};

/** The root: any sequence of blocks. */
export const NegotiationDocument = Node.create({
  name: "doc",
  topNode: true,
  content: "block+",
});

/** A numbered (or lettered) paragraph or sub-paragraph under negotiation. */
export const Paragraph = Node.create({
  name: "paragraph",
  group: "block",
  content: "inline*",
  priority: 1000,
  addAttributes() {
    return {
      ...pidAttribute,
      status: {
        default: "open",
        keepOnSplit: false,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-status") ?? "open",
        renderHTML: (attrs: Record<string, unknown>) => ({ "data-status": attrs.status }),
      },
      frozenLabel: {
        default: null,
        keepOnSplit: false,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-frozen-label"),
        renderHTML: (attrs: Record<string, unknown>) =>
          attrs.frozenLabel ? { "data-frozen-label": attrs.frozenLabel } : {},
      },
      importedLabel: {
        default: null,
        keepOnSplit: false,
        parseHTML: (el: HTMLElement) => el.getAttribute("data-imported-label"),
        renderHTML: (attrs: Record<string, unknown>) =>
          attrs.importedLabel ? { "data-imported-label": attrs.importedLabel } : {},
      },
      level: {
        default: 1,
        parseHTML: (el: HTMLElement) => Number(el.getAttribute("data-level") ?? 1),
        renderHTML: (attrs: Record<string, unknown>) => ({ "data-level": attrs.level }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "p.para" }, { tag: "p", priority: 10 }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["p", mergeAttributes({ class: "para" }, HTMLAttributes), 0];
  },
});

/** The document's title. */
export const Title = Node.create({
  name: "title",
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes: () => ({ ...pidAttribute }),
  parseHTML: () => [{ tag: "h1" }],
  renderHTML: ({ HTMLAttributes }) => ["h1", mergeAttributes({ class: "doc-title" }, HTMLAttributes), 0],
});

/** The line naming the body or the speakers ("The Plenipotentiary Conference ...,"). */
export const OpeningLine = Node.create({
  name: "openingLine",
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes: () => ({ ...pidAttribute }),
  parseHTML: () => [{ tag: "p.opening-line" }],
  renderHTML: ({ HTMLAttributes }) => ["p", mergeAttributes({ class: "opening-line" }, HTMLAttributes), 0],
});

/** A section heading of a declaration-style document ("B. Achievements"). */
export const SectionHeading = Node.create({
  name: "sectionHeading",
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes: () => ({ ...pidAttribute }),
  parseHTML: () => [{ tag: "h2" }],
  renderHTML: ({ HTMLAttributes }) => ["h2", mergeAttributes({ class: "section-heading" }, HTMLAttributes), 0],
});

/** The italic verb phrase opening a resolution block ("recalling", "resolves"). */
export const VerbPhrase = Node.create({
  name: "verbPhrase",
  group: "block",
  content: "inline*",
  defining: true,
  addAttributes() {
    return {
      ...pidAttribute,
      part: {
        default: "preambular",
        parseHTML: (el: HTMLElement) => el.getAttribute("data-part") ?? "preambular",
        renderHTML: (attrs: Record<string, unknown>) => ({ "data-part": attrs.part }),
      },
    };
  },
  parseHTML: () => [{ tag: "p.verb-phrase" }],
  renderHTML: ({ HTMLAttributes }) => ["p", mergeAttributes({ class: "verb-phrase" }, HTMLAttributes), 0],
});
