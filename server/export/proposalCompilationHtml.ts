import { escapeHtml, page } from "./html.js";
import type { CompilationExport, CompiledProposal, Piece } from "./proposalCompilationModel.js";

/** The compilation's look on top of the house page (html.ts): the ITU proposal line, struck and underlined words. */
const STYLE = `
.summary { text-align: center; margin: 0 0 0.4em; }
.none { text-align: center; font-style: italic; }
.base { display: grid; grid-template-columns: 3.2em 1fr; margin: 2em 0 1em; padding-bottom: 0.3em; border-bottom: 1px solid #999; break-after: avoid; }
.base__label { padding-inline-end: 0.5em; }
.proposal { margin: 1em 0 1.2em; break-inside: avoid; }
.proposal__line { font-weight: bold; margin: 0; }
.proposal__kind { display: inline-block; min-width: 4em; }
.proposer { font-style: italic; font-size: 10pt; margin: 0 0 0.4em; }
.proposed { text-align: justify; margin: 0 0 0.4em; }
.proposed--noc { font-style: italic; }
ins { text-decoration: underline; }
del { text-decoration: line-through; }
.reasons { font-size: 11pt; margin: 0; }
.reasons__label { font-weight: bold; display: inline-block; min-width: 5em; }
.applied { font-weight: bold; font-style: italic; font-size: 10pt; margin: 0.3em 0 0; }
.conflict { font-weight: bold; font-size: 10pt; margin: 0.5em 0; }
`;

/** Words with their line breaks. */
const text = (words: string) => escapeHtml(words).replace(/\n/g, "<br>");
const dir = (rtl: boolean) => (rtl ? ' dir="rtl"' : "");

function piecesHtml(pieces: Piece[]): string {
  return pieces.map((piece) => piece.mark === "inserted" ? `<ins>${text(piece.text)}</ins>`
    : piece.mark === "deleted" ? `<del>${text(piece.text)}</del>`
    : text(piece.text)).join("");
}

function proposalHtml(p: CompiledProposal, words: CompilationExport["words"], base = ""): string {
  const proposed = p.noChange
    ? `<p class="proposed proposed--noc">${text(p.pieces[0]!.text)}</p>`
    : `<p class="proposed"${dir(p.rtl)}>${piecesHtml(p.pieces)}</p>`;
  return `<section class="proposal" data-id="${escapeHtml(p.id)}" data-kind="${p.kind}">` +
    `<p class="proposal__line"><span class="proposal__kind">${p.kind}</span>\t<span class="proposal__id">${escapeHtml(p.id)}</span></p>` +
    `<p class="proposer">${escapeHtml(p.proposer)}</p>${proposed}${base}` +
    (p.reasons ? `<p class="reasons"><span class="reasons__label">${escapeHtml(words.reasons)}</span> <span${dir(p.reasonsRtl)}>${text(p.reasons)}</span></p>` : "") +
    (p.applied ? `<p class="applied">${escapeHtml(p.applied)}</p>` : "") +
    "</section>";
}

/**
 * The compilation of proposals as one standalone web page (and, printed,
 * the PDF): the house page with the document's symbol and place and date at
 * the top, each block as it stands, then its proposals in the ITU layout
 * (a MOD's deleted words in `<del>`, struck, and inserted words in `<ins>`,
 * underlined); every word of the text and of the proposals escaped.
 */
export function renderCompilationHtml(model: CompilationExport): string {
  const { words } = model;
  const parts: string[] = [];
  if (model.symbol || model.dateline) {
    parts.push(`<header class="doc-header">${model.symbol ? `<div class="doc-header__symbol">${escapeHtml(model.symbol)}</div>` : ""}` +
      `${model.dateline ? `<div class="doc-header__date">${escapeHtml(model.dateline)}</div>` : ""}</header>`);
  }
  parts.push(`<h1>${escapeHtml(model.heading)}</h1>`,
    `<p class="subtitle">${escapeHtml(model.symbol ? `${model.title} (${model.symbol})` : model.title)}</p>`,
    `<p class="summary">${escapeHtml(model.counts)}</p>`,
    `<p class="summary">${escapeHtml(model.filters)}</p>`);
  if (model.none) parts.push(`<p class="none">${escapeHtml(model.none)}</p>`);
  for (const block of model.blocks) {
    parts.push(`<div class="base" data-pid="${escapeHtml(block.pid)}"${dir(block.rtl)}><span class="base__label">${escapeHtml(block.label)}</span>` +
      `<span class="base__text">${text(block.text)}</span></div>`);
    for (const p of block.proposals) parts.push(proposalHtml(p, words));
    for (const conflict of block.conflicts) parts.push(`<p class="conflict">${escapeHtml(conflict)}</p>`);
  }
  if (model.orphans) {
    parts.push(`<h2>${escapeHtml(model.orphans.heading)}</h2>`);
    for (const p of model.orphans.proposals) {
      const base = p.base && p.kind === "NOC"
        ? `<p class="proposer">${escapeHtml(words.orphanBase)}</p><p class="proposed"${dir(p.baseRtl)}>${text(p.base)}</p>` : "";
      parts.push(proposalHtml(p, words, base));
    }
  }
  return page(`${model.heading}: ${model.title}`, model.language, parts.join("\n"), STYLE);
}
