import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { colorForGroup } from "../../shared/attribution/groupColors.js";
import { bracketTokens, openingText } from "../../shared/brackets/tokens.js";
import { blockRuns } from "./model/pmBlocks.js";

/** Options: how a bracket is described (tooltip, accessible name) and what opening one does. */
export interface BracketGlyphsOptions {
  /** One sentence saying who placed the bracket and when. */
  describe: ((bracket: BracketAttrs) => string) | null;
  /** The accessible name of a focusable glyph (read-only editors). */
  label: ((bracket: BracketAttrs) => string) | null;
  /** Opens the bracket's details, anchored at the glyph the user clicked. */
  onOpen: ((bracketId: string, glyph: HTMLElement) => void) | null;
  /** Whether the user can edit (and so has a caret); read-only glyphs are focusable. */
  isEditable: () => boolean;
}

/** Plugin key; a transaction with this meta set redraws the glyphs (after the editor's editability changed). */
export const bracketGlyphsKey = new PluginKey<DecorationSet>("bracketGlyphs");

function glyph(options: BracketGlyphsOptions, text: string, bracket: BracketAttrs, focusable: boolean): HTMLElement {
  const span = document.createElement("span");
  span.className = "bracket-glyph";
  span.textContent = text;
  span.dataset.bracketId = bracket.id;
  span.style.color = colorForGroup(bracket.group);
  if (options.describe) span.title = options.describe(bracket);
  const open = (event: Event) => {
    event.preventDefault();
    options.onOpen?.(bracket.id, span);
  };
  span.addEventListener("click", open);
  if (focusable) {
    // A read-only editor has no caret, so its keyboard users reach the details through the glyphs.
    span.tabIndex = 0;
    span.setAttribute("role", "button");
    // The name begins with the glyph itself, so what is seen is what is heard (and what speech input calls it).
    if (options.label) span.setAttribute("aria-label", `${text} ${options.label(bracket)}`);
    span.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") open(event);
    });
  }
  return span;
}

/** Glyph decorations for every bracket of every text block in `doc`. */
function decorate(doc: PmNode, options: BracketGlyphsOptions, focusable: boolean): DecorationSet {
  const decorations: Decoration[] = [];
  const mode = focusable ? "ro" : "rw";
  doc.descendants((block, blockPos) => {
    if (!block.isTextblock) return true;
    let offset = 0;
    for (const token of bracketTokens(blockRuns(block))) {
      const pos = blockPos + 1 + offset;
      if (token.kind === "text") {
        offset += token.text.length;
        continue;
      }
      // The key decides whether the drawn glyph is reused: it must change whenever what is drawn changes.
      const key = `${token.kind}-${token.bracket.id}-${offset}-${token.altIndex ?? ""}-${mode}-${token.bracket.group ?? ""}`;
      if (token.kind === "open") {
        // After the position: text typed there stays outside the bracket (the mark is not inclusive).
        decorations.push(Decoration.widget(pos, () => glyph(options, openingText(token.altIndex), token.bracket, focusable),
          { side: 1, key, ignoreSelection: true }));
      } else {
        decorations.push(Decoration.widget(pos, () => glyph(options, "]", token.bracket, focusable),
          { side: -1, key, ignoreSelection: true }));
      }
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Draws the square brackets of bracket marks. The `[` `]` (and `[Alt n: `)
 * are not in the text, so they can never become unbalanced; they are drawn
 * from the shared token model, coloured by the placing delegation's group,
 * with a tooltip naming who placed them and when. Clicking one opens the
 * bracket's details; in a read-only editor they are also focusable buttons.
 */
export const BracketGlyphs = Extension.create<BracketGlyphsOptions>({
  name: "bracketGlyphs",
  addOptions: () => ({ describe: null, label: null, onOpen: null, isEditable: () => true }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: bracketGlyphsKey,
        state: {
          init: (_config, state) => decorate(state.doc, options, !options.isEditable()),
          apply: (tr, set) =>
            tr.docChanged || tr.getMeta(bracketGlyphsKey) ? decorate(tr.doc, options, !options.isEditable()) : set,
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});

/** Redraws the glyphs of `view`, e.g. after it became read-only or editable. */
export function redrawGlyphs(view: EditorView): void {
  view.dispatch(view.state.tr.setMeta(bracketGlyphsKey, true).setMeta("addToHistory", false));
}
