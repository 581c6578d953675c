import { openingText, type BracketToken } from "../../shared/brackets/tokens.js";
import type { CommentsCompilation } from "./commentsCompilation.js";
import { isRightToLeft, placerOf, type ExportBlock, type ExportDocument } from "./exportModel.js";
import { exportWordsOf } from "./exportWords.js";

/** Text made safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * The look of an outcome document: A4, a serif text face, numbered
 * paragraphs with hanging labels, section headings centred, verb phrases in
 * italics; printing gives the same page without anything else.
 */
const STYLE = `
@page { size: A4; margin: 2.5cm 2.2cm; }
body { font-family: var(--text-face); font-size: 12pt; line-height: 1.45; color: #000; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
.doc-header { text-align: right; margin: 0 0 2em; }
.doc-header__symbol { font-weight: bold; }
.subtitle { text-align: center; font-weight: bold; margin: -0.75em 0 1.5em; }
h1 { font-size: 14pt; text-align: center; font-weight: bold; margin: 0 0 1.5em; }
h2 { font-size: 12pt; text-align: center; font-weight: bold; margin: 1.5em 0 0.75em; }
.verb-phrase { font-style: italic; margin: 1em 0 0.5em; }
.opening-line { margin: 1em 0; }
.para { display: grid; grid-template-columns: 3.2em 1fr; margin: 0 0 0.75em; }
.para--sub { margin-inline-start: 3.2em; }
.para__label { padding-inline-end: 0.5em; }
.para--deleted .para__text { text-decoration: line-through; }
.status, .not-agreed { font-weight: bold; }
.proposers { grid-column: 2; font-size: 10pt; font-style: italic; margin-top: 0.2em; }
.bracket { font-weight: bold; }
blockquote { margin: 0.5em 0; padding-left: 1em; border-left: 3px solid #999; }
.thread { margin: 0 0 1em; }
.comment { margin: 0.3em 0; }
.byline { font-weight: bold; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`;

function tokensHtml(tokens: BracketToken[], compilation: boolean): string {
  return tokens.map((t) => {
    if (t.kind === "text") return escapeHtml(t.text).replace(/\n/g, "<br>");
    const glyph = t.kind === "open" ? openingText(t.altIndex) : compilation ? ` - ${placerOf(t)}]` : "]";
    return `<span class="bracket">${escapeHtml(glyph)}</span>`;
  }).join("");
}

function blockHtml(b: ExportBlock, doc: ExportDocument): string {
  const text = tokensHtml(b.tokens, doc.compilation);
  const dir = b.rtl ? ' dir="rtl"' : "";
  const words = exportWordsOf(doc.language);
  switch (b.kind) {
    case "sectionHeading":
      return `<h2${dir}>${text}</h2>`;
    case "verbPhrase":
      return text ? `<p class="verb-phrase"${dir}>${text}</p>` : "";
    case "openingLine":
      return `<p class="opening-line"${dir}>${text}</p>`;
    case "title":
      return `<p class="subtitle"${dir}>${text}</p>`;
    case "paragraph": {
      const classes = ["para", b.level >= 2 ? "para--sub" : "", doc.variant === "negotiation" ? `para--${b.status}` : ""].filter(Boolean).join(" ");
      let after = "";
      if (doc.variant === "negotiation" && b.status !== "open") after += ` <span class="status">${escapeHtml(words.status[b.status])}</span>`;
      if (b.notAgreed) after += ` <span class="not-agreed">${escapeHtml(words.notAgreed)}</span>`;
      const proposers = doc.variant === "negotiation" && b.proposers.length > 0
        ? `<div class="proposers">${escapeHtml(words.proposedBy)} ${escapeHtml([...new Set(b.proposers.map((p) => p.delegation ?? p.name))].join(", "))}</div>`
        : "";
      return `<div class="${classes}" data-pid="${escapeHtml(b.pid)}"${dir}><span class="para__label">${escapeHtml(b.label)}</span>` +
        `<span class="para__text">${text}${after}</span>${proposers}</div>`;
    }
  }
}

/**
 * The text face per document language, first the faces UN documents use on
 * Windows, then the Noto families Debian's fonts-noto-core and fonts-noto-cjk
 * give the server's Chromium (scripts/ensure-test-tools.mjs installs them):
 * Arabic in a Naskh face; Chinese in the simplified Song (Serif) forms, which
 * also picks the mainland glyph of a Han character shared with Japanese. Any
 * other script in a document falls through the stack to a face that has it.
 */
const TEXT_FACES: Record<string, string> = {
  ar: `"Simplified Arabic", "Traditional Arabic", "Noto Naskh Arabic", "Noto Sans Arabic", "Times New Roman", "Liberation Serif", serif`,
  zh: `SimSun, "Noto Serif CJK SC", "Noto Sans CJK SC", "Times New Roman", "Liberation Serif", serif`,
};
const LATIN_FACE = `"Times New Roman", Tinos, "Liberation Serif", "Noto Serif", "Noto Naskh Arabic", "Noto Serif CJK SC", serif`;

/** A standalone page in the document's language: its lang and its text face. */
export function page(title: string, language: string, body: string, extraStyle = ""): string {
  const face = `:root { --text-face: ${TEXT_FACES[language] ?? LATIN_FACE}; }`;
  return `<!doctype html>\n<html lang="${escapeHtml(language)}">\n<head>\n<meta charset="utf-8">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${face}${STYLE}${extraStyle}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** The document as one standalone web page, with a print stylesheet. */
export function renderHtml(doc: ExportDocument): string {
  const header = doc.symbol || doc.dateline
    ? `<header class="doc-header">${doc.symbol ? `<div class="doc-header__symbol">${escapeHtml(doc.symbol)}</div>` : ""}` +
      `${doc.dateline ? `<div class="doc-header__date">${escapeHtml(doc.dateline)}</div>` : ""}</header>`
    : "";
  const body = [header, doc.showTitle ? `<h1${isRightToLeft(doc.title) ? ' dir="rtl"' : ""}>${escapeHtml(doc.title)}</h1>` : "", ...doc.blocks.map((b) => blockHtml(b, doc)).filter(Boolean)].filter(Boolean).join("\n");
  return page(doc.title, doc.language, body);
}

/** The comments compilation as one standalone web page. */
export function renderCommentsHtml(compilation: CommentsCompilation, language: string): string {
  const title = compilation.heading;
  const parts = [`<h1>${escapeHtml(title)}</h1>`];
  for (const group of compilation.groups) {
    parts.push(`<h2>${escapeHtml(group.heading)}</h2>`);
    for (const thread of group.threads) {
      const quote = thread.quote
        ? `<blockquote>${escapeHtml(thread.quote)}${thread.quoteNote ? ` <em>(${escapeHtml(thread.quoteNote)})</em>` : ""}</blockquote>` : "";
      const resolved = thread.resolved ? `<p><em>${escapeHtml(thread.resolved)}</em></p>` : "";
      const comments = thread.comments.map((c) =>
        `<p class="comment"><span class="byline">${escapeHtml(c.byline)}</span>: ${escapeHtml(c.text).replace(/\n/g, "<br>")}</p>`).join("");
      parts.push(`<div class="thread">${quote}${resolved}${comments}</div>`);
    }
  }
  return page(title, language, parts.join("\n"));
}
