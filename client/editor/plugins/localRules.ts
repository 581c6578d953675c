import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import type { RuleUser, RuleViolation } from "../../../shared/document/changeRules.js";
import { checkTransaction } from "../model/localChanges.js";
import { isFromYjs } from "../model/remote.js";
import { pidIntegrityKey } from "./pidIntegrity.js";

/** What the guard needs from its host. */
export interface LocalRulesOptions {
  /** The signed-in user as they act on this document (read at every check: roles can change). */
  getUser: () => RuleUser;
  /** Told when a local edit was stopped, to explain it to the user. */
  onPrevented: (violation: RuleViolation) => void;
  /** Whether this user wrote the character at a position of `state` (their words they may take back out of anyone's bracket). */
  wroteAt?: (state: EditorState, pos: number) => boolean;
}

/**
 * Prevents local edits the server would refuse (typing in agreed or deleted
 * paragraphs, removing other delegations' brackets, forged or misplaced
 * brackets), using the same rules the server enforces. A refused update
 * would close this window's connection; preventing it keeps the user's
 * socket and their other edits alive. Edits arriving through Yjs (other
 * people, undo) are never blocked: the server has judged those.
 */
export function localRulesPlugin(options: LocalRulesOptions): Plugin {
  return new Plugin({
    key: new PluginKey("localRules"),
    filterTransaction(tr, state) {
      if (!tr.docChanged || isFromYjs(tr) || tr.getMeta(pidIntegrityKey)) return true;
      const wroteAt = options.wroteAt;
      const violation = checkTransaction(tr, options.getUser(), wroteAt && ((pos) => wroteAt(state, pos)));
      if (!violation) return true;
      options.onPrevented(violation);
      return false;
    },
  });
}
