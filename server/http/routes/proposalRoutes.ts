import type { Context } from "hono";
import { Hono } from "hono";
import type { UserView } from "../../../schemas/api.js";
import { CompilationQuery, ProposalBody, type ProposalCompilation, type ProposalRow, type ProposalView } from "../../../schemas/proposals.js";
import type { DocumentRow } from "../../../schemas/rows.js";
import { plainText, readBlocks } from "../../../shared/document/yBlocks.js";
import { can } from "../../../shared/permissions.js";
import { numberParagraphs } from "../../../shared/paragraphs/numbering.js";
import { ApplyBody, ProposalEdit, ProposalPeriod } from "../../../schemas/proposalActions.js";
import { applyProposal } from "../../proposals/applyProposal.js";
import { compileProposals, proposalView } from "../../proposals/proposalViews.js";
import { readableDocument } from "../../documents/documentRole.js";
import { readDocument } from "../../documents/readDocument.js";
import type { ProposalStore } from "../../storage/proposalStore.js";
import type { AppEnv } from "../auth.js";
import { apiError, describeZodError } from "../errors.js";
import { readJsonBody } from "../readBody.js";
import type { DocumentRoutesDeps } from "./documentRoutes.js";

/** Proposals belong to the proposer's delegation (to the proposer alone without one). */
function owns(user: UserView, row: ProposalRow): boolean {
  return row.delegation_id !== null ? user.delegation?.id === row.delegation_id : row.author_id === user.id;
}

/** Who may read a proposal: its delegation always, everyone who reads the document once it is submitted. */
function mayRead(user: UserView, row: ProposalRow): boolean {
  return row.status !== "draft" || owns(user, row);
}

/** The prefix of a delegation's proposal ids: the first letters of its name's last word ("Republic of Arcadia": ARC). */
function prefixOf(user: UserView): string {
  const word = user.delegation?.name.split(/\s+/).filter((w) => /\p{L}/u.test(w)).pop() ?? "";
  const letters = word.normalize("NFKD").replace(/[^A-Za-z]/g, "").toUpperCase().slice(0, 3);
  return letters || (user.role === "secretariat" ? "SEC" : "PROP");
}

/**
 * `/api/documents/:id/proposals` (docs/PROPOSALS.md): draft a MOD, ADD, SUP
 * or NOC against the document's text, submit or withdraw it, and list the
 * proposals the caller may read, each MOD with its change as runs of the
 * base paragraph's words.
 */
export function proposalRoutes(deps: DocumentRoutesDeps & { proposals: ProposalStore }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const view = (row: ProposalRow, document: DocumentRow): ProposalView => proposalView(deps.users, row, document.language);
  const target = (c: Context<AppEnv>) => readableDocument(deps, c.get("auth")!.user, c.req.param("id") ?? "");

  app.get("/", (c) => {
    const found = target(c);
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    return c.json(deps.proposals.list(found.row.id).filter((row) => mayRead(found.user, row)).map((row) => view(row, found.row)));
  });

  app.get("/compilation", (c) => {
    const found = target(c);
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const query = CompilationQuery.safeParse(c.req.query());
    if (!query.success) return apiError(c, 400, "invalid_query", "The compilation's filters are invalid.", describeZodError(query.error));
    const doc = readDocument(deps.documents, deps.rooms, found.row.id, deps.log);
    const compilation = compileProposals(deps.users, found.row, doc, deps.proposals.list(found.row.id), query.data);
    return c.json(compilation);
  });

  app.post("/", async (c) => {
    const found = target(c);
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const { row: document, user } = found;
    if (!can(user, "proposal.write")) return apiError(c, 403, "forbidden", "Observers read proposals; they do not make them.");
    if (!deps.proposals.isOpen(document.id)) return apiError(c, 409, "proposals_closed", "The proposal period of this document is closed.");
    const body = await readJsonBody(c, ProposalBody);
    if (!body.ok) return body.response;
    const { kind, pid, text, reasons } = body.value;
    const block = readBlocks(readDocument(deps.documents, deps.rooms, document.id, deps.log)).find((b) => b.pid === pid);
    if (!block) return apiError(c, 400, "unknown_paragraph", `There is no paragraph ${pid} in the text.`);
    if (block.kind === "paragraph" && block.status === "deleted") {
      return apiError(c, 400, "deleted_paragraph", "That paragraph is marked deleted: a proposal cannot be made on it or after it.");
    }
    if (kind !== "ADD" && block.kind !== "paragraph") return apiError(c, 400, "not_a_paragraph", `A ${kind} is made on a paragraph, not on a ${block.kind}.`);
    const base = kind === "ADD" ? "" : plainText(block);
    if (kind === "MOD" && text === base) return apiError(c, 400, "changes_nothing", "The MOD proposes the paragraph as it stands; that is a NOC.");
    const prefix = prefixOf(user);
    const label = body.value.id ?? `${prefix}/${deps.proposals.countWithPrefix(document.id, prefix) + 1}`;
    const row = deps.proposals.add({
      document_id: document.id, label, kind, pid, base_text: base, text: text ?? null, reasons,
      author_id: user.id, delegation_id: user.delegation?.id ?? null,
    });
    if (!row) return apiError(c, 409, "proposal_id_taken", { message: `The id ${label} is already used in this document.`, params: { label } });
    deps.audit.append([{ userId: user.id, documentId: document.id, pid, action: "proposal.drafted", detail: { id: label, kind } }]);
    return c.json(view(row, document), 201);
  });

  /** Submits or withdraws one of the caller's delegation's proposals. */
  const move = (to: "submitted" | "withdrawn", from: ("draft" | "submitted")[]) => (c: Context<AppEnv>) => {
    const found = target(c);
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    const row = deps.proposals.find(found.row.id, c.req.param("proposal") ?? "");
    if (!row || !mayRead(found.user, row)) return apiError(c, 404, "proposal_not_found", "There is no such proposal.");
    if (!owns(found.user, row) || !can(found.user, "proposal.write")) {
      return apiError(c, 403, "forbidden", "Only the delegation that made a proposal submits or withdraws it.");
    }
    if (!deps.proposals.setStatus(row.id, from, to)) return apiError(c, 409, "wrong_status", `The proposal is ${row.status}.`);
    deps.audit.append([{
      userId: found.user.id, documentId: found.row.id, pid: row.pid, action: to === "submitted" ? "proposal.submitted" : "proposal.withdrawn",
      detail: { id: row.label, kind: row.kind },
    }]);
    return c.json(view(deps.proposals.find(found.row.id, row.label)!, found.row));
  };
  app.get("/period", (c) => {
    const found = target(c);
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    return c.json({ open: deps.proposals.isOpen(found.row.id) });
  });

  app.put("/period", async (c) => {
    const found = target(c);
    if (!found) return apiError(c, 404, "document_not_found", "There is no document with this id.");
    if (!can(found.user, "proposal.configure")) return apiError(c, 403, "forbidden", "Only the secretariat opens and closes the proposal period.");
    const body = await readJsonBody(c, ProposalPeriod);
    if (!body.ok) return body.response;
    if (deps.proposals.isOpen(found.row.id) !== body.value.open) {
      deps.proposals.setOpen(found.row.id, body.value.open);
      deps.audit.append([{
        userId: found.user.id, documentId: found.row.id, pid: null, action: body.value.open ? "proposals.opened" : "proposals.closed", detail: {},
      }]);
    }
    return c.json({ open: body.value.open });
  });

  /** One proposal the caller may read, or the answer saying why not. */
  const proposalIn = (c: Context<AppEnv>) => {
    const found = target(c);
    if (!found) return { error: apiError(c, 404, "document_not_found", "There is no document with this id.") } as const;
    const row = deps.proposals.find(found.row.id, c.req.param("proposal") ?? "");
    if (!row || !mayRead(found.user, row)) return { error: apiError(c, 404, "proposal_not_found", "There is no such proposal.") } as const;
    return { ...found, proposal: row } as const;
  };

  app.patch("/:proposal", async (c) => {
    const found = proposalIn(c);
    if ("error" in found) return found.error;
    const { row: document, user, proposal } = found;
    if (!owns(user, proposal) || !can(user, "proposal.write")) return apiError(c, 403, "forbidden", "Only the delegation that made a proposal changes it.");
    if (proposal.status !== "draft") return apiError(c, 409, "wrong_status", `The proposal is ${proposal.status}; only a draft is changed.`);
    if (!deps.proposals.isOpen(document.id)) return apiError(c, 409, "proposals_closed", "The proposal period of this document is closed.");
    const body = await readJsonBody(c, ProposalEdit);
    if (!body.ok) return body.response;
    const { text, reasons } = body.value;
    const takesText = proposal.kind === "MOD" || proposal.kind === "ADD";
    if (text !== undefined && !takesText) return apiError(c, 400, "invalid_body", `A ${proposal.kind} proposes no text.`);
    if (proposal.kind === "MOD" && text === proposal.base_text) {
      return apiError(c, 400, "changes_nothing", "The MOD proposes the paragraph as it stands; that is a NOC.");
    }
    if (!deps.proposals.revise(proposal.id, text ?? proposal.text, reasons ?? proposal.reasons)) {
      return apiError(c, 409, "wrong_status", "The proposal was submitted meanwhile.");
    }
    deps.audit.append([{ userId: user.id, documentId: document.id, pid: proposal.pid, action: "proposal.revised", detail: { id: proposal.label, kind: proposal.kind } }]);
    return c.json(view(deps.proposals.find(document.id, proposal.label)!, document));
  });

  app.post("/:proposal/apply", async (c) => {
    const found = proposalIn(c);
    if ("error" in found) return found.error;
    const { row: document, user, proposal } = found;
    if (!can(user, "proposal.apply")) return apiError(c, 403, "forbidden", "Only a facilitator applies proposals to the draft.");
    const body = await readJsonBody(c, ApplyBody);
    if (!body.ok) return body.response;
    const result = applyProposal(deps, document, proposal, user, body.value.as);
    if ("code" in result) return apiError(c, result.status, result.code, result.params ? { message: result.message, params: result.params } : result.message);
    return c.json(view(result, document));
  });

  app.post("/:proposal/submit", move("submitted", ["draft"]));
  app.post("/:proposal/withdraw", move("withdrawn", ["draft", "submitted"]));
  return app;
}
