import { Extension } from "@tiptap/core";
import { attributionPlugin, type AttributionOptions } from "./plugins/attribution.js";

/** Attribution view as an editor extension (off until the page switches it on). */
export const AuthorAttribution = Extension.create<AttributionOptions>({
  name: "authorAttribution",
  addOptions: () => ({
    fragment: () => {
      throw new Error("AuthorAttribution needs the shared document's fragment");
    },
    onSharedChange: () => () => {},
    authorOf: () => null,
    onAuthorsChange: () => () => {},
    text: () => ({
      groupName: (group) => group,
      groupShort: (group) => group,
      noDelegation: () => "",
      proposedBy: (list) => list.join(", "),
      wroteBy: (author) => author.name,
    }),
  }),
  addProseMirrorPlugins() {
    return [attributionPlugin(this.options)];
  },
});
