import type { TFunction } from "i18next";
import type { AuditView } from "../../../schemas/api.js";
import { Role, StakeholderGroup } from "../../../schemas/domain.js";

/** Names to put in place of the ids an audit record carries. */
export interface AuditLookups {
  users: Map<string, string>;
  delegations: Map<string, string>;
}

type AdminT = TFunction<"admin">;

/** Actions the log knows how to name; anything else is shown as its code. */
export const KNOWN_ACTIONS = [
  "paragraph.agreed", "paragraph.reopened", "paragraph.deleted", "paragraph.restored", "paragraph.status",
  "bracket.removed", "bracket.textDeleted", "alternative.chosen", "update.refused", "revision.issued",
  "document.created", "document.imported", "document.facilitators", "delegation.created",
  "user.invited", "user.updated", "user.passwordReset", "user.passwordSet", "user.signInUnlocked",
  "user.login", "user.loginFailed", "user.logout", "presence.falseIdentity", "document.quarantined", "document.restored",
  "comment.thread", "comment.reply", "comment.edit", "comment.delete", "comment.resolve", "comment.reopen",
  "comment.hide", "comment.show", "comment.settings", "proposal.drafted", "proposal.submitted", "proposal.withdrawn",
  "proposal.revised", "proposal.applied", "proposals.opened", "proposals.closed", "screen.created", "screen.revoked",
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];

function isKnown(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** A readable name of an action ("Paragraph agreed ad ref"), or its code when unknown. */
export function actionLabel(t: AdminT, action: string): string {
  return isKnown(action) ? t(`audit.actions.${action}`) : action;
}

const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

function status(t: AdminT, v: unknown): string {
  return v === "open" || v === "agreed" || v === "deleted" ? t(`audit.statuses.${v}`) : str(v);
}

function role(t: AdminT, v: unknown): string {
  const parsed = Role.safeParse(v);
  return parsed.success ? t(`roles.${parsed.data}`, { ns: "translation" }) : str(v);
}

function group(t: AdminT, v: unknown): string {
  const parsed = StakeholderGroup.safeParse(v);
  return parsed.success ? t(`groups.${parsed.data}`, { ns: "translation" }) : str(v);
}

/** The changes of a `user.updated` record, one phrase each. */
function accountChanges(t: AdminT, d: Record<string, unknown>, names: AuditLookups): string[] {
  const parts: string[] = [];
  if ("displayName" in d) parts.push(t("audit.detail.renamed", { name: str(d.displayName) }));
  if ("role" in d) parts.push(t("audit.detail.role", { role: role(t, d.role) }));
  if ("delegationId" in d) {
    parts.push(d.delegationId
      ? t("audit.detail.delegation", { delegation: names.delegations.get(str(d.delegationId)) ?? str(d.delegationId) })
      : t("audit.detail.noDelegation"));
  }
  if (d.disabled === true) parts.push(t("audit.detail.disabled"));
  if (d.disabled === false) parts.push(t("audit.detail.enabled"));
  return parts;
}

/** What an audit record says, as a sentence a person can read; ids become names where known. */
export function describeDetail(t: AdminT, entry: AuditView, names: AuditLookups): string {
  const d = entry.detail;
  const person = (id: unknown) => names.users.get(str(id)) ?? str(id);
  switch (entry.action) {
    case "paragraph.agreed": case "paragraph.reopened": case "paragraph.deleted": case "paragraph.restored": case "paragraph.status":
      return t("audit.detail.status", { from: status(t, d.from), to: status(t, d.to) });
    case "bracket.removed":
      return t("audit.detail.bracketRemoved", { text: str(d.text), by: str(d.placedBy) });
    case "bracket.textDeleted":
      return t("audit.detail.bracketDeleted", { text: str(d.text), by: str(d.placedBy) });
    case "alternative.chosen":
      return t("audit.detail.alternative", { chosen: Number(d.chosen) + 1, options: str(d.options), text: str(d.text) });
    case "update.refused":
      return t("audit.detail.refused", { reason: str(d.reason) });
    case "revision.issued":
      return t("audit.detail.revision", { number: str(d.number), name: str(d.name) });
    case "document.created":
      return t("audit.detail.document", { title: str(d.title) });
    case "document.imported":
      return t("audit.detail.imported", { title: str(d.title), count: Number(d.paragraphs) || 0 });
    case "user.login":
      return t("audit.detail.login", { address: str(d.address) });
    case "user.loginFailed": {
      const reason = d.reason === "unknownEmail" || d.reason === "wrongPassword" || d.reason === "disabled"
        ? t(`audit.detail.loginReasons.${d.reason}`) : str(d.reason);
      return t("audit.detail.loginFailed", { email: str(d.email), address: str(d.address), reason });
    }
    case "user.logout":
      return "";
    case "document.quarantined": {
      const updates = Array.isArray(d.updates) ? (d.updates as { seq?: unknown; reason?: unknown }[]) : [];
      return updates.map((u) => t("audit.detail.quarantinedUpdate", { seq: str(u?.seq), reason: str(u?.reason) })).join("; ");
    }
    case "document.restored": {
      const ranges = Array.isArray(d.ranges) ? d.ranges : [];
      return t("audit.detail.restored", { count: ranges.length });
    }
    case "presence.falseIdentity":
      return t("audit.detail.falseIdentity", { name: str(d.claimedName), delegation: str(d.claimedDelegation) });
    case "document.facilitators": {
      const ids = Array.isArray(d.userIds) ? d.userIds : [];
      return ids.length ? t("audit.detail.facilitators", { names: ids.map(person).join(", ") }) : t("audit.detail.noFacilitators");
    }
    case "delegation.created":
      return t("audit.detail.delegationCreated", { name: str(d.name), group: group(t, d.group) });
    case "user.invited": {
      const delegation = d.delegationId ? names.delegations.get(str(d.delegationId)) ?? str(d.delegationId) : null;
      return delegation
        ? t("audit.detail.invitedTo", { email: str(d.email), role: role(t, d.role), delegation })
        : t("audit.detail.invited", { email: str(d.email), role: role(t, d.role) });
    }
    case "user.updated":
      return `${person(d.id)}: ${accountChanges(t, d, names).join("; ")}`;
    case "user.passwordReset":
      return t("audit.detail.passwordReset", { name: person(d.id) });
    case "user.passwordSet":
      return t("audit.detail.passwordSet");
    case "comment.thread":
      return d.quote ? t("audit.detail.commentQuote", { quote: str(d.quote) }) : "";
    case "comment.hide":
      return t("audit.detail.commentHidden", { reason: str(d.reason) });
    case "comment.reply": case "comment.edit": case "comment.delete": case "comment.resolve": case "comment.reopen": case "comment.show":
      return "";
    case "comment.settings":
      return t(d.observersSee ? "audit.detail.observersSee" : "audit.detail.observersDoNotSee");
    case "proposal.drafted": case "proposal.submitted": case "proposal.withdrawn": case "proposal.revised":
      return t("audit.detail.proposal", { id: str(d.id), kind: str(d.kind) });
    case "proposal.applied":
      return t(d.as === "agreed" ? "audit.detail.proposalAgreed" : "audit.detail.proposalBracketed", { id: str(d.id), kind: str(d.kind), proposer: str(d.proposer) });
    case "proposals.opened": case "proposals.closed":
      return "";
    case "screen.created": case "screen.revoked":
      return t("audit.detail.screenLink", { label: str(d.label) });
    case "user.signInUnlocked":
      return t("audit.detail.signInUnlocked", { name: person(d.id) });
    default:
      return Object.entries(d).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("; ");
  }
}
