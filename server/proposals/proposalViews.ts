/**
 * What the proposal API and the compilation's exports show of proposals:
 * one proposal as a view (a MOD with its change as runs of the base
 * paragraph's words), and the compilation of a document's submitted
 * proposals by paragraph of its text.
 */
import type * as Y from "yjs";
import type { CompilationQuery, ProposalCompilation, ProposalRow, ProposalView } from "../../schemas/proposals.js";
import type { DocumentRow } from "../../schemas/rows.js";
import { bracketedText } from "../../shared/brackets/tokens.js";
import { readBlocks, type DocumentBlock } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import { modConflicts, modRuns } from "../../shared/proposals/modChange.js";
import { authorOfUser } from "../documents/authors.js";
import type { UserStore } from "../storage/userStore.js";

/** One proposal as the API shows it. */
export function proposalView(users: UserStore, row: ProposalRow, language: string): ProposalView {
  return {
    id: row.label,
    kind: row.kind,
    pid: row.pid,
    status: row.status,
    reasons: row.reasons,
    text: row.text,
    base: row.base_text,
    runs: row.kind === "MOD" && row.text !== null ? modRuns(row.base_text, row.text, language) : null,
    proposer: authorOfUser(users, row.author_id),
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    applied: row.applied_pid !== null && row.applied_as !== null && row.applied_at !== null
      ? { pid: row.applied_pid, as: row.applied_as, by: row.applied_by ? authorOfUser(users, row.applied_by) : null, at: row.applied_at }
      : null,
  };
}

/**
 * The compilation of proposals: every block of the text as it stands with
 * the submitted (and applied) proposals on it side by side, what changes the
 * paragraph first and the ADDs after it; pairs of MODs that change the same
 * words; proposals whose paragraph is gone; counts by kind. Narrowed by
 * delegation, stakeholder group or kind.
 */
export function compileProposals(
  users: UserStore,
  document: DocumentRow,
  doc: Y.Doc,
  rows: ProposalRow[],
  filters: CompilationQuery = {},
): ProposalCompilation {
  const { delegation, group, kind } = filters;
  const views = rows
    .filter((row) => row.status === "submitted" || row.status === "applied")
    .map((row) => proposalView(users, row, document.language))
    .filter((p) => (!kind || p.kind === kind) && (!delegation || p.proposer?.delegation === delegation) && (!group || p.proposer?.group === group));
  const blocks: DocumentBlock[] = readBlocks(doc);
  const labels = numberParagraphs(blocks, document.style, document.language);
  const placed = new Set<string>();
  const compilation: ProposalCompilation = {
    blocks: blocks.map((block) => {
      const on = views.filter((p) => p.pid === block.pid);
      for (const p of on) placed.add(p.id);
      const mods = on.filter((p) => p.kind === "MOD" && p.text !== null && p.status === "submitted");
      return {
        pid: block.pid, kind: block.kind, label: labels.get(block.pid)?.display ?? "", text: bracketedText(block.runs),
        proposals: [...on.filter((p) => p.kind !== "ADD"), ...on.filter((p) => p.kind === "ADD")],
        // Against the base each was made on: a paragraph changed since shows the words the proposals were about.
        conflicts: [...new Set(mods.map((m) => m.base))].flatMap((base) => {
          const same = mods.filter((m) => m.base === base);
          return same.length < 2 ? [] : modConflicts(base, same.map((m) => ({ id: m.id, text: m.text! })), document.language);
        }),
      };
    }),
    orphans: views.filter((p) => !placed.has(p.id)),
    counts: { MOD: 0, ADD: 0, SUP: 0, NOC: 0 },
  };
  for (const p of views) compilation.counts[p.kind] += 1;
  return compilation;
}
