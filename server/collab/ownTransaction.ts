import type * as Y from "yjs";

/**
 * Runs `apply` (which makes one Yjs transaction on `doc`) and reports that
 * transaction twice: to `observe` while Yjs calls its observers, before it
 * collects the content the transaction deleted (so rules can still read
 * it), and as the update Yjs encodes for it afterwards, which is exactly
 * what the transaction changed. Transactions Yjs runs after it (a cleanup
 * of redundant formatting, which every replica makes alike) are not its.
 */
export function runOwnTransaction(doc: Y.Doc, apply: () => void, observe: (transaction: Y.Transaction) => void): Uint8Array | null {
  let own: Y.Transaction | null = null;
  let applied: Uint8Array | null = null;
  const onObserverCalls = (transaction: Y.Transaction) => {
    if (own) return;
    own = transaction;
    observe(transaction);
  };
  const onUpdate = (bytes: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction === own) applied = bytes;
  };
  doc.on("beforeObserverCalls", onObserverCalls);
  doc.on("update", onUpdate);
  try {
    apply();
  } finally {
    doc.off("beforeObserverCalls", onObserverCalls);
    doc.off("update", onUpdate);
  }
  return applied;
}
