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
import type { AuthorEntry } from "../../schemas/api.js";
import type { RuleUser, RuleViolation } from "../../shared/document/changeRules.js";
import type { DocumentConnection } from "../collab/DocumentConnection.js";
import { AuthorAttribution, onFragmentChange } from "./authorAttribution.js";
import { BracketGlyphs, redrawGlyphs } from "./bracketGlyphs.js";
import { useDescribeBracket } from "./bracketText.js";
import { renderCaret } from "./caret.js";
import { DetachOnUnshown } from "./detachOnUnshown.js";
import { wroteAt, type AuthorsOf } from "./model/ownWords.js";
import type { UndoKind } from "./model/undoPreview.js";
import { NegotiationRules } from "./negotiationRules.js";
import { DiscussionHighlight } from "./plugins/discussion.js";
import { ParagraphNavigation } from "./plugins/paragraphNavigation.js";
import type { AttributionText } from "./plugins/attribution.js";
import { StableSelection } from "./stableSelection.js";
import { UndoGuard } from "./undoGuard.js";
import { directionOf } from "../i18n/language.js";

/** How the signed-in user appears in attribution view (until the server names them, with its colour slot). */
function authorOf(user: RuleUser): AuthorEntry {
  return { userId: user.id, name: user.displayName, delegation: user.delegation?.name ?? null, group: user.delegation?.stakeholderGroup ?? null, delegationOrder: null };
}

/** Toolbar actions reachable by keyboard shortcut; each returns whether it handled the key. */
export interface ShortcutActions {
  bracket: () => boolean;
  offerAlternative: () => boolean;
  /** Moves focus to the toolbar (absent while there is none). */
  focusToolbar?: () => boolean;
}

/** What the editor reads whenever it needs it (the page keeps it current without re-rendering the editor). */
export interface LiveSetup {
  /** The signed-in user with their role in this document. */
  user: RuleUser;
  /** An edit, or an undo or redo step (which then leaves the history), was stopped. */
  onPrevented: (violation: RuleViolation, step?: UndoKind) => void;
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
  /** Whether other people's carets are drawn (not on the hall screen); default true. */
  carets?: boolean;
}

/**
 * Owns the TipTap editor of one connection: the server's schema
 * (`documentExtensions`, no StarterKit), Collaboration with its Yjs undo
 * manager (which only undoes this user's own edits) under the connection's
 * content guard, carets, glyphs and the negotiation rules. Values that change while the document is open (role,
 * callbacks) are read through refs, so the editor is rebuilt only for a new
 * connection. The component using this must re-render rarely: TipTap's
 * useEditor re-applies its options after every render, and re-applying them
 * writes the editor's selection back to the DOM, which can undo a click
 * that the editor has not read yet.
 */
export function useNegotiationEditor(setup: NegotiationEditorSetup): Editor | null {
  const { t, i18n } = useTranslation();
  const describe = useDescribeBracket();
  const { live } = setup;
  const editable = useRef(setup.editable);
  editable.current = setup.editable;
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const attributionText = useRef<AttributionText | null>(null);
  attributionText.current = {
    groupName: (group) => t(`groups.${group}`),
    groupShort: (group) => t(`groupsShort.${group}`),
    noDelegation: () => t("attribution.noDelegation"),
    proposedBy: (list) => t("attribution.proposedBy", {
      list: new Intl.ListFormat(i18n.language, { style: "short", type: "unit" }).format(list),
    }),
    wroteBy: (author, groupName) => author.delegation
      ? t("attribution.wroteByDelegate", { name: author.name, delegation: author.delegation, group: groupName ?? "" })
      : t("attribution.wroteByPerson", { name: author.name }),
  };
  const { collab } = setup;
  // The server's word decides; this window's own words are known before the server has named them.
  const authorsOf: AuthorsOf = (client, clock, length) =>
    collab.authors.authorsOf(client, clock, length, client === collab.ydoc.clientID ? authorOf(live.current.user) : null);

  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions,
        // Before Collaboration: content the editor cannot show detaches the Yjs binding before it sees it.
        DetachOnUnshown.configure({ guard: setup.collab.guard }),
        Collaboration.configure({ document: setup.collab.ydoc, field: CONTENT_FIELD }),
        UndoGuard.configure({
          document: setup.collab.ydoc,
          field: CONTENT_FIELD,
          getUser: () => live.current.user,
          onPrevented: (violation, step) => live.current.onPrevented(violation, step),
        }),
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
          wroteAt: (state, pos) => wroteAt(state, pos, live.current.user.id, authorsOf),
          shortcuts: {
            bracket: () => live.current.shortcuts.current.bracket(),
            offerAlternative: () => live.current.shortcuts.current.offerAlternative(),
          },
        }),
        ParagraphNavigation.configure({ focusToolbar: () => live.current.shortcuts.current.focusToolbar?.() ?? false }),
        AuthorAttribution.configure({
          fragment: () => collab.ydoc.getXmlFragment(CONTENT_FIELD),
          onSharedChange: (listener) => onFragmentChange(collab.ydoc.getXmlFragment(CONTENT_FIELD), listener),
          authorsOf,
          onAuthorsChange: collab.authors.subscribe,
          text: () => attributionText.current!,
        }),
        StableSelection.configure({ beforeRemoteMessage: setup.collab.beforeRemoteMessage }),
        DiscussionHighlight.configure({ label: () => t("discussion.marker") }),
        ...(setup.carets === false ? [] : [CollaborationCaret.configure({
          provider: setup.collab.provider,
          user: setup.presence,
          render: (announced) => renderCaret(t, announced),
        })]),
      ],
      editable: setup.editable,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: "negotiation-text",
          // The text is in the document's language, whatever the interface's: an Arabic draft reads right to left.
          lang: setup.document.language,
          dir: directionOf(setup.document.language),
          "aria-label": t("editor.label", { title: setup.document.title }),
          // A text box, so assistive technology may be told it is read-only (aria-readonly needs a role that has it).
          role: "textbox",
          "aria-multiline": "true",
          "aria-readonly": String(!setup.editable),
          spellcheck: "true",
        },
      },
    },
    [setup.collab],
  );

  useEffect(() => {
    // The caret extension adds the user to a state that exists: observers and hall screens publish none.
    if (editor && !editor.isDestroyed && "updateUser" in editor.commands) editor.commands.updateUser(setup.presence);
  }, [editor, setup.presence]);

  useEffect(() => {
    if (!editor || editor.isDestroyed || editor.isEditable === setup.editable) return;
    editor.setEditable(setup.editable);
    editor.view.dom.setAttribute("aria-readonly", String(!setup.editable));
    redrawGlyphs(editor.view);
  }, [editor, setup.editable]);

  return editor;
}
