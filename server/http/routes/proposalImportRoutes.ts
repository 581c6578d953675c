import { Hono } from "hono";
import { z } from "zod";
import type { ProposalImportResult, ProposalRow } from "../../../schemas/proposals.js";
import { plainText, readBlocks } from "../../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../../shared/paragraphs/numbering.js";
import { can } from "../../../shared/permissions.js";
import { readableDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import { planProposals, type PlanBlock } from "../../proposals/planProposals.js";
import { proposalView } from "../../proposals/proposalViews.js";
import { readProposalFile } from "../../proposals/readProposalText.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";

/** Query of the import: the file's name, for clearer refusals. */
const ProposalImportQuery = z.strictObject({ name: z.string().trim().max(255).optional() });

/**
 * `POST /api/documents/:id/proposals/import?name=` with a delegation's
 * proposal file as the body (Word .docx or UTF-8 text; its size is limited
 * before the route, see server/http/bodyLimit.ts): every proposal it makes
 * against the text becomes a draft of the caller's delegation, all in one
 * transaction, with notes on the lines that made none (docs/PROPOSALS.md).
 */
export function proposalImportRoutes(deps: DocumentRoutesDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post("/", async (c) => {
    const found = readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row: document, user } = found;
    if (!can(user, "proposal.write")) return apiError(c, 403, "forbidden", "Observers read proposals; they do not make them.");
    if (!deps.proposals.isOpen(document.id)) return apiError(c, 409, "proposals_closed", "The proposal period of this document is closed.");
    const query = ProposalImportQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The import options are invalid.", describeZodError(query.error));
    const name = query.data.name ?? "";
    if (/\.doc$/i.test(name)) {
      const detail = "A Word 97-2003 (.doc) file is not read: save it as a Word document (.docx) and import that.";
      return apiError(c, 400, "unreadable_file", { message: detail, params: { detail } });
    }

    const read = await readProposalFile(new Uint8Array(await c.req.arrayBuffer()), deps.wordLimits);
    if (!read.ok) return apiError(c, 400, "unreadable_file", { message: read.error, params: { detail: read.error } });
    const blocks = readBlocks(readDocument(deps.documents, deps.rooms, document.id, deps.log));
    const labels = numberParagraphs(blocks, document.style, document.language);
    const planBlocks: PlanBlock[] = blocks.map((b) => ({
      pid: b.pid, kind: b.kind, text: plainText(b), deleted: b.kind === "paragraph" && b.status === "deleted",
      label: labels.get(b.pid)?.display ?? "",
    }));
    const plan = planProposals(read.source, planBlocks, document.language, (label) => deps.proposals.find(document.id, label) !== null);
    if (plan.proposals.length === 0) {
      return c.json({
        error: "nothing_recognised",
        message: `No proposal was recognised in ${name ? `"${name}"` : "the file"}: see the notes, line by line.`,
        notes: plan.notes,
      }, 400);
    }

    // One transaction for the whole file, audit records included: a failure part way stores none of it.
    const rows: ProposalRow[] = [];
    try {
      deps.proposals.write(() => {
        for (const p of plan.proposals) {
          const row = deps.proposals.add({
            document_id: document.id, label: p.label, kind: p.kind, pid: p.pid, base_text: p.base, text: p.text, reasons: p.reasons,
            author_id: user.id, delegation_id: user.delegation?.id ?? null,
          });
          // Taken since the plan was made (another request): the whole import is refused rather than half stored.
          if (!row) throw new IdTakenError(p.label);
          rows.push(row);
        }
        deps.audit.append(rows.map((row) => ({
          userId: user.id, documentId: document.id, pid: row.pid, action: "proposal.drafted", detail: { id: row.label, kind: row.kind, imported: true },
        })));
      });
    } catch (err) {
      if (!(err instanceof IdTakenError)) throw err;
      return apiError(c, 409, "proposal_id_taken",
        { message: `The id ${err.label} was taken while the file was read; nothing was stored. Import it again.`, params: { label: err.label } });
    }
    const result: ProposalImportResult = { proposals: rows.map((row) => proposalView(deps.users, row, document.language)), notes: plan.notes };
    return c.json(result, 201);
  });
  return app;
}

class IdTakenError extends Error {
  constructor(readonly label: string) {
    super(`proposal id ${label} taken`);
  }
}
