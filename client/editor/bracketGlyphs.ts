import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { TFunction } from "i18next";
import { BracketAttrs } from "../../schemas/brackets.js";
import { colorForGroup } from "../../shared/attribution/groupColors.js";
import { BRACKET_MARK } from "../../shared/brackets/fromDelta.js";
import { bracketTokens, openingText, type TextRun } from "../../shared/brackets/tokens.js";

/** Options: the translator for the glyphs' tooltips. */
export interface BracketGlyphsOptions {
  t: TFunction | null;
}

/** Stands for a non-text inline node (a hard break), which takes one position. */
const OBJECT_REPLACEMENT = "\uFFFC";

function runsOf(block: PmNode): TextRun[] {
  const runs: TextRun[] = [];
  block.forEach((child) => {
    const brackets = child.marks.flatMap((m) => {
      if (m.type.name !== BRACKET_MARK) return [];
      const parsed = BracketAttrs.safeParse(m.attrs);
      return parsed.success ? [parsed.data] : [];
    });
    runs.push({ text: child.isText ? (child.text ?? "") : OBJECT_REPLACEMENT, brackets });
  });
  return runs;
}

function glyph(t: TFunction | null, text: string, bracket: BracketAttrs): HTMLElement {
  const span = document.createElement("span");
  span.className = "bracket-glyph";
  span.textContent = text;
  span.style.color = colorForGroup(bracket.group);
  if (t) span.title = t("brackets.placedBy", { name: bracket.name, delegation: bracket.delegation ?? "" });
  return span;
}

/** Glyph decorations for every bracket of every text block in `doc`. */
function decorate(doc: PmNode, t: TFunction | null): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((block, blockPos) => {
    if (!block.isTextblock) return true;
    let offset = 0;
    for (const token of bracketTokens(runsOf(block))) {
      const pos = blockPos + 1 + offset;
      if (token.kind === "text") offset += token.text.length;
      else if (token.kind === "open") {
        // After the position: text typed there stays outside the bracket (the mark is not inclusive).
        decorations.push(Decoration.widget(pos, () => glyph(t, openingText(token.altIndex), token.bracket),
          { side: 1, key: `open-${token.bracket.id}-${offset}` }));
      } else {
        decorations.push(Decoration.widget(pos, () => glyph(t, "]", token.bracket),
          { side: -1, key: `close-${token.bracket.id}-${offset}` }));
      }
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Draws the square brackets of bracket marks. The `[` `]` (and `[Alt n: `)
 * are not in the text, so they can never become unbalanced; they are drawn
 * from the shared token model, coloured by the placing delegation's group.
 */
export const BracketGlyphs = Extension.create<BracketGlyphsOptions>({
  name: "bracketGlyphs",
  addOptions: () => ({ t: null }),
  addProseMirrorPlugins() {
    const { t } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: new PluginKey("bracketGlyphs"),
        state: {
          init: (_config, state) => decorate(state.doc, t),
          apply: (tr, set) => (tr.docChanged ? decorate(tr.doc, t) : set),
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
