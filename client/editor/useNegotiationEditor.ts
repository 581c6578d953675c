import type { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { useEditor } from "@tiptap/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { BracketAttrs } from "../../schemas/brackets.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import { placerOf } from "../../shared/brackets/placer.js";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import type { PresenceUser } from "../../shared/collab/presence.js";
import type { RuleUser, RuleViolation } from "../../shared/document/changeRules.js";
import type { DocumentConnection } from "../collab/DocumentConnection.js";
import { BracketGlyphs, redrawGlyphs } from "./bracketGlyphs.js";
import { useDescribeBracket } from "./bracketText.js";
import { renderCaret } from "./caret.js";
import { NegotiationRules } from "./negotiationRules.js";
import { StableSelection } from "./stableSelection.js";

/** Toolbar actions reachable by keyboard shortcut; each returns whether it handled the key. */
export interface ShortcutActions {
  bracket: () => boolean;
  offerAlternative: () => boolean;
}

/** What the editor reads whenever it needs it (the page keeps it current without re-rendering the editor). */
export interface LiveSetup {
  /** The signed-in user with their role in this document. */
  user: RuleUser;
  onPrevented: (violation: RuleViolation) => void;
  onOpenBracket: (bracketId: string, glyph: HTMLElement) => void;
  shortcuts: { current: ShortcutActions };
}

/** Everything the editor is built from. */
export interface NegotiationEditorSetup {
  collab: DocumentConnection;
  /** How this window appears to others (caret flag). */
  presence: PresenceUser;
  editable: boolean;
  document: { title: string; style: DocumentStyle; language: DocumentLanguage };
  live: { current: LiveSetup };
}

/**
 * Owns the TipTap editor of one connection: the server's schema
 * (`documentExtensions`, no StarterKit), Collaboration with its Yjs undo
 * manager (which only undoes this user's own edits), carets, glyphs and the
 * negotiation rules. Values that change while the document is open (role,
 * callbacks) are read through refs, so the editor is rebuilt only for a new
 * connection. The component using this must re-render rarely: TipTap's
 * useEditor re-applies its options after every render, and re-applying them
 * writes the editor's selection back to the DOM, which can undo a click
 * that the editor has not read yet.
 */
export function useNegotiationEditor(setup: NegotiationEditorSetup): Editor | null {
  const { t } = useTranslation();
  const describe = useDescribeBracket();
  const { live } = setup;
  const editable = useRef(setup.editable);
  editable.current = setup.editable;
  const describeRef = useRef(describe);
  describeRef.current = describe;

  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions,
        Collaboration.configure({ document: setup.collab.ydoc, field: CONTENT_FIELD }),
        BracketGlyphs.configure({
          describe: (b: BracketAttrs) => describeRef.current.sentence(b),
          label: (b: BracketAttrs) => describeRef.current.label(b),
          onOpen: (id, glyph) => live.current.onOpenBracket(id, glyph),
          isEditable: () => editable.current,
        }),
        NegotiationRules.configure({
          style: setup.document.style,
          language: setup.document.language,
          statusText: (status) => t(`marginStatus.${status}`),
          getUser: () => live.current.user,
          getPlacer: () => placerOf(live.current.user),
          isEditable: () => editable.current,
          onPrevented: (violation) => live.current.onPrevented(violation),
          shortcuts: {
            bracket: () => live.current.shortcuts.current.bracket(),
            offerAlternative: () => live.current.shortcuts.current.offerAlternative(),
          },
        }),
        StableSelection.configure({ beforeRemoteMessage: setup.collab.beforeRemoteMessage }),
        CollaborationCaret.configure({
          provider: setup.collab.provider,
          user: setup.presence,
          render: (announced) => renderCaret(t, announced),
        }),
      ],
      editable: setup.editable,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: "negotiation-text",
          "aria-label": t("editor.label", { title: setup.document.title }),
          "aria-readonly": String(!setup.editable),
          spellcheck: "true",
        },
      },
    },
    [setup.collab],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed || editor.isEditable === setup.editable) return;
    editor.setEditable(setup.editable);
    editor.view.dom.setAttribute("aria-readonly", String(!setup.editable));
    redrawGlyphs(editor.view);
  }, [editor, setup.editable]);

  return editor;
}
