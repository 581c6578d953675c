import { Mark } from "@tiptap/core";
import { BRACKET_MARK } from "../brackets.js";

const attr = (key: string, fallback: unknown = null) => {
  const dataName = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  return {
    default: fallback,
    parseHTML: (el: HTMLElement) => el.getAttribute(dataName) ?? fallback,
    renderHTML: (attrs: Record<string, unknown>) =>
      attrs[key] === null || attrs[key] === undefined ? {} : { [dataName]: String(attrs[key]) },
  };
};

/**
 * Square brackets as data: a mark on the words inside the brackets, carrying
 * who placed it and when, and the set of alternatives it is an option of.
 * Brackets may nest and overlap (`excludes: ""`), so one word can sit inside
 * several brackets; the `[` `]` glyphs are drawn by the editor, never typed.
 * Typing right after a bracket does not extend it (`inclusive: false`).
 */
export const Bracket = Mark.create({
  name: BRACKET_MARK,
  excludes: "",
  inclusive: false,
  spanning: true,
  addAttributes() {
    return {
      id: attr("id", ""),
      alt: attr("alt"),
      userId: attr("userId", ""),
      name: attr("name", ""),
      delegation: attr("delegation"),
      group: attr("group"),
      at: attr("at", ""),
    };
  },
  parseHTML() {
    return [{ tag: "span.bracket[data-id]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", { class: "bracket", ...HTMLAttributes }, 0];
  },
});
