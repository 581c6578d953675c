import type { Editor } from "@tiptap/core";
import type { RuleUser } from "../../shared/document/changeRules.js";
import { BracketPopover, type OpenBracket } from "./toolbar/BracketPopover.js";
import { NegotiationToolbar } from "./toolbar/NegotiationToolbar.js";
import { useNegotiationActions } from "./toolbar/useNegotiationActions.js";
import type { ShortcutActions } from "./useNegotiationEditor.js";

/** The toolbar and the bracket details of a live editor, sharing one set of actions. */
export function EditorTools({ editor, user, notify, shortcuts, showToolbar, openBracket, onOpenBracket, onComment }: {
  editor: Editor;
  /** False while the text is read-only (observers, a closed connection): only the bracket details remain. */
  showToolbar: boolean;
  user: RuleUser;
  notify: (message: string, kind?: "polite" | "alert") => void;
  shortcuts: { current: ShortcutActions };
  openBracket: OpenBracket | null;
  onOpenBracket: (open: OpenBracket | null) => void;
  /** Starts a comment on the paragraph at the caret; absent for someone who may not comment. */
  onComment?: () => void;
}) {
  const actions = useNegotiationActions(editor, user, notify);
  return (
    <>
      {showToolbar && (
        <NegotiationToolbar editor={editor} user={user} actions={actions} shortcuts={shortcuts} onComment={onComment}
          onOpenBracket={(id, anchor) => onOpenBracket({ id, anchor })} />
      )}
      {openBracket && (
        <BracketPopover key={openBracket.id} editor={editor} user={user} actions={actions} open={openBracket}
          onClose={() => onOpenBracket(null)} />
      )}
    </>
  );
}
