import type { TFunction } from "i18next";
import type { UserView } from "../../schemas/api.js";
import type { ProposalView } from "../../schemas/proposals.js";
import { can } from "../../shared/permissions.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE, type ApiFailure } from "../api/http.js";

/** The sentence for a refused or failed call: the server's own reason, else a generic one. */
export function refusalText(t: TFunction<"proposals">, failure: ApiFailure): string {
  if (failure.status === NETWORK_FAILURE) return t("errors.network");
  return errorWords(t, failure.error) || t("errors.failed", { status: failure.status });
}

/**
 * Whether `user` speaks for the proposal's delegation (or, without one, made
 * it): the server decides by delegation id; the view names the delegation,
 * which is unique.
 */
export function ownsProposal(user: UserView, proposal: ProposalView): boolean {
  const by = proposal.proposer;
  if (!by) return false;
  return user.delegation ? by.delegation === user.delegation.name : by.delegation === null && by.name === user.displayName;
}

/** What the user may do with a proposal now; the server checks each again. */
export interface ProposalActions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  apply: boolean;
}

/** The actions the permission table and the proposal's state allow `user`. */
export function actionsFor(user: UserView, proposal: ProposalView): ProposalActions {
  const mine = can(user, "proposal.write") && ownsProposal(user, proposal);
  return {
    edit: mine && proposal.status === "draft",
    submit: mine && proposal.status === "draft",
    withdraw: mine && (proposal.status === "draft" || proposal.status === "submitted"),
    // A NOC changes nothing, so there is nothing to apply.
    apply: can(user, "proposal.apply") && proposal.status === "submitted" && proposal.kind !== "NOC",
  };
}
