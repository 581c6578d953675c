import { openingText, type BracketToken } from "../../shared/brackets/tokens.js";
import { placerOf, type ExportBlock, type ExportDocument } from "./exportModel.js";
import type { CommentsCompilation } from "./commentsCompilation.js";
import { exportWordsOf } from "./exportWords.js";

/** Text escaped so that Markdown shows it as written (brackets, asterisks, a number and a dot at a line's start ...). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-!|~]/g, "\\$&").replace(/^(\d+)\./gm, "$1\\.");
}

/** A paragraph's tokens as Markdown: brackets and alternatives written as negotiators write them. */
function tokensText(tokens: BracketToken[], compilation: boolean): string {
  return tokens.map((t) => {
    if (t.kind === "text") return escapeMarkdown(t.text).replace(/\n/g, "  \n");
    if (t.kind === "open") return escapeMarkdown(openingText(t.altIndex));
    return escapeMarkdown(compilation ? ` - ${placerOf(t)}]` : "]");
  }).join("");
}

function block(b: ExportBlock, doc: ExportDocument): string {
  const text = tokensText(b.tokens, doc.compilation);
  const words = exportWordsOf(doc.language);
  switch (b.kind) {
    case "sectionHeading":
      return `## ${text}`;
    case "verbPhrase":
      return text ? `*${text}*` : "";
    case "openingLine":
    case "title":
      return text;
    case "paragraph": {
      const label = b.label ? `${escapeMarkdown(b.label)} ` : "";
      const indent = b.level >= 2 ? "    " : "";
      const lines = [`${label}${b.status === "deleted" && doc.variant === "negotiation" ? `~~${text}~~` : text}`];
      if (doc.variant === "negotiation" && b.status !== "open") lines[0] += ` ${escapeMarkdown(words.status[b.status])}`;
      if (b.notAgreed) lines[0] += ` **${escapeMarkdown(words.notAgreed)}**`;
      if (doc.variant === "negotiation" && b.proposers.length > 0) {
        lines.push(`*${escapeMarkdown(words.proposedBy)} ${escapeMarkdown(b.proposers.map((p) => p.delegation ?? p.name).filter((v, i, all) => all.indexOf(v) === i).join(", "))}*`);
      }
      // Sub-paragraphs are set off as a quotation: Markdown has no plain indentation.
      return indent ? lines.map((l) => `> ${l}`).join("\n>\n") : lines.join("\n\n");
    }
  }
}

/** The document as Markdown: title, then each block as its own paragraph. */
export function renderMarkdown(doc: ExportDocument): string {
  const parts = [
    ...[doc.symbol, doc.dateline].filter(Boolean).map((line) => `**${escapeMarkdown(line)}**`),
    ...(doc.showTitle ? [`# ${escapeMarkdown(doc.title)}`] : []),
  ];
  for (const b of doc.blocks) {
    const text = block(b, doc);
    if (text) parts.push(text);
  }
  return `${parts.join("\n\n")}\n`;
}

/** The comments compilation as Markdown: each paragraph with comments, then its threads. */
export function renderCommentsMarkdown(compilation: CommentsCompilation): string {
  const parts = [`# ${escapeMarkdown(compilation.heading)}`];
  for (const group of compilation.groups) {
    parts.push(`## ${escapeMarkdown(group.heading)}`);
    for (const thread of group.threads) {
      const head: string[] = [];
      if (thread.quote) head.push(`> ${escapeMarkdown(thread.quote)}${thread.quoteNote ? ` (${escapeMarkdown(thread.quoteNote)})` : ""}`);
      if (thread.resolved) head.push(`*${escapeMarkdown(thread.resolved)}*`);
      const comments = thread.comments.map((c) =>
        `- **${escapeMarkdown(c.byline)}**: ${escapeMarkdown(c.text).replace(/\n/g, "  \n  ")}`);
      parts.push([...head, ...comments].join("\n\n"));
    }
  }
  return `${parts.join("\n\n")}\n`;
}
