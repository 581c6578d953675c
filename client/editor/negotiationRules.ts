import { Extension } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import type { BracketPlacer } from "../../schemas/brackets.js";
import type { DocumentLanguage, DocumentStyle, ParagraphStatus } from "../../schemas/domain.js";
import { newBracketId } from "../../shared/brackets/placer.js";
import type { RuleUser, RuleViolation } from "../../shared/document/changeRules.js";
import { newPid } from "../../shared/paragraphs/pid.js";
import { localRulesPlugin } from "./plugins/localRules.js";
import { paragraphKeysPlugin } from "./plugins/paragraphKeys.js";
import { paragraphLabelsPlugin } from "./plugins/paragraphLabels.js";
import { pasteRestampPlugin } from "./plugins/pasteRestamp.js";
import { pidIntegrityPlugin } from "./plugins/pidIntegrity.js";

/** Keyboard shortcuts of the negotiation tools, as TipTap spells them (shown in the toolbar's tooltips). */
export const SHORTCUTS = { bracket: "Mod-Shift-9", offerAlternative: "Mod-Shift-0" } as const;

/** What the negotiation behaviour needs from the page. */
export interface NegotiationRulesOptions {
  style: DocumentStyle;
  language: DocumentLanguage;
  statusText: (status: Exclude<ParagraphStatus, "open">) => string;
  /** The signed-in user as they act on this document; read at every use, since a role can change. */
  getUser: () => RuleUser;
  getPlacer: () => BracketPlacer;
  isEditable: () => boolean;
  onPrevented: (violation: RuleViolation) => void;
  /** Whether this user wrote the character at a position (see the client guard). */
  wroteAt?: (state: EditorState, pos: number) => boolean;
  /** Toolbar actions behind the keyboard shortcuts; each returns whether it handled the key. */
  shortcuts: { bracket: () => boolean; offerAlternative: () => boolean };
  /** The source of fresh paragraph ids. */
  newPid: () => string;
}

/**
 * The negotiation behaviour of the editor: margin labels, pid integrity,
 * the client guard mirroring the server's rules, Enter, Backspace and Delete
 * that keep a paragraph's identity with its text (ahead of TipTap's core
 * keymap), re-stamped pastes, and the shortcuts of the bracket tools.
 */
export const NegotiationRules = Extension.create<NegotiationRulesOptions>({
  name: "negotiationRules",
  addOptions: () => ({
    style: "declaration",
    language: "en",
    statusText: (status) => status,
    getUser: () => ({ id: "", displayName: "", role: "observer", delegation: null }),
    getPlacer: () => ({ userId: "", name: "", delegation: null, group: null }),
    isEditable: () => false,
    onPrevented: () => {},
    shortcuts: { bracket: () => false, offerAlternative: () => false },
    newPid,
  }),
  addProseMirrorPlugins() {
    const o = this.options;
    return [
      paragraphLabelsPlugin({ style: o.style, language: o.language, statusText: o.statusText }),
      pidIntegrityPlugin({ isEditable: o.isEditable, newPid: o.newPid }),
      localRulesPlugin({ getUser: o.getUser, onPrevented: o.onPrevented, wroteAt: o.wroteAt }),
      paragraphKeysPlugin({ newPid: o.newPid }),
      pasteRestampPlugin({ getPlacer: o.getPlacer, now: () => new Date().toISOString(), newId: newBracketId }),
    ];
  },
  addKeyboardShortcuts() {
    return {
      [SHORTCUTS.bracket]: () => this.options.shortcuts.bracket(),
      [SHORTCUTS.offerAlternative]: () => this.options.shortcuts.offerAlternative(),
    };
  },
});
