import { Extension, type JSONContent } from "@tiptap/core";
import { UndoRedo } from "@tiptap/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { textLanguage } from "../i18n/language.js";
import { useTranslation } from "react-i18next";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import { BracketGlyphs } from "../editor/bracketGlyphs.js";

/** A proposal is one paragraph: Enter does not split it (Shift+Enter still breaks the line). */
const OneParagraph = Extension.create({
  name: "oneParagraph",
  addKeyboardShortcuts: () => ({ Enter: () => true }),
});

/** The paragraph's inline content from plain text: lines joined by hard breaks, as the server reads them. */
export function inlineOfText(text: string): JSONContent[] {
  return text.split("\n").flatMap((line, i): JSONContent[] => [
    ...(i > 0 ? [{ type: "hardBreak" }] : []),
    ...(line ? [{ type: "text", text: line }] : []),
  ]);
}

/** Props of {@link ProposalWorkspace}. */
export interface ProposalWorkspaceProps {
  /** The paragraph's inline content to start from (the base paragraph's for a MOD, nothing for an ADD). */
  initial: JSONContent[];
  label: string;
  /** Id of the element that describes the box (what to do in it). */
  describedBy?: string;
  /** The paragraph as now written, as plain text (a hard break is "\n"). */
  onChange: (text: string) => void;
  /** The document's language: the text is written in its direction, whatever the interface's. */
  language?: string;
}

/**
 * The proposal workspace: a private editor with the document's own schema
 * (brackets drawn as in the text), holding one paragraph. It is not
 * collaborative: nothing typed here reaches the shared document; the
 * paragraph as written goes to the server as a proposal's text.
 */
export function ProposalWorkspace({ initial, label, describedBy, onChange, language }: ProposalWorkspaceProps) {
  const { t } = useTranslation("proposals");
  const editor = useEditor({
    extensions: [...documentExtensions, UndoRedo, OneParagraph, BracketGlyphs],
    content: { type: "doc", content: [{ type: "paragraph", ...(initial.length > 0 ? { content: initial } : {}) }] },
    editorProps: {
      attributes: {
        class: "negotiation-text proposal-workspace__text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        spellcheck: "true",
        ...textLanguage(language),
        "data-placeholder": t("workspace.placeholder"),
      },
    },
    onUpdate: ({ editor: changed }) => {
      const doc = changed.state.doc;
      onChange(doc.textBetween(0, doc.content.size, "\n", "\n"));
    },
  }, []);
  return <EditorContent editor={editor} className="proposal-workspace" />;
}
