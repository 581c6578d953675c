import { Extension } from "@tiptap/core";
import type * as Y from "yjs";
import { attributionPlugin, type AttributionOptions } from "./plugins/attribution.js";

/** Attribution view as an editor extension (off until the page switches it on). */
export const AuthorAttribution = Extension.create<AttributionOptions>({
  name: "authorAttribution",
  addOptions: () => ({
    fragment: () => {
      throw new Error("AuthorAttribution needs the shared document's fragment");
    },
    onSharedChange: () => () => {},
    authorsOf: (_client, _clock, length) => [{ length, author: null }],
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

/**
 * Calls `listener` after every transaction that changed `fragment` (with
 * whether it was made in this window). Transactions that change nothing are
 * not reported: the editor's binding opens one on every editor update, and
 * reacting to those would refresh the view forever.
 */
export function onFragmentChange(fragment: Y.XmlFragment, listener: (local: boolean) => void): () => void {
  const observer = (_events: unknown, transaction: Y.Transaction) => listener(transaction.local);
  fragment.observeDeep(observer);
  return () => fragment.unobserveDeep(observer);
}
