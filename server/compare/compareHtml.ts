import type { Author } from "../../schemas/api.js";
import type { ComparisonView } from "../../schemas/compare.js";
import type { DocumentLanguage } from "../../schemas/domain.js";
import { exportWordsOf } from "../export/exportWords.js";
import { escapeHtml, page } from "../export/html.js";

/** Who made a change, as the comparison prints it after the change. */
function byline(by: Author | null): string {
  return by ? by.delegation ?? by.name : "";
}

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
export function renderComparisonHtml(view: ComparisonView, title: string, language: DocumentLanguage): string {
  const words = exportWordsOf(language).compare;
  const colon = exportWordsOf(language).colon;
  const heading = `${title}${colon}${view.from.name} → ${view.to?.name ?? words.textNow}`;
  const parts = [`<h1>${escapeHtml(heading)}</h1>`, `<p class="summary">${escapeHtml(words.summary(view.summary))}</p>`];
  for (const block of view.blocks) {
    const text = block.pieces.map((piece) => {
      const shown = escapeHtml(piece.text).replace(/\n/g, "<br>");
      if (piece.op === "same") return shown;
      const tag = piece.op === "inserted" ? "ins" : "del";
      const who = byline(piece.by);
      const verb = piece.moved ? (piece.op === "inserted" ? words.movedHere : words.movedAway) : piece.op === "inserted" ? words.inserted : words.deleted;
      return `<${tag}${piece.moved ? ' class="moved"' : ""}${who ? ` title="${escapeHtml(words.by(verb, who))}"` : ""}>${shown}</${tag}>` +
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
      ? ` <span class="moved">(${escapeHtml(words.statusNow[block.to.status])})</span>` : "";
    const moved = status + (block.moved ? ` <span class="moved">(${escapeHtml(words.moved)})</span>` : "") +
      (block.origin ? ` <span class="moved">(${escapeHtml(block.origin.kind === "split" ? words.splitFrom : words.mergedInto)} ${escapeHtml(block.origin.label)})</span>` : "");
    parts.push(`<div class="para" data-pid="${escapeHtml(block.pid)}" data-change="${block.change}"><span class="para__label">${label}</span>` +
      `<span class="para__text">${text}${moved}</span></div>`);
  }
  return page(heading, language, parts.join("\n"), STYLE);
}
