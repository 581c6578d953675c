import type { ParagraphStatus } from "../../schemas/domain.js";
import type { BlockChange } from "../../shared/document/changeRules.js";

/** One facilitator action found in an accepted update, ready for the audit log. */
export interface AuditEntry {
  action: string;
  pid: string | null;
  detail: Record<string, unknown>;
}

const STATUS_ACTIONS: Record<string, string> = {
  "open>agreed": "paragraph.agreed",
  "agreed>open": "paragraph.reopened",
  "open>deleted": "paragraph.deleted",
  "agreed>deleted": "paragraph.deleted",
  "deleted>open": "paragraph.restored",
  "deleted>agreed": "paragraph.agreed",
};

function statusAction(from: ParagraphStatus, to: ParagraphStatus): string {
  return STATUS_ACTIONS[`${from}>${to}`] ?? "paragraph.status";
}

/**
 * Derives the facilitator actions an accepted update performed: status
 * changes, brackets taken off (words kept), bracketed text deleted, and an
 * alternative chosen (one option's words kept, the others' gone with their
 * brackets). Plain typing produces no entries.
 */
export function auditEntries(changes: BlockChange[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const afterIds = new Set<string>();
  for (const c of changes) if (c.kind !== "deleted") for (const id of c.after.brackets.keys()) afterIds.add(id);

  for (const change of changes) {
    if (change.kind === "changed" && change.before.status !== change.after.status) {
      entries.push({
        action: statusAction(change.before.status, change.after.status),
        pid: change.after.pid,
        detail: { from: change.before.status, to: change.after.status },
      });
    }
    if (change.kind !== "changed") continue;
    const removed = [...change.before.brackets.values()].filter((b) => !afterIds.has(b.bracket.id));
    const byAlt = new Map<string, typeof removed>();
    for (const b of removed) {
      if (b.bracket.alt && ![...change.after.brackets.values()].some((a) => a.bracket.alt === b.bracket.alt)) {
        byAlt.set(b.bracket.alt, [...(byAlt.get(b.bracket.alt) ?? []), b]);
        continue;
      }
      entries.push(bracketEntry(change.after.pid, b, change.after.text));
    }
    for (const [alt, options] of byAlt) {
      const kept = options.filter((o) => o.text.length > 0 && change.after.text.includes(o.text));
      if (kept.length === 1 && options.length > 1) {
        entries.push({
          action: "alternative.chosen",
          pid: change.after.pid,
          detail: { alt, chosen: kept[0]!.altIndex, text: kept[0]!.text, options: options.length },
        });
      } else {
        for (const o of options) entries.push(bracketEntry(change.after.pid, o, change.after.text));
      }
    }
  }
  return entries;
}

function bracketEntry(pid: string, b: { bracket: { id: string; delegation: string | null; name: string }; text: string },
  textAfter: string): AuditEntry {
  const kept = b.text.length > 0 && textAfter.includes(b.text);
  return {
    action: kept ? "bracket.removed" : "bracket.textDeleted",
    pid,
    detail: { bracket: b.bracket.id, text: b.text, placedBy: b.bracket.delegation ?? b.bracket.name },
  };
}
