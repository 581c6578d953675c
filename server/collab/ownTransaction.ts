import * as Y from "yjs";

/**
 * Runs `apply` (which makes one Yjs transaction on `doc`) and reports that
 * transaction twice: to `observe` while Yjs calls its observers, before it
 * collects the content the transaction deleted (so rules can still read
 * it), and (when `encode`) as the update Yjs encodes for it afterwards,
 * which is exactly what the transaction changed. Transactions Yjs runs
 * after it (a cleanup of redundant formatting, which every replica makes
 * alike) are not its.
 */
export function runOwnTransaction(doc: Y.Doc, apply: () => void, observe: (transaction: Y.Transaction) => void, encode = true): Uint8Array | null {
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
  if (encode) doc.on("update", onUpdate);
  try {
    apply();
  } finally {
    doc.off("beforeObserverCalls", onObserverCalls);
    if (encode) doc.off("update", onUpdate);
  }
  return applied;
}

/** The items a transaction added and the items it deleted, read once for every rule that needs them. */
export interface TransactionItems {
  added: Y.Item[];
  deleted: Y.Item[];
}

/** Reads a transaction's new and deleted items; must run before Yjs collects the deleted content. */
export function readTransactionItems(transaction: Y.Transaction): TransactionItems {
  const added: Y.Item[] = [];
  for (const [client, clock] of transaction.afterState) {
    const from = transaction.beforeState.get(client) ?? 0;
    if (clock <= from) continue;
    const structs = transaction.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const struct = structs[i]!;
      // Garbage-collected placeholders carry nothing.
      if (struct instanceof Y.Item) added.push(struct);
    }
  }
  const deleted: Y.Item[] = [];
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item) deleted.push(struct);
  });
  return { added, deleted };
}

/** Items of text or blocks a transaction deleted, as ranges of item ids. */
export interface DeletedItems {
  client: number;
  clock: number;
  length: number;
}

/**
 * What a transaction deleted that a text held: characters and elements
 * (paragraphs, line breaks) that existed before it. Formatting markers,
 * replaced attribute values, and items it both wrote and deleted are left
 * out: no text ever showed them as anyone's words.
 */
export function deletedText(transaction: Y.Transaction, items: TransactionItems): DeletedItems[] {
  const out: DeletedItems[] = [];
  for (const item of items.deleted) {
    if (item.parentSub !== null || item.content instanceof Y.ContentFormat) continue;
    if (item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)) continue;
    const last = out[out.length - 1];
    // Neighbouring items of one client make one range.
    if (last && last.client === item.id.client && last.clock + last.length === item.id.clock) last.length += item.length;
    else out.push({ client: item.id.client, clock: item.id.clock, length: item.length });
  }
  return out;
}
