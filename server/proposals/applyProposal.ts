/**
 * Applying a submitted proposal to the working draft (a facilitator's
 * command): written into the live document through the room, checked by the
 * allow-list as the facilitator's change placing brackets in the proposer's
 * name, the words bound to the proposer (so attribution names them), and the
 * proposal marked applied with the paragraph it went to and an audit record,
 * all stored in one transaction.
 */
import type { UserView } from "../../schemas/api.js";
import type { ProposalRow } from "../../schemas/proposals.js";
import type { DocumentRow } from "../../schemas/rows.js";
import type { BracketIdentity } from "../../shared/brackets/placer.js";
import { ChangeRefused } from "../collab/authorizeUpdate.js";
import type { RoomRegistry } from "../collab/rooms.js";
import { authorOfUser } from "../documents/authors.js";
import type { AuditStore } from "../storage/auditStore.js";
import type { ProposalStore } from "../storage/proposalStore.js";
import type { UserStore } from "../storage/userStore.js";
import { ProposalNotApplicable, writeProposal } from "./writeProposal.js";
import type { RefusalReason } from "../../shared/collab/refusalReason.js";

export interface ApplyDeps {
  rooms: RoomRegistry;
  proposals: ProposalStore;
  users: UserStore;
  audit: AuditStore;
}

/** The answer to a proposal that could not be applied: nothing of it was stored. */
export interface ApplyFailure {
  status: 400 | 409;
  code: string;
  message: string;
  /** For a change the room's rules refused: the rule and its parameters, as the websocket sends them. */
  params?: RefusalReason;
}

class AppliedMeanwhile extends Error {}

/** The proposer as brackets name them: their account's current name, delegation and group. */
function proposerOf(users: UserStore, userId: string): BracketIdentity | null {
  const author = authorOfUser(users, userId);
  if (!author) return null;
  return {
    id: userId,
    displayName: author.name,
    delegation: author.delegation !== null && author.group !== null ? { name: author.delegation, stakeholderGroup: author.group } : null,
  };
}

/**
 * Applies `row` (submitted) to the document `in brackets` or `as agreed`;
 * returns the proposal as stored, or why it could not be applied.
 */
export function applyProposal(
  deps: ApplyDeps,
  document: DocumentRow,
  asked: ProposalRow,
  actor: UserView,
  as: "bracketed" | "agreed",
): ProposalRow | ApplyFailure {
  // As it is now: it may have been applied or withdrawn while the request was read.
  const row = deps.proposals.find(document.id, asked.label) ?? asked;
  if (row.kind === "NOC") return { status: 400, code: "nothing_to_apply", message: "A NOC proposes no change; there is nothing to apply." };
  if (row.status !== "submitted") return { status: 409, code: "wrong_status", message: `The proposal is ${row.status}; only a submitted proposal is applied.` };
  const proposer = proposerOf(deps.users, row.author_id);
  if (!proposer) return { status: 409, code: "proposer_unknown", message: "The proposer's account no longer exists." };
  let pid = row.pid;
  const addedAfter = new Set(deps.proposals.list(document.id)
    .filter((p) => p.kind === "ADD" && p.pid === row.pid && p.applied_pid !== null).map((p) => p.applied_pid!));
  try {
    deps.rooms.open(document.id).applyServerChange(
      row.author_id,
      (doc) => {
        pid = writeProposal(doc, { row, as, proposer, language: document.language, now: new Date().toISOString(), addedAfter });
      },
      () => {
        // Applied by someone else at the same moment: this change is not stored either.
        if (!deps.proposals.markApplied(row.id, pid, as, actor.id)) throw new AppliedMeanwhile();
        deps.audit.append([{
          userId: actor.id, documentId: document.id, pid, action: "proposal.applied",
          detail: { id: row.label, kind: row.kind, as, proposer: proposer.delegation?.name ?? proposer.displayName },
        }]);
      },
      { ...actor, actingFor: proposer },
    );
  } catch (err) {
    if (err instanceof ProposalNotApplicable) return { status: err.code === "nothing_to_apply" ? 400 : 409, code: err.code, message: err.message };
    if (err instanceof AppliedMeanwhile) return { status: 409, code: "wrong_status", message: "The proposal was applied or withdrawn meanwhile." };
    if (err instanceof ChangeRefused) return { status: 409, code: "refused_by_rules", message: err.refusal.reason, params: err.refusal.rule };
    throw err;
  }
  return deps.proposals.find(document.id, row.label)!;
}
