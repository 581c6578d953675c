import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { ContentProblem } from "../../shared/document/validateContent.js";
import type { ShownBlock, ShownDocument, ShownInline, UnreadMark } from "./readUnshownDocument.js";
import "./unshown.css";

/** The notice above a document the editor cannot show: how many places, that nothing changed, who can find them. */
export function UnshownContentNotice({ places }: { places: number }) {
  return (
    <div className="alert" role="alert" data-unshown-places={places}>
      <p>
        <Trans i18nKey="unshown.notice" count={places} components={{ code: <code /> }} />
      </p>
    </div>
  );
}

/**
 * A document the editor cannot show, drawn read-only from its Y.Doc: every
 * block in order, with its label and bracket glyphs, and each part the editor
 * cannot show outlined and named, with its text.
 */
export function UnshownContentView({ document, title }: { document: ShownDocument; title: string }) {
  const { t } = useTranslation();
  return (
    <section className="sheet unshown-sheet" aria-label={t("unshown.label", { title })}>
      <div className="negotiation-text unshown-text">
        {document.blocks.map((block) => <Entry key={block.index} block={block} t={t} />)}
      </div>
    </section>
  );
}

function Entry({ block, t }: { block: ShownBlock; t: TFunction }) {
  const notes = block.notes.map((problem) => noteText(t, problem, block));
  const text = block.inline.map((piece, i) => <Inline key={i} piece={piece} t={t} />);
  if (!block.kind) {
    return (
      <div className="unshown-entry unshown-entry--marked" data-unshown-node={block.node}>
        {notes.map((note, i) => <p key={i} className="unshown-tag">{note}</p>)}
        <p className="unshown-entry__text">{text}</p>
      </div>
    );
  }
  return (
    <div className={block.unshowable ? "unshown-entry unshown-entry--marked" : "unshown-entry"}>
      {notes.length > 0 && (
        <ul className="unshown-notes">
          {notes.map((note, i) => <li key={i} className="unshown-tag">{note}</li>)}
        </ul>
      )}
      <Block block={block} t={t}>{text}</Block>
    </div>
  );
}

/** A known block, in the markup and classes the editor gives it (so it reads and looks the same). */
function Block({ block, t, children }: { block: ShownBlock; t: TFunction; children: ReactNode }) {
  switch (block.kind) {
    case "title": return <h1 className="doc-title">{children}</h1>;
    case "sectionHeading": return <h2 className="section-heading">{children}</h2>;
    case "openingLine": return <p className="opening-line">{children}</p>;
    case "verbPhrase": return <p className="verb-phrase">{children}</p>;
    default: return (
      <p className="para" data-level={block.level} data-status={block.status ?? "open"} data-label={block.label ?? ""}
        data-status-label={block.status && block.status !== "open" ? t(`marginStatus.${block.status}`) : undefined}>
        {children}
      </p>
    );
  }
}

function Inline({ piece, t }: { piece: ShownInline; t: TFunction }) {
  switch (piece.kind) {
    case "glyph": return <span className="unshown-glyph">{piece.text}</span>;
    case "break": return <br />;
    case "unknown": return <Marked tags={[t("unshown.unknownInline", { node: piece.what })]} text={piece.text} />;
    case "text": return piece.unreadMarks.length === 0
      ? <>{piece.text}</>
      : <Marked tags={piece.unreadMarks.map((mark) => markText(t, mark))} text={piece.text} />;
  }
}

/** Words (or an inline piece) the editor cannot show: outlined, each reason named before the words. */
function Marked({ tags, text }: { tags: string[]; text: string }) {
  return (
    <span className="unshown-inline">
      {tags.map((tag, i) => <span key={i} className="unshown-tag">{tag}</span>)}
      {text}
    </span>
  );
}

function markText(t: TFunction, mark: UnreadMark): string {
  return mark.kind === "unknownMark" ? t("unshown.unknownMark", { key: mark.key }) : t("unshown.invalidMark", { key: mark.key });
}

function noteText(t: TFunction, problem: ContentProblem, block: ShownBlock): string {
  switch (problem.kind) {
    case "notAnElement": return problem.what === "text" ? t("unshown.bareText") : t("unshown.notAnElement", { what: problem.what });
    case "unknownNode": return t("unshown.unknownBlock", { node: problem.node });
    case "misplacedNode": return t("unshown.misplacedNode", { node: problem.node });
    case "unknownAttribute":
      return t("unshown.unknownAttribute", { attribute: problem.attribute, value: block.attributeValues[problem.attribute] ?? "" });
    case "unknownMark": return t("unshown.unknownMark", { key: problem.key });
    case "invalidMark": return t("unshown.invalidMark", { key: problem.key });
    case "unknownContent": return t("unshown.unknownContent", { what: problem.what });
    default: return t("unshown.unknownContent", { what: problem.kind });
  }
}
