import { stringify } from "csv-stringify/sync";
import { Hono, type Context } from "hono";
import {
  AuditQuery, CreateDelegationBody, CreateDocumentBody, FacilitatorsBody, InviteUserBody, UpdateUserBody,
  type AdminUserView, type AuditView,
} from "../../../schemas/api.js";
import type { AuditRow } from "../../../schemas/rows.js";
import { can } from "../../../shared/permissions.js";
import {
  AccountError, createDelegation, inviteUser, resetPassword, toAdminView, updateUser, type AccountsDeps,
} from "../../commands/accounts.js";
import { accountKeyPrefix, accountOfKey, type LoginThrottle } from "../../auth/loginThrottle.js";
import { createEmptyDocument } from "../../commands/createDocument.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { FacilitatorStore } from "../../storage/facilitatorStore.js";
import { requireAuth, type AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import { readJsonBody } from "../readBody.js";
import { toSummary } from "./documentRoutes.js";

/** What the administration routes need. */
export interface AdminRoutesDeps {
  /** Passed whole, not copied: its public URL is settled only once the server listens. */
  accounts: AccountsDeps;
  documents: DocumentStore;
  facilitators: FacilitatorStore;
  /** Failed sign-ins per account and address: shown in the list, cleared by the secretariat. */
  throttle: { perAccountAddress: LoginThrottle };
}

function toAuditView(a: AuditRow): AuditView {
  return { id: a.id, at: a.at, documentId: a.document_id, userName: a.user_name, pid: a.pid, action: a.action, detail: JSON.parse(a.detail) as Record<string, unknown> };
}

function accountError(c: Context, err: unknown): Response {
  if (err instanceof AccountError) return apiError(c, err.status, err.id, err.message);
  throw err;
}

/** `/api/admin`: delegations, accounts, facilitators, documents and the audit log, for the secretariat. */
export function adminRoutes({ accounts: deps, documents, facilitators, throttle }: AdminRoutesDeps): Hono<AppEnv> {
  const withSignInHold = (view: AdminUserView, held: Map<string, number>): AdminUserView => {
    const until = held.get(accountKeyPrefix(view.email));
    return { ...view, signInHeldUntil: until === undefined ? null : new Date(until).toISOString() };
  };
  const app = new Hono<AppEnv>();
  app.use(requireAuth);
  app.use(async (c, next) => {
    if (!can(c.get("auth")!.user, "accounts.manage")) return apiError(c, 403, "forbidden", "Only the secretariat can do this.");
    await next();
  });
  const actor = (c: Context<AppEnv>) => c.get("auth")!.user.id;

  app.get("/delegations", (c) =>
    c.json(deps.users.listDelegations().map((d) => ({ id: d.id, name: d.name, stakeholderGroup: d.stakeholder_group }))));
  app.post("/delegations", async (c) => {
    const body = await readJsonBody(c, CreateDelegationBody);
    if (!body.ok) return body.response;
    try {
      const id = createDelegation(deps, actor(c), body.value.name, body.value.stakeholderGroup);
      return c.json({ id, name: body.value.name, stakeholderGroup: body.value.stakeholderGroup }, 201);
    } catch (err) {
      return accountError(c, err);
    }
  });

  app.get("/users", (c) => {
    const held = throttle.perAccountAddress.heldBy(accountOfKey);
    return c.json(deps.users.list().map((row) => withSignInHold(toAdminView(row), held)));
  });
  // Failed sign-ins hold an account back only at the addresses they came from; the secretariat can lift that.
  app.post("/users/:id/sign-in-unlock", (c) => {
    const row = deps.users.findById(c.req.param("id"));
    if (!row) return apiError(c, 404, "user_not_found", "There is no such person.");
    throttle.perAccountAddress.forgetPrefix(accountKeyPrefix(row.email));
    deps.audit.append([{ userId: actor(c), documentId: null, pid: null, action: "user.signInUnlocked", detail: { id: row.id } }]);
    return c.json({ ...toAdminView(row), signInHeldUntil: null });
  });
  app.post("/users", async (c) => {
    const body = await readJsonBody(c, InviteUserBody);
    if (!body.ok) return body.response;
    try {
      return c.json(inviteUser(deps, actor(c), body.value), 201);
    } catch (err) {
      return accountError(c, err);
    }
  });
  app.patch("/users/:id", async (c) => {
    const body = await readJsonBody(c, UpdateUserBody);
    if (!body.ok) return body.response;
    try {
      return c.json(updateUser(deps, actor(c), c.req.param("id"), body.value));
    } catch (err) {
      return accountError(c, err);
    }
  });
  app.post("/users/:id/password-reset", (c) => {
    try {
      return c.json(resetPassword(deps, actor(c), c.req.param("id")), 201);
    } catch (err) {
      return accountError(c, err);
    }
  });

  app.post("/documents", async (c) => {
    const body = await readJsonBody(c, CreateDocumentBody);
    if (!body.ok) return body.response;
    const row = createEmptyDocument(documents, body.value);
    deps.audit.append([{ userId: actor(c), documentId: row.id, pid: null, action: "document.created", detail: { title: row.title } }]);
    return c.json(toSummary(row), 201);
  });
  app.get("/documents/:id/facilitators", (c) => {
    if (!documents.find(c.req.param("id"))) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    return c.json({ userIds: facilitators.list(c.req.param("id")) });
  });
  app.put("/documents/:id/facilitators", async (c) => {
    const documentId = c.req.param("id");
    if (!documents.find(documentId)) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const body = await readJsonBody(c, FacilitatorsBody);
    if (!body.ok) return body.response;
    const unknown = body.value.userIds.filter((id) => !deps.users.findById(id));
    if (unknown.length) return apiError(c, 400, "unknown_user", { message: `No such account: ${unknown.join(", ")}.`, params: { accounts: unknown.join(", ") } });
    const before = new Set(facilitators.list(documentId));
    deps.db.transaction(() => {
      facilitators.set(documentId, body.value.userIds);
      deps.audit.append([{ userId: actor(c), documentId, pid: null, action: "document.facilitators", detail: { userIds: body.value.userIds } }]);
    })();
    const after = new Set(body.value.userIds);
    for (const id of new Set([...before, ...after])) if (before.has(id) !== after.has(id)) deps.rooms?.refreshUser(id, false);
    return c.json({ userIds: body.value.userIds });
  });

  const readAudit = (c: Context<AppEnv>) => {
    const query = AuditQuery.safeParse(c.req.query());
    return query.success ? { ok: true as const, rows: deps.audit.search(query.data, 5000) } : { ok: false as const, error: query.error };
  };
  app.get("/audit", (c) => {
    const result = readAudit(c);
    if (!result.ok) return apiError(c, 400, "invalid_query", "The filters are invalid.", describeZodError(result.error));
    return c.json(result.rows.map(toAuditView));
  });
  app.get("/audit.csv", (c) => {
    const result = readAudit(c);
    if (!result.ok) return apiError(c, 400, "invalid_query", "The filters are invalid.", describeZodError(result.error));
    const csv = stringify(result.rows.map((a) => [a.at, a.user_name ?? "", a.user_id ?? "", a.document_id ?? "", a.pid ?? "", a.action, a.detail]), {
      header: true,
      columns: ["at", "user", "user_id", "document_id", "paragraph_id", "action", "detail"],
    });
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", 'attachment; filename="accord-audit.csv"');
    return c.body(csv);
  });
  return app;
}
