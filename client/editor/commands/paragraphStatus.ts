import type { Node as PmNode } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import type { ParagraphStatus } from "../../../schemas/domain.js";
import { listBrackets } from "../../../shared/brackets/tokens.js";
import { pidOf, runsOf } from "../model/pmBlocks.js";

/** A facilitator's paragraph action. */
export type StatusAction = "agree" | "reopen" | "markDeleted" | "restore";

const TARGET: Record<StatusAction, ParagraphStatus> = {
  agree: "agreed",
  reopen: "open",
  markDeleted: "deleted",
  restore: "open",
};

/** Which actions apply to a paragraph in `status` (agreeing and deleting open text; reopening agreed; restoring deleted). */
export function actionsFor(status: ParagraphStatus): StatusAction[] {
  switch (status) {
    case "open":
      return ["agree", "markDeleted"];
    case "agreed":
      return ["reopen", "markDeleted"];
    case "deleted":
      return ["restore"];
  }
}

/** The outcome of a status action: the transaction, or why it cannot be done. */
export type StatusChange =
  | { ok: true; tr: Transaction }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "brackets"; count: number };

/**
 * Sets the status of the paragraph with `pid`. Agreeing a paragraph that
 * still contains brackets is refused here, before anything is sent: the
 * server would refuse it too, and the facilitator needs to know why.
 */
export function changeStatus(state: EditorState, pid: string, action: StatusAction): StatusChange {
  let pos = -1;
  let node: PmNode | null = null;
  state.doc.forEach((child, offset) => {
    if (!node && child.type.name === "paragraph" && pidOf(child) === pid) [pos, node] = [offset, child];
  });
  if (!node) return { ok: false, reason: "notFound" };
  if (action === "agree") {
    const count = listBrackets(runsOf(node as PmNode)).length;
    if (count > 0) return { ok: false, reason: "brackets", count };
  }
  return { ok: true, tr: state.tr.setNodeAttribute(pos, "status", TARGET[action]) };
}
