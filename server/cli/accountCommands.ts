import { parseArgs } from "node:util";
import { CreateDelegationBody, InviteUserBody } from "../../schemas/api.js";
import { DocumentLanguage, Role, StakeholderGroup } from "../../schemas/domain.js";
import { AccountError, createDelegation, inviteUser, resetPassword, updateUser, type AccountsDeps } from "../commands/accounts.js";
import { invitationMessage } from "../commands/invitationWords.js";
import { readConfig } from "../config.js";
import { AuditStore } from "../storage/auditStore.js";
import type { Db } from "../storage/database.js";
import { InvitationStore } from "../storage/invitationStore.js";
import { SessionStore } from "../storage/sessionStore.js";
import { UserStore } from "../storage/userStore.js";
import { CliError, noArguments, oneOf, required, type CliCommand } from "./cliError.js";

function accounts(db: Db, env: Record<string, string | undefined>): AccountsDeps {
  return {
    db, users: new UserStore(db), invitations: new InvitationStore(db), sessions: new SessionStore(db),
    audit: new AuditStore(db), publicUrl: readConfig(env).publicUrl,
  };
}

function run<T>(action: () => T): T {
  try {
    return action();
  } catch (err) {
    if (err instanceof AccountError) throw new CliError(err.message, err.status === 400 ? 2 : 1);
    throw err;
  }
}

function userByEmail(deps: AccountsDeps, email: string | undefined) {
  const user = deps.users.findByEmail(required(email, "EMAIL"));
  if (!user) throw new CliError(`No account for ${email}.`, 1);
  return user;
}

/** The message to send with a one-time link, in the account's language, as the CLI prints it. */
function printMessage(kind: "invited" | "reset", user: { displayName: string; locale: DocumentLanguage | null }, link: string, expiresAt: string): void {
  const message = invitationMessage(kind, user.locale, { name: user.displayName, link, expiresAt });
  console.log(`\nMessage to send (${message.language}):\n${message.subject}\n\n${message.text}`);
}

/** `user add --email E --name N --role R [--delegation D] [--language L]`: invites a user and prints the link and the message to send. */
export const userAdd: CliCommand = (db, args, env) => {
  const { values } = parseArgs({
    args, options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, delegation: { type: "string" }, language: { type: "string" } },
  });
  const deps = accounts(db, env);
  const delegation = values.delegation ? deps.users.findDelegation(values.delegation) : null;
  if (values.delegation && !delegation) throw new CliError(`No delegation "${values.delegation}" (see: delegation list).`, 1);
  const body = InviteUserBody.safeParse({
    email: required(values.email, "--email"), displayName: required(values.name, "--name"),
    role: oneOf(values.role, Role.options, "--role"), delegationId: delegation?.id ?? null,
    ...(values.language === undefined ? {} : { locale: oneOf(values.language, DocumentLanguage.options, "--language") }),
  });
  if (!body.success) throw new CliError(body.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"), 2);
  const { user, inviteUrl, expiresAt } = run(() => inviteUser(deps, null, body.data));
  console.log(`Invited ${user.displayName} <${user.email}> as ${user.role}.`);
  console.log(`One-time link to set the password (valid until ${expiresAt}):\n  ${inviteUrl}`);
  printMessage("invited", { displayName: user.displayName, locale: body.data.locale ?? null }, inviteUrl, expiresAt);
};

/** `user list`: every account. */
export const userList: CliCommand = (db, args) => {
  noArguments(args);
  for (const u of new UserStore(db).list()) {
    console.log([u.email, u.role, u.delegation_name ?? "-", u.disabled ? "disabled" : "active", u.display_name].join("\t"));
  }
};

/** `user disable EMAIL` / `user enable EMAIL`. */
export const userSetDisabled = (disabled: boolean): CliCommand => (db, args, env) => {
  const deps = accounts(db, env);
  const user = userByEmail(deps, args[0]);
  run(() => updateUser(deps, null, user.id, { disabled }));
  console.log(`${user.email} is ${disabled ? "disabled; its sessions are ended" : "enabled"}.`);
};

/** `user role EMAIL ROLE [--delegation D]`. */
export const userRole: CliCommand = (db, args, env) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { delegation: { type: "string" } } });
  const deps = accounts(db, env);
  const user = userByEmail(deps, positionals[0]);
  const role = oneOf(positionals[1], Role.options, "ROLE");
  const delegation = values.delegation ? deps.users.findDelegation(values.delegation) : undefined;
  if (values.delegation && !delegation) throw new CliError(`No delegation "${values.delegation}".`, 1);
  run(() => updateUser(deps, null, user.id, { role, ...(delegation ? { delegationId: delegation.id } : {}) }));
  console.log(`${user.email} is now ${role}.`);
};

/** `user reset-password EMAIL`: prints a new one-time link. */
export const userResetPassword: CliCommand = (db, args, env) => {
  const deps = accounts(db, env);
  const user = userByEmail(deps, args[0]);
  const { inviteUrl, expiresAt } = run(() => resetPassword(deps, null, user.id));
  console.log(`One-time link for ${user.email} to set a new password:\n  ${inviteUrl}`);
  printMessage("reset", { displayName: user.display_name, locale: user.locale }, inviteUrl, expiresAt);
};

/** `delegation add --name N --group G`. */
export const delegationAdd: CliCommand = (db, args, env) => {
  const { values } = parseArgs({ args, options: { name: { type: "string" }, group: { type: "string" } } });
  const body = CreateDelegationBody.safeParse({
    name: required(values.name, "--name"), stakeholderGroup: oneOf(values.group, StakeholderGroup.options, "--group"),
  });
  if (!body.success) throw new CliError(body.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"), 2);
  const { name, stakeholderGroup } = body.data;
  const id = run(() => createDelegation(accounts(db, env), null, name, stakeholderGroup));
  console.log(`Created delegation ${name} (${stakeholderGroup}) as ${id}.`);
};

/** `delegation list`. */
export const delegationList: CliCommand = (db, args) => {
  noArguments(args);
  for (const d of new UserStore(db).listDelegations()) console.log([d.id, d.stakeholder_group, d.name].join("\t"));
};
