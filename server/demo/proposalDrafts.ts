import * as Y from "yjs";
import type { ProposalKind } from "../../schemas/proposals.js";
import { plainText, readBlocks } from "../../shared/document/yBlocks.js";
import type { ProposalStore } from "../storage/proposalStore.js";

/** A proposal a demo delegation has made on the Vision: on the paragraph containing `anchor`. */
interface DemoProposalDraft {
  by: string;
  id: string;
  kind: ProposalKind;
  anchor: string;
  /** MOD: the words replaced and their replacement; ADD: the new paragraph. */
  replace?: [string, string];
  text?: string;
  reasons: string;
  submitted: boolean;
}

/** Proposals of the second reading, so that a fresh demo shows a compilation (two of them competing MODs). */
const VISION_PROPOSAL_DRAFTS: DemoProposalDraft[] = [
  {
    by: "arcadia", id: "ARC/1", kind: "MOD", anchor: "environmental footprint of the digital sector", replace: ["must be addressed", "should be addressed"],
    reasons: "The environmental footprint is addressed in other fora; a recommendation is more appropriate here.", submitted: true,
  },
  {
    by: "borealia", id: "BOR/1", kind: "MOD", anchor: "environmental footprint of the digital sector", replace: ["must be addressed", "shall be addressed"],
    reasons: "A commitment of the High-Level Event is written with \u201cshall\u201d.", submitted: true,
  },
  {
    by: "civil", id: "NET/1", kind: "ADD", anchor: "the importance of multilingualism and cultural diversity online",
    text: "the importance of protecting human rights online, including the rights to privacy and to freedom of expression,",
    reasons: "Human rights online are central to a people-centred information society.", submitted: true,
  },
  {
    by: "business", id: "COU/1", kind: "SUP", anchor: "the security and resilience of critical information infrastructure",
    reasons: "Infrastructure security is covered by the Global Digital Compact.", submitted: true,
  },
  {
    by: "tech", id: "CON/1", kind: "NOC", anchor: "the need to preserve the stability, security and resilience of the Internet",
    reasons: "The paragraph reflects the agreed language of the Tunis Agenda.", submitted: true,
  },
  {
    by: "igo", id: "AGE/1", kind: "MOD", anchor: "digital literacy and skills at all ages", replace: ["at all ages", "at all ages and throughout working life"],
    reasons: "Lifelong learning.", submitted: false,
  },
];

/**
 * Stores the demo proposals on the Vision as its delegations made them
 * (one left a draft, which only its delegation sees); `who` gives the user
 * and delegation ids of a demo delegation.
 */
export function seedVisionProposals(
  proposals: ProposalStore,
  documentId: string,
  state: Uint8Array,
  who: (key: string) => { userId: string; delegationId: string },
): void {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const blocks = readBlocks(doc);
  for (const draft of VISION_PROPOSAL_DRAFTS) {
    const block = blocks.find((b) => plainText(b).includes(draft.anchor));
    if (!block) throw new Error(`demo proposal anchor not found: "${draft.anchor}"`);
    const base = draft.kind === "ADD" ? "" : plainText(block);
    const text = draft.kind === "MOD" ? base.replace(draft.replace![0], draft.replace![1]) : draft.kind === "ADD" ? draft.text! : null;
    const { userId, delegationId } = who(draft.by);
    const row = proposals.add({
      document_id: documentId, label: draft.id, kind: draft.kind, pid: block.pid, base_text: base, text, reasons: draft.reasons,
      author_id: userId, delegation_id: delegationId,
    });
    if (row && draft.submitted) proposals.setStatus(row.id, ["draft"], "submitted");
  }
}
