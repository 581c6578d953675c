import type { CreateDocumentBody } from "../../schemas/api.js";
import type { DocumentRow } from "../../schemas/rows.js";
import { outlineToYUpdate } from "../documents/outlineToYDoc.js";
import type { DocumentStore } from "../storage/documentStore.js";

/** Creates a document holding only its title and one empty paragraph, in the newest process. */
export function createEmptyDocument(documents: DocumentStore, input: CreateDocumentBody): DocumentRow {
  const state = outlineToYUpdate(
    [{ type: "title", text: input.title }, { type: "paragraph", text: "" }],
    () => ({ placer: { userId: "", name: "", delegation: null, group: null }, at: new Date().toISOString() }),
  );
  const processId = documents.newestProcessId() ?? documents.addProcess("Documents");
  return documents.find(documents.addDocument({ processId, ...input, initialState: state }))!;
}
