import type { Editor } from "@tiptap/core";
import { EditorContent } from "@tiptap/react";
import { memo, useLayoutEffect } from "react";
import { useNegotiationEditor, type NegotiationEditorSetup } from "./useNegotiationEditor.js";

/** Props: how the editor is built, and where to hand it. All of them stable while the document is open. */
export interface NegotiationEditorProps extends NegotiationEditorSetup {
  onEditor: (editor: Editor | null) => void;
}

/**
 * Renders the negotiation text of one connection and hands its editor to the
 * page (toolbar, overview and bracket details work on the same editor).
 * Memoised: it re-renders only when the connection, the editability or the
 * document's shape change, never on the page's frequent updates.
 */
export const NegotiationEditor = memo(function NegotiationEditor({ onEditor, ...setup }: NegotiationEditorProps) {
  const editor = useNegotiationEditor(setup);
  // Before paint: the toolbar and counters that appear with the editor must not move text under a click.
  useLayoutEffect(() => {
    onEditor(editor);
    return () => onEditor(null);
  }, [editor, onEditor]);
  return <EditorContent editor={editor} className="sheet" />;
});
