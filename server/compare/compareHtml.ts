import type { Author } from "../../schemas/api.js";
import type { ComparisonView } from "../../schemas/compare.js";
import { escapeHtml, page } from "../export/html.js";

/** Who made a change, as the comparison prints it after the change. */
function byline(by: Author | null): string {
  return by ? by.delegation ?? by.name : "";
}

/** A paragraph's status in the later text, when it changed. */
const STATUS_NOW = { agreed: "agreed ad ref", deleted: "marked deleted", open: "reopened" } as const;

const STYLE = `
ins { text-decoration: underline; background: #e6f4ea; }
del { text-decoration: line-through; background: #fce8e6; }
ins.moved, del.moved { background: #eef2fb; text-decoration-style: dotted; }
.by { font-size: 8pt; vertical-align: super; color: #333; margin-left: 0.1em; }
.moved, .summary { font-style: italic; }
`;

/**
 * A comparison as one standalone page (and, printed, the PDF): the ITU MOD
 * convention, inserted words underlined and deleted ones struck through,
 * each followed by the delegation that made it.
 */
export function renderComparisonHtml(view: ComparisonView, title: string, language: string): string {
  const heading = `${title}: ${view.from.name} → ${view.to?.name ?? "the text now"}`;
  const { summary } = view;
  const parts = [
    `<h1>${escapeHtml(heading)}</h1>`,
    `<p class="summary">${summary.changed} changed, ${summary.added} added, ${summary.deleted} deleted, ${summary.moved} moved, ${summary.agreed} newly agreed.</p>`,
  ];
  for (const block of view.blocks) {
    const text = block.pieces.map((piece) => {
      const words = escapeHtml(piece.text).replace(/\n/g, "<br>");
      if (piece.op === "same") return words;
      const tag = piece.op === "inserted" ? "ins" : "del";
      const who = byline(piece.by);
      const verb = piece.moved ? (piece.op === "inserted" ? "Moved here; written" : "Moved to another paragraph") : piece.op === "inserted" ? "Inserted" : "Deleted";
      return `<${tag}${piece.moved ? ' class="moved"' : ""}${who ? ` title="${escapeHtml(`${verb} by ${who}`)}"` : ""}>${words}</${tag}>` +
        (who && !piece.moved ? `<span class="by">${escapeHtml(who)}</span>` : "");
    }).join("");
    if (block.kind !== "paragraph") {
      parts.push(block.kind === "sectionHeading" ? `<h2>${text}</h2>` : `<p class="${block.kind === "verbPhrase" ? "verb-phrase" : "opening-line"}">${text}</p>`);
      continue;
    }
    const label = block.change === "deleted" ? `<del>${escapeHtml(block.from?.label ?? "")}</del>`
      : block.from && block.to && block.from.label !== block.to.label
        ? `<del>${escapeHtml(block.from.label)}</del> <ins>${escapeHtml(block.to.label)}</ins>`
        : escapeHtml(block.to?.label ?? "");
    const status = block.to && block.to.status !== (block.from?.status ?? "open")
      ? ` <span class="moved">(${STATUS_NOW[block.to.status]})</span>` : "";
    const moved = status + (block.moved ? ' <span class="moved">(moved)</span>' : "") +
      (block.origin ? ` <span class="moved">(${block.origin.kind === "split" ? "split from" : "merged into"} ${escapeHtml(block.origin.label)})</span>` : "");
    parts.push(`<div class="para" data-pid="${escapeHtml(block.pid)}" data-change="${block.change}"><span class="para__label">${label}</span>` +
      `<span class="para__text">${text}${moved}</span></div>`);
  }
  return page(heading, language, parts.join("\n"), STYLE);
}
