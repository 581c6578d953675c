import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";

/** Words a demo delegation proposed during the second reading: inserted after `after` in the paragraph holding it. */
export interface DemoProposal {
  /** Demo delegation key of the delegate who typed the words. */
  by: string;
  after: string;
  words: string;
}

/** What the Vision's second reading added, so that attribution view shows something in a fresh demo. */
export const VISION_PROPOSALS: DemoProposal[] = [
  { by: "arcadia", after: "enjoys universal and meaningful connectivity", words: " at an affordable cost" },
  { by: "civil", after: "in full enjoyment of human rights", words: " online and offline" },
  { by: "igo", after: "to mainstream gender equality and accessibility", words: ", including for persons with disabilities," },
  { by: "tech", after: "artificial intelligence systems that are safe, secure and trustworthy", words: ", human-centred" },
  { by: "business", after: "share knowledge, data and good practices", words: " and open-source tools" },
];

/**
 * Applies proposals to a document state as their delegates would have typed
 * them: each under a fresh Yjs client id of its own. Returns the new state
 * and which user each new client id belongs to, for the server's bindings
 * (so attribution names them exactly as it names live edits).
 */
export function applyDemoProposals(
  state: Uint8Array,
  proposals: readonly DemoProposal[],
  userOf: (delegationKey: string) => string,
): { state: Uint8Array; bindings: Map<number, string> } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const bindings = new Map<number, string>();
  for (const proposal of proposals) {
    const { text, offset } = locate(doc, proposal.after);
    doc.clientID = new Y.Doc().clientID;
    bindings.set(doc.clientID, userOf(proposal.by));
    text.insert(offset, proposal.words, {});
  }
  return { state: Y.encodeStateAsUpdate(doc), bindings };
}

/** The text of the first block containing `anchor`, and the offset just after it. */
function locate(doc: Y.Doc, anchor: string): { text: Y.XmlText; offset: number } {
  for (const block of doc.getXmlFragment(CONTENT_FIELD).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    const text = block.get(0);
    if (!(text instanceof Y.XmlText)) continue;
    const plain = (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
    const at = plain.indexOf(anchor);
    if (at >= 0) return { text, offset: at + anchor.length };
  }
  throw new Error(`demo proposal anchor not found: "${anchor}"`);
}
