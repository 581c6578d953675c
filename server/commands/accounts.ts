import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";
import type { AdminUserView, InviteUserBody, UpdateUserBody } from "../../schemas/api.js";
import type { StakeholderGroup } from "../../schemas/domain.js";
import type { UserRow } from "../../schemas/rows.js";
import { hashPassword } from "../auth/passwords.js";
import { sessionIdFromToken } from "../auth/sessions.js";
import type { RoomRegistry } from "../collab/rooms.js";
import type { AuditStore } from "../storage/auditStore.js";
import type { Db } from "../storage/database.js";
import type { InvitationStore } from "../storage/invitationStore.js";
import type { SessionStore } from "../storage/sessionStore.js";
import { toUserView, type UserStore } from "../storage/userStore.js";

/** What account administration needs. */
export interface AccountsDeps {
  db: Db;
  users: UserStore;
  invitations: InvitationStore;
  sessions: SessionStore;
  audit: AuditStore;
  /** Open sockets to update at once; absent in the CLI (the server notices at the next connection). */
  rooms?: RoomRegistry;
  publicUrl: string;
}

/** An expected refusal, with the HTTP status it maps to. */
export class AccountError extends Error {
  constructor(readonly status: 400 | 404 | 409 | 410, readonly id: string, message: string) {
    super(message);
  }
}

/** How long an invitation or reset link stays valid. */
export const INVITATION_LIFETIME_MS = 7 * 86_400_000;

/** The secretariat's view of an account. */
export function toAdminView(row: UserRow): AdminUserView {
  return { ...toUserView(row), disabled: row.disabled === 1, passwordSet: row.password_hash !== "" };
}

function checkDelegation(deps: AccountsDeps, role: string, delegationId: string | null | undefined): string | null {
  if (delegationId && !deps.users.findDelegation(delegationId)) {
    throw new AccountError(400, "unknown_delegation", "There is no such delegation.");
  }
  if (role === "delegate" && !delegationId) {
    throw new AccountError(400, "delegation_required", "A delegate must belong to a delegation.");
  }
  return delegationId ? deps.users.findDelegation(delegationId)!.id : null;
}

/** Creates a delegation in a stakeholder group. */
export function createDelegation(deps: AccountsDeps, actorId: string | null, name: string, group: StakeholderGroup): string {
  if (deps.users.findDelegation(name)) throw new AccountError(409, "delegation_exists", `A delegation named ${name} exists.`);
  return deps.db.transaction(() => {
    const id = deps.users.addDelegation(name, group);
    deps.audit.append([{ userId: actorId, documentId: null, pid: null, action: "delegation.created", detail: { id, name, group } }]);
    return id;
  })();
}

function newInvitation(deps: AccountsDeps, actorId: string | null, userId: string): { inviteUrl: string; expiresAt: string } {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  const now = Date.now();
  deps.invitations.insert({ id: sessionIdFromToken(token), userId, createdBy: actorId, createdAt: now, expiresAt: now + INVITATION_LIFETIME_MS });
  return { inviteUrl: `${deps.publicUrl}/invite/${token}`, expiresAt: new Date(now + INVITATION_LIFETIME_MS).toISOString() };
}

/** Creates an account without a password and returns the one-time link that sets it. */
export function inviteUser(deps: AccountsDeps, actorId: string | null, input: InviteUserBody) {
  if (deps.users.findByEmail(input.email)) throw new AccountError(409, "email_exists", `An account for ${input.email} exists.`);
  const delegationId = checkDelegation(deps, input.role, input.delegationId);
  return deps.db.transaction(() => {
    const id = deps.users.addUser({ email: input.email, displayName: input.displayName, passwordHash: "", role: input.role, delegationId });
    if (input.locale) deps.users.setLocale(id, input.locale);
    const link = newInvitation(deps, actorId, id);
    deps.audit.append([{ userId: actorId, documentId: null, pid: null, action: "user.invited",
      detail: { id, email: input.email, role: input.role, delegationId } }]);
    return { user: toAdminView(deps.users.findById(id)!), ...link };
  })();
}

/** Changes an account; disabling ends its sessions and sockets, other changes reach open sockets at once. */
export function updateUser(deps: AccountsDeps, actorId: string | null, id: string, changes: UpdateUserBody): AdminUserView {
  const row = deps.users.findById(id);
  if (!row) throw new AccountError(404, "user_not_found", "There is no such account.");
  const role = changes.role ?? row.role;
  const delegationId = changes.delegationId !== undefined ? changes.delegationId : row.delegation_id;
  checkDelegation(deps, role, delegationId);
  if (actorId === id && (changes.disabled || (changes.role && changes.role !== "secretariat"))) {
    throw new AccountError(400, "self_lockout", "You cannot disable your own account or give up your own secretariat role.");
  }
  deps.db.transaction(() => {
    deps.users.update(id, changes);
    if (changes.disabled) deps.db.prepare("DELETE FROM sessions WHERE user_id = ?").run(id);
    deps.audit.append([{ userId: actorId, documentId: null, pid: null, action: "user.updated", detail: { id, ...changes } }]);
  })();
  deps.rooms?.refreshUser(id, changes.disabled === true);
  return toAdminView(deps.users.findById(id)!);
}

/** Makes a new one-time link to set a password (the old password keeps working until then). */
export function resetPassword(deps: AccountsDeps, actorId: string | null, id: string) {
  const row = deps.users.findById(id);
  if (!row) throw new AccountError(404, "user_not_found", "There is no such account.");
  return deps.db.transaction(() => {
    const link = newInvitation(deps, actorId, id);
    deps.audit.append([{ userId: actorId, documentId: null, pid: null, action: "user.passwordReset", detail: { id } }]);
    return { user: toAdminView(row), ...link };
  })();
}

/** The account an invitation token opens, or an error saying why not. */
export function findInvitation(deps: AccountsDeps, token: string): UserRow {
  const invitation = deps.invitations.find(sessionIdFromToken(token));
  if (!invitation) throw new AccountError(404, "invitation_not_found", "This link is not valid.");
  if (invitation.used_at !== null) throw new AccountError(410, "invitation_used", "This link has already been used.");
  if (invitation.expires_at <= Date.now()) throw new AccountError(410, "invitation_expired", "This link has expired. Ask the secretariat for a new one.");
  const user = deps.users.findById(invitation.user_id);
  if (!user || user.disabled) throw new AccountError(410, "account_disabled", "This account is disabled.");
  return user;
}

/** Sets the password through an invitation link, once; returns the account. */
export async function acceptInvitation(deps: AccountsDeps, token: string, password: string): Promise<UserRow> {
  const user = findInvitation(deps, token);
  const hash = await hashPassword(password);
  deps.db.transaction(() => {
    if (!deps.invitations.markUsed(sessionIdFromToken(token), Date.now())) {
      throw new AccountError(410, "invitation_used", "This link has already been used.");
    }
    deps.users.setPasswordHash(user.id, hash);
    deps.audit.append([{ userId: user.id, documentId: null, pid: null, action: "user.passwordSet", detail: {} }]);
  })();
  return deps.users.findById(user.id)!;
}
