import { Plugin, PluginKey } from "@tiptap/pm/state";
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
    filterTransaction(tr) {
      if (!tr.docChanged || isFromYjs(tr) || tr.getMeta(pidIntegrityKey)) return true;
      const violation = checkTransaction(tr, options.getUser());
      if (!violation) return true;
      options.onPrevented(violation);
      return false;
    },
  });
}
