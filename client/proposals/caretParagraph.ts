import type { Editor } from "@tiptap/core";
import type { JSONContent } from "@tiptap/core";
import { useCallback, useSyncExternalStore } from "react";
import { labelsOf } from "../editor/plugins/paragraphLabels.js";
import type { ProposalTarget } from "./ProposalDialog.js";

/** The pid of the block the editor's caret (the selection's start) is in, or null. */
function caretPid(editor: Editor | null): string | null {
  if (!editor || editor.isDestroyed) return null;
  const from = editor.state.selection.from;
  const block = labelsOf(editor.state).blocks.find((b) => b.pos < from && from < b.pos + b.node.nodeSize);
  return block?.storedPid ?? null;
}

/** The pid of the block the caret is in, kept current as the selection and the text change. */
export function useCaretParagraph(editor: Editor | null): string | null {
  const subscribe = useCallback((changed: () => void) => {
    if (!editor) return () => {};
    editor.on("transaction", changed);
    return () => {
      editor.off("transaction", changed);
    };
  }, [editor]);
  return useSyncExternalStore(subscribe, () => caretPid(editor));
}

/** The block with `pid` as a proposal's target: its reference, kind, words and inline content, or null when it is gone. */
export function targetOf(editor: Editor | null, pid: string): ProposalTarget | null {
  if (!editor || editor.isDestroyed) return null;
  const { blocks, labels } = labelsOf(editor.state);
  const block = blocks.find((b) => b.storedPid === pid);
  if (!block) return null;
  const node = block.node;
  return {
    pid,
    reference: labels.get(pid)?.reference ?? "",
    isParagraph: block.kind === "paragraph",
    text: node.textBetween(0, node.content.size, "\n", "\n"),
    inline: (node.content.toJSON() as JSONContent[] | null) ?? [],
  };
}

/** How people refer to a paragraph of the live text now ("OP3"), or null. */
export function liveReference(editor: Editor | null, pid: string): string | null {
  if (!editor || editor.isDestroyed) return null;
  return labelsOf(editor.state).labels.get(pid)?.reference || null;
}
