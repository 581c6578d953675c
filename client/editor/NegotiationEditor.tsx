import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import type { PresenceUser } from "../../shared/collab/presence.js";
import type { DocumentConnection } from "../collab/DocumentConnection.js";
import { BracketGlyphs } from "./bracketGlyphs.js";
import { renderCaret } from "./caret.js";
import { StableSelection } from "./stableSelection.js";

/** What the editor needs: the shared document, who is typing, and whether they may. */
export interface NegotiationEditorProps {
  collab: DocumentConnection;
  user: PresenceUser;
  editable: boolean;
  title: string;
}

/**
 * Renders the negotiation text. The schema is exactly the server's
 * (`documentExtensions`, no StarterKit); undo and redo come from
 * Collaboration's Yjs undo manager, which only undoes this user's own edits.
 */
export function NegotiationEditor({ collab, user, editable, title }: NegotiationEditorProps) {
  const { t } = useTranslation();
  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions,
        Collaboration.configure({ document: collab.ydoc, field: CONTENT_FIELD }),
        BracketGlyphs.configure({ t }),
        StableSelection.configure({ beforeRemoteMessage: collab.beforeRemoteMessage }),
        CollaborationCaret.configure({
          provider: collab.provider,
          user,
          render: (announced) => renderCaret(t, announced),
        }),
      ],
      editable,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: "negotiation-text",
          "aria-label": t("editor.label", { title }),
          "aria-readonly": String(!editable),
          spellcheck: "true",
        },
      },
    },
    [collab],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return <EditorContent editor={editor} className="sheet" />;
}
