import type { Editor } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { useEditorState } from "@tiptap/react";
import { labelsOf } from "./plugins/paragraphLabels.js";

/** The paragraph under discussion as the text has it now. */
export interface DiscussedParagraph {
  pid: string;
  /** How people refer to it now ("para 21"), or null when it has no label. */
  reference: string | null;
}

/**
 * The paragraph with `pid` in `state`'s text, with its reference as it is
 * numbered now; null when the text has no such paragraph (it was deleted or
 * joined, and the server has not yet said the discussion left it): then no
 * paragraph is under discussion, as far as the page shows.
 */
export function discussedIn(state: EditorState, pid: string | null): DiscussedParagraph | null {
  if (!pid) return null;
  const { blocks, labels } = labelsOf(state);
  if (!blocks.some((block) => block.kind === "paragraph" && block.pid === pid)) return null;
  return { pid, reference: labels.get(pid)?.reference ?? null };
}

/**
 * {@link discussedIn}, kept current as the text changes: a paragraph added
 * above renumbers the one under discussion, and whoever shows its reference
 * shows the new one.
 */
export function useDiscussedParagraph(editor: Editor | null, pid: string | null): DiscussedParagraph | null {
  return useEditorState({
    editor,
    // The editor and pid of this render, not the snapshot's: TipTap's snapshot keeps the first editor it
    // saw until that one has a transaction, and a new pid comes without one.
    selector: () => (editor ? discussedIn(editor.state, pid) : null),
  }) ?? null;
}
