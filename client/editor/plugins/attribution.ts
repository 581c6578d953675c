import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import type * as Y from "yjs";
import type { Author } from "../../../schemas/api.js";
import type { StakeholderGroup } from "../../../schemas/domain.js";
import {
  colorForDelegation, colorForDelegationSlot, colorForGroup, underlineForGroup, type UnderlineStyle,
} from "../../../shared/attribution/groupColors.js";
import { readAuthorRuns, type BlockRuns } from "../model/authorRuns.js";

/** What attribution view colours by, or off. */
export type AttributionMode = "off" | "group" | "delegation";

/** One colour of the legend: a stakeholder group or a delegation, and how much of the text it wrote. */
export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  /** The underline of the words: their stakeholder group's, in both modes. */
  line: UnderlineStyle;
  characters: number;
}

/** The attribution view of the current document. */
export interface AttributionState {
  mode: AttributionMode;
  decorations: DecorationSet;
  legend: LegendEntry[];
  /** Characters no known author wrote (the draft as imported or seeded). */
  unattributed: number;
  /** The document has been read since the view was switched on (until then the legend is not known). */
  read: boolean;
}

/** The words the view shows, in the user's language. */
export interface AttributionText {
  groupName: (group: StakeholderGroup) => string;
  groupShort: (group: StakeholderGroup) => string;
  /** Label of people who speak for no delegation (secretariat, chairs), in group mode. */
  noDelegation: () => string;
  /** "Proposed by: …" under a paragraph, given the list of proposers. */
  proposedBy: (list: string[]) => string;
  /** Tooltip of attributed words. */
  wroteBy: (author: Author, groupName: string | null) => string;
}

/** What the plugin reads from the page and the connection. */
export interface AttributionOptions {
  /** The shared document's content, the one the editor is bound to. */
  fragment: () => Y.XmlFragment;
  /** Calls back after each transaction of the shared document; returns the unsubscribe function. */
  onSharedChange: (listener: (local: boolean) => void) => () => void;
  /** The authors of `length` items from `clock` of `client`, piece by piece; null for the draft's own text. */
  authorsOf: (client: number, clock: number, length: number) => { length: number; author: AttributedAuthor | null }[];
  /** Calls back when more authors become known; returns the unsubscribe function. */
  onAuthorsChange: (listener: () => void) => () => void;
  text: () => AttributionText;
}

/** An author as the view needs them; `delegationOrder` (from the server) gives their delegation a stable colour. */
export type AttributedAuthor = Author & { delegationOrder?: number | null };

/** Plugin key, for reading the view's state and switching it. */
export const attributionKey = new PluginKey<AttributionState>("attribution");

interface AttributionMeta {
  mode?: AttributionMode;
  refresh?: true;
}

const OFF: AttributionState = { mode: "off", decorations: DecorationSet.empty, legend: [], unattributed: 0, read: false };

/** The colour (and legend entry) an author's words take in a mode. */
function colourOf(author: AttributedAuthor, mode: Exclude<AttributionMode, "off">, text: AttributionText): Omit<LegendEntry, "characters"> {
  const line = underlineForGroup(author.group);
  if (mode === "group") {
    return author.group
      ? { key: `group:${author.group}`, label: text.groupName(author.group), color: colorForGroup(author.group), line }
      : { key: "group:none", label: text.noDelegation(), color: colorForGroup(null), line };
  }
  return author.delegation
    ? {
      key: `delegation:${author.delegation}`,
      label: author.delegation,
      color: author.delegationOrder != null ? colorForDelegationSlot(author.delegationOrder) : colorForDelegation(author.delegation),
      line,
    }
    : { key: `person:${author.name}`, label: author.name, color: colorForGroup(null), line };
}

/** How a proposer is named under a paragraph: "Arcadia (Gov)", or a person's name without a delegation. */
function proposerName(author: Author, text: AttributionText): string {
  if (!author.delegation) return author.name;
  return author.group ? `${author.delegation} (${text.groupShort(author.group)})` : author.delegation;
}

/** How one author's words look in a mode: legend entry, decoration attributes, name under paragraphs. */
interface ClientLook {
  colour: Omit<LegendEntry, "characters">;
  attrs: Record<string, string>;
  proposer: string;
}

function lookFor(author: AttributedAuthor, mode: Exclude<AttributionMode, "off">, text: AttributionText): ClientLook {
  const colour = colourOf(author, mode, text);
  return {
    colour,
    proposer: proposerName(author, text),
    attrs: {
      class: "authored",
      style: `--author-color: ${colour.color}; --author-line: ${colour.line}`,
      title: text.wroteBy(author, author.group ? text.groupName(author.group) : null),
      "data-group": author.group ?? "none",
      "data-delegation": author.delegation ?? "",
    },
  };
}

function proposedByWidget(label: string, level: unknown): (view: EditorView) => HTMLElement {
  return () => {
    const note = document.createElement("div");
    note.className = "proposed-by";
    note.contentEditable = "false";
    note.dataset.level = String(level ?? 1);
    note.textContent = label;
    return note;
  };
}

/** The decorations and legend of a reading of the document; null when the editor and the shared document are out of step. */
function build(doc: PmNode, mode: Exclude<AttributionMode, "off">, options: AttributionOptions): AttributionState | null {
  const blocks: BlockRuns[] | null = readAuthorRuns(options.fragment(), doc);
  if (!blocks) return null;
  const text = options.text();
  const decorations: Decoration[] = [];
  const legend = new Map<string, LegendEntry>();
  let unattributed = 0;
  // Everything about an author is worked out once per reading: a document has far fewer authors than runs.
  const looks = new Map<AttributedAuthor, ClientLook>();
  const lookOf = (author: AttributedAuthor): ClientLook => {
    let look = looks.get(author);
    if (!look) looks.set(author, look = lookFor(author, mode, text));
    return look;
  };
  for (const block of blocks) {
    const proposers = new Map<string, number>();
    for (const run of block.runs) {
      let from = run.from;
      for (const { length, author } of options.authorsOf(run.clientId, run.clock, run.to - run.from)) {
        const at = from;
        from += length;
        if (!author) {
          unattributed += length;
          continue;
        }
        const look = lookOf(author);
        const entry = legend.get(look.colour.key) ?? { ...look.colour, characters: 0 };
        entry.characters += length;
        legend.set(look.colour.key, entry);
        proposers.set(look.proposer, (proposers.get(look.proposer) ?? 0) + length);
        // The spec repeats the tooltip, so the page can say who wrote the words at the caret (a title is mouse-only).
        decorations.push(Decoration.inline(at, at + length, look.attrs, { wroteBy: look.attrs.title }));
      }
    }
    if (block.node.type.name === "paragraph" && proposers.size > 0) {
      const names = [...proposers].sort((a, b) => b[1] - a[1]).map(([name]) => name);
      const label = text.proposedBy(names);
      decorations.push(Decoration.widget(block.pos + block.node.nodeSize, proposedByWidget(label, block.node.attrs.level), {
        side: -1,
        key: `proposed-by:${String(block.node.attrs.pid)}:${String(block.node.attrs.level)}:${label}`,
        ignoreSelection: true,
      }));
    }
  }
  return {
    mode,
    decorations: DecorationSet.create(doc, decorations),
    legend: [...legend.values()].sort((a, b) => b.characters - a.characters || a.label.localeCompare(b.label)),
    unattributed,
    read: true,
  };
}

/**
 * Attribution view: colours every word by the stakeholder group or the
 * delegation whose member wrote it (underlined in its group's line style, a
 * cue besides colour), writes "Proposed by: …" under each
 * paragraph, and keeps a legend. Authorship is read from the shared
 * document's client ids (bound to users by the server), never from anything
 * a client says about itself. Off by default; it costs nothing while off.
 */
export function attributionPlugin(options: AttributionOptions): Plugin<AttributionState> {
  return new Plugin<AttributionState>({
    key: attributionKey,
    state: {
      init: () => OFF,
      apply(tr: Transaction, value: AttributionState, _old: EditorState, state: EditorState): AttributionState {
        const meta = tr.getMeta(attributionKey) as AttributionMeta | undefined;
        const mode = meta?.mode ?? value.mode;
        if (mode === "off") return OFF;
        if (!meta && !tr.docChanged) return value;
        // A remote change arrives with the shared document already updated: read it now. A local
        // change reaches the shared document just after; until the refresh, map the last reading.
        return build(state.doc, mode, options) ??
          { ...value, mode, decorations: value.decorations.map(tr.mapping, tr.doc) };
      },
    },
    props: {
      decorations: (state) => attributionKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
    view(view) {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const refreshSoon = () => {
        if (timer !== null || attributionKey.getState(view.state)?.mode === "off") return;
        timer = setTimeout(() => {
          timer = null;
          if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(attributionKey, { refresh: true }).setMeta("addToHistory", false));
        }, 0);
      };
      const stopShared = options.onSharedChange((local) => {
        if (local) refreshSoon();
      });
      const stopAuthors = options.onAuthorsChange(refreshSoon);
      return {
        destroy() {
          if (timer !== null) clearTimeout(timer);
          stopShared();
          stopAuthors();
        },
      };
    },
  });
}

/** Who wrote the character after the caret (else the one before it) as the tooltip says it, or null. */
export function wroteByAtCaret(state: EditorState): string | null {
  const value = attributionKey.getState(state);
  if (!value || value.mode === "off") return null;
  const at = state.selection.from;
  const found = value.decorations.find(Math.max(0, at - 1), at + 1, (spec) => typeof spec.wroteBy === "string");
  const after = found.find((d) => d.from <= at && at < d.to) ?? found.find((d) => d.to === at);
  return after ? String(after.spec.wroteBy) : null;
}

/** Switches attribution view on (by group or delegation) or off. */
export function setAttributionMode(view: EditorView, mode: AttributionMode): void {
  if (attributionKey.getState(view.state)?.mode === mode) return;
  view.dispatch(view.state.tr.setMeta(attributionKey, { mode }).setMeta("addToHistory", false));
}
