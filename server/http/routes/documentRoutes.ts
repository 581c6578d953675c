import { Hono } from "hono";
import type { Logger } from "pino";
import { type DocumentDetail, DocumentDetailsBody, IssueRevisionBody, type AuditView, type DocumentSummary, type RevisionView } from "../../../schemas/api.js";
import { type RevisionTextView } from "../../../schemas/compare.js";
import type { DocumentRow, RevisionRow } from "../../../schemas/rows.js";
import { computeOverview } from "../../../shared/document/overview.js";
import * as Y from "yjs";
import { bracketedText } from "../../../shared/brackets/tokens.js";
import { readBlocks } from "../../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../../shared/paragraphs/numbering.js";
import { can } from "../../../shared/permissions.js";
import type { RoomRegistry } from "../../collab/rooms.js";
import { describeDocument, publishDocument } from "../../commands/describeDocument.js";
import { issueRevision } from "../../commands/issueRevision.js";
import { attributeParagraphs, storedAuthors } from "../../documents/attribution.js";
import { readDocument } from "../../documents/readDocument.js";
import type { CarriedTextStore } from "../../storage/carriedTextStore.js";
import type { DeletedTextStore } from "../../storage/deletedTextStore.js";
import type { ProposalStore } from "../../storage/proposalStore.js";
import type { ClientIdStore } from "../../storage/clientIdStore.js";
import type { UserStore } from "../../storage/userStore.js";
import type { AuditStore } from "../../storage/auditStore.js";
import type { DocumentStore } from "../../storage/documentStore.js";
import type { FacilitatorStore } from "../../storage/facilitatorStore.js";
import { readableDocument } from "../../documents/documentRole.js";
import type { RevisionStore } from "../../storage/revisionStore.js";
import { requireAuth, type AppEnv } from "../auth.js";
import { apiError } from "../errors.js";
import { readJsonBody } from "../readBody.js";
import { commentRoutes } from "./commentRoutes.js";
import { importRoute } from "./importRoute.js";
import { compareRoute } from "./compareRoute.js";
import { proposalExportRoutes } from "./proposalExportRoutes.js";
import { proposalImportRoutes } from "./proposalImportRoutes.js";
import { proposalRoutes } from "./proposalRoutes.js";
import { exportRoute } from "./exportRoute.js";
import type { Comments } from "../../comments/comments.js";
import type { PdfPrinter } from "../../export/pdf.js";
import type { WordLimits } from "../../commands/wordFile.js";

/** What the document routes need. */
export interface DocumentRoutesDeps {
  documents: DocumentStore;
  users: UserStore;
  clientIds: ClientIdStore;
  carriedText: CarriedTextStore;
  deletedText: DeletedTextStore;
  proposals: ProposalStore;
  facilitators: FacilitatorStore;
  rooms: RoomRegistry;
  revisions: RevisionStore;
  audit: AuditStore;
  comments: Comments;
  printer: PdfPrinter;
  pdfUnavailable: string | null;
  wordLimits: WordLimits;
  log: Logger;
}

/** The API view of a document row. */
export function toSummary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id,
    title: row.title,
    style: row.style,
    language: row.language,
    processName: row.process_name,
    updatedAt: row.updated_at,
    draft: row.draft === 1,
    symbol: row.symbol,
    date: row.dated,
    place: row.place,
  };
}

/** `/api/documents`: list, metadata, overview, revisions, audit log, import. */
export function documentRoutes(deps: DocumentRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  /** A revision as the API shows it: who issued it named as they are now. */
  const revisionOf = (r: RevisionRow): RevisionView => ({
    id: r.id, number: r.number, name: r.name, issuedAt: r.issued_at, note: r.note,
    issuedBy: r.issued_by ? deps.users.findById(r.issued_by)?.display_name ?? null : null,
  });
  app.use(requireAuth);
  app.get("/", (c) => {
    const me = c.get("auth")!.user;
    // Drafts are listed only to those who may read them (the secretariat, facilitators, and the facilitators named for it).
    const rows = deps.documents.list().filter((row) => row.draft === 0 || readableDocument(deps, me, row.id) !== null);
    if (!can(c.get("auth")!.user, "storage.health")) return c.json(rows.map(toSummary));
    const setAside = new Map(deps.documents.quarantineSummary().map((q) => [q.document_id, q]));
    return c.json(rows.map((row): DocumentSummary => {
      const q = setAside.get(row.id);
      return q ? { ...toSummary(row), quarantined: { count: q.count, lastAt: q.last_at } } : toSummary(row);
    }));
  });
  app.route("/import", importRoute(deps));
  app.route("/:id/comments", commentRoutes(deps));
  app.route("/:id/export", exportRoute(deps));
  app.route("/:id/compare", compareRoute(deps));
  app.route("/:id/proposals/import", proposalImportRoutes(deps));
  app.route("/:id/proposals/compilation/export", proposalExportRoutes(deps));
  app.route("/:id/proposals", proposalRoutes(deps));

  app.get("/:id", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    const me = target.user;
    const detail: DocumentDetail = { ...toSummary(row), myRole: me.role, me };
    return c.json(detail);
  });

  app.patch("/:id", async (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    if (!can(target.user, "document.describe")) return apiError(c, 403, "forbidden", "Only the secretariat changes a document's title, symbol, date and place.");
    const body = await readJsonBody(c, DocumentDetailsBody);
    if (!body.ok) return body.response;
    const outcome = describeDocument(deps, target.row, body.value, { userId: target.user.id });
    if (!outcome.ok) return apiError(c, 409, outcome.error, outcome.message);
    return c.json({ ...toSummary(outcome.document), myRole: target.user.role, me: target.user } satisfies DocumentDetail);
  });

  app.post("/:id/publish", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    if (!can(target.user, "document.publish")) return apiError(c, 403, "forbidden", "Only the secretariat publishes a draft.");
    if (!publishDocument(deps, target.row, { userId: target.user.id })) return apiError(c, 409, "already_published", "This document is already published.");
    return c.json({ ...toSummary(deps.documents.find(target.row.id)!), myRole: target.user.role, me: target.user } satisfies DocumentDetail);
  });

  app.get("/:id/overview", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    const doc = readDocument(deps.documents, deps.rooms, row.id, deps.log);
    return c.json(computeOverview(readBlocks(doc), row.style, row.language));
  });

  app.get("/:id/attribution", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    return c.json(attributeParagraphs(readDocument(deps.documents, deps.rooms, row.id, deps.log), row, storedAuthors(deps, row.id)));
  });

  app.get("/:id/revisions", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    return c.json(deps.revisions.list(row.id).map(revisionOf));
  });

  app.get("/:id/revisions/:number", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const number = Number(c.req.param("number"));
    const issued = Number.isInteger(number) && number > 0 ? deps.revisions.state(target.row.id, number) : null;
    const revision = c.req.param("number");
    if (!issued) return apiError(c, 404, "revision_not_found", { message: `This document has no revision ${revision}.`, params: { revision } });
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, issued.state);
      const blocks = readBlocks(doc);
      const labels = numberParagraphs(blocks, target.row.style, target.row.language);
      const view: RevisionTextView = {
        revision: revisionOf(issued.row),
        blocks: blocks.map((b) => ({
          pid: b.pid, kind: b.kind, level: b.level ?? 1, status: b.status, label: labels.get(b.pid)?.display ?? "", text: bracketedText(b.runs),
        })),
      };
      return c.json(view);
    } finally {
      doc.destroy();
    }
  });

  app.post("/:id/revisions", async (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    const user = target.user;
    if (!can(user, "revision.issue")) return apiError(c, 403, "forbidden", "Only a facilitator can issue a revision.");
    const body = await readJsonBody(c, IssueRevisionBody);
    if (!body.ok) return body.response;
    const revision = issueRevision(deps, row.id, user, body.value.name, body.value.note);
    return c.json(revisionOf(revision), 201);
  });

  app.get("/:id/audit", (c) => {
    const target = readableDocument(deps, c.get("auth")!.user, c.req.param("id"));
    if (!target) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row } = target;
    if (!can(target.user, "audit.read")) {
      return apiError(c, 403, "forbidden", "Only facilitators and the secretariat read the audit log.");
    }
    const secretariat = c.get("auth")!.user.role === "secretariat";
    const views: AuditView[] = deps.audit.listForDocument(row.id).map((a) => {
      const detail = JSON.parse(a.detail) as Record<string, unknown>;
      // The words an edit replaced may be a comment's the secretariat hid since: they are the secretariat's to read.
      if (a.action === "comment.edit" && !secretariat) delete detail.previous;
      return { id: a.id, at: a.at, documentId: a.document_id, userName: a.user_name, pid: a.pid, action: a.action, detail };
    });
    return c.json(views);
  });
  return app;
}
