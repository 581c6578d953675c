import * as Y from "yjs";
import type { UserView } from "../../schemas/api.js";
import type { RevisionRow } from "../../schemas/rows.js";
import { contentOf, readBlock } from "../../shared/document/yBlocks.js";
import { numberParagraphs, withoutKeptLabels } from "../../shared/paragraphs/numbering.js";
import type { RoomRegistry } from "../collab/rooms.js";
import type { AuditStore } from "../storage/auditStore.js";
import type { DocumentStore } from "../storage/documentStore.js";
import type { RevisionStore } from "../storage/revisionStore.js";

/** What issuing a revision needs. */
export interface IssueRevisionDeps {
  rooms: RoomRegistry;
  documents: DocumentStore;
  revisions: RevisionStore;
  audit: AuditStore;
}

/**
 * Issues the next revision of a document (Rev.1, Rev.2 ...): paragraphs
 * marked deleted are dropped, every paragraph is renumbered sequentially and
 * its label frozen, so paragraphs inserted afterwards become "5 bis" and
 * deleted ones keep their number until the revision after. Stored with a
 * snapshot of the text and an audit record in one transaction.
 */
export function issueRevision(deps: IssueRevisionDeps, documentId: string, user: UserView, name?: string, note?: string): RevisionRow {
  const meta = deps.documents.find(documentId);
  if (!meta) throw new Error(`unknown document ${documentId}`);
  const room = deps.rooms.open(documentId);
  const number = deps.revisions.nextNumber(documentId);
  const revisionName = name?.trim() || `Rev.${number}`;
  let row: RevisionRow | null = null;
  room.applyServerChange(
    user.id,
    (doc) => {
      const fragment = contentOf(doc);
      // Indexes of the fragment itself: anything else standing at the top (a bare text) keeps its place.
      const entries = fragment.toArray();
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry instanceof Y.XmlElement && readBlock(entry)?.status === "deleted") fragment.delete(i, 1);
      }
      const remaining = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
      const blocks = remaining.map((el) => readBlock(el)).filter((b) => b !== null);
      const labels = numberParagraphs(withoutKeptLabels(blocks), meta.style, meta.language);
      for (const el of remaining) {
        const pid = el.getAttribute("pid");
        const label = pid ? labels.get(pid) : undefined;
        if (label && el.getAttribute("frozenLabel") !== label.core) el.setAttribute("frozenLabel", label.core);
        // The revision's numbers replace the labels an imported source gave.
        if (el.getAttribute("importedLabel") != null) el.removeAttribute("importedLabel");
      }
    },
    (doc) => {
      row = deps.revisions.add({ documentId, number, name: revisionName, note, state: Y.encodeStateAsUpdate(doc), issuedBy: user.id });
      deps.audit.append([{ userId: user.id, documentId, pid: null, action: "revision.issued", detail: { number, name: revisionName } }]);
    },
  );
  return row!;
}
