import * as Y from "yjs";
import { toBase64 } from "lib0/buffer";
import type { CommentPerson, CommentView, ThreadView } from "../../schemas/api.js";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import type { CommentRow } from "../../schemas/rows.js";
import { blocksByPid, blockText, locateQuote } from "../../shared/comments/quoteAnchor.js";
import { contentOf, readBlockHead } from "../../shared/document/yBlocks.js";
import { numberParagraphs } from "../../shared/paragraphs/numbering.js";
import type { StoredThread } from "../storage/commentStore.js";
import type { UserStore } from "../storage/userStore.js";

/**
 * Who reads a thread decides what of it they see: the secretariat reads the
 * text of hidden comments, everyone else only that they were hidden and why.
 */
export type CommentAudience = "secretariat" | "participant";

/**
 * What thread views are built against: the document as it is now (so each
 * thread says where its paragraph and quote stand) and the people who wrote
 * (their current name, delegation and group), each read once per build.
 */
export class ThreadViewer {
  private readonly blocks: Map<string, Y.XmlElement>;
  private readonly paragraphs = new Map<string, NonNullable<ThreadView["paragraph"]>>();
  private readonly people = new Map<string, CommentPerson>();
  private readonly texts = new Map<Y.XmlElement, string>();
  /** A block's text, read once per build however many quotes it holds. */
  private readonly textOf = (element: Y.XmlElement): string => {
    let text = this.texts.get(element);
    if (text === undefined) this.texts.set(element, (text = blockText(element)));
    return text;
  };

  constructor(
    private readonly doc: Y.Doc,
    style: DocumentStyle,
    language: DocumentLanguage,
    private readonly users: UserStore,
  ) {
    this.blocks = blocksByPid(doc);
    // Attributes only: numbering needs no text, and this runs at every comment written.
    // Every block in order (as the overview numbers them), attributes only: numbering needs no text.
    const read = contentOf(doc).toArray()
      .map((node) => (node instanceof Y.XmlElement ? readBlockHead(node) : null))
      .filter((b) => b !== null);
    const labels = numberParagraphs(read, style, language);
    for (const block of read) {
      if (this.paragraphs.has(block.pid)) continue;
      this.paragraphs.set(block.pid, { reference: labels.get(block.pid)?.reference ?? "", kind: block.kind, status: block.status });
    }
  }

  /** Whether a block with this pid stands in the document now. */
  has(pid: string): boolean {
    return this.blocks.has(pid);
  }

  /** How a reader names the block: its reference ("OP12"), or "the title", "the heading" ... */
  describe(pid: string): string {
    const paragraph = this.paragraphs.get(pid);
    if (!paragraph) return "the paragraph";
    return paragraph.reference || `the ${paragraph.kind === "paragraph" ? "paragraph" : paragraph.kind === "sectionHeading" ? "heading" : paragraph.kind === "verbPhrase" ? "verb phrase" : paragraph.kind === "openingLine" ? "opening line" : "title"}`;
  }

  /** The block element with this pid, if any. */
  block(pid: string): Y.XmlElement | undefined {
    return this.blocks.get(pid);
  }

  /** A person as comments name them; a removed account reads as its id. */
  person(userId: string): CommentPerson {
    let person = this.people.get(userId);
    if (!person) {
      const row = this.users.findById(userId);
      person = row
        ? { userId, name: row.display_name, delegation: row.delegation_name, group: row.stakeholder_group }
        : { userId, name: userId, delegation: null, group: null };
      this.people.set(userId, person);
    }
    return person;
  }

  /** A thread as this audience reads it. */
  view(stored: StoredThread, audience: CommentAudience): ThreadView {
    const { thread } = stored;
    const quote = thread.quote_text !== null && thread.quote_start && thread.quote_end
      ? {
        text: thread.quote_text,
        start: toBase64(thread.quote_start),
        end: toBase64(thread.quote_end),
        now: locateQuote(this.doc, this.blocks.get(thread.pid), thread.quote_text, { start: thread.quote_start, end: thread.quote_end },
          this.textOf),
      }
      : null;
    return {
      id: thread.id,
      documentId: thread.document_id,
      pid: thread.pid,
      paragraph: this.paragraphs.get(thread.pid) ?? null,
      quote,
      createdBy: this.person(thread.created_by),
      createdAt: thread.created_at,
      resolved: thread.resolved_at ? { at: thread.resolved_at, by: thread.resolved_by ? this.person(thread.resolved_by) : null } : null,
      version: thread.version,
      comments: stored.comments.map((c) => this.comment(c, audience)),
    };
  }

  private comment(row: CommentRow, audience: CommentAudience): CommentView {
    const deleted = row.deleted_at !== null;
    const hidden = row.hidden_at !== null
      ? { at: row.hidden_at, by: row.hidden_by ? this.person(row.hidden_by) : null, reason: row.hidden_reason ?? "" }
      : null;
    const shown = !deleted && (hidden === null || audience === "secretariat");
    return {
      id: row.id,
      author: this.person(row.author_id),
      body: shown ? row.body : null,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deleted,
      hidden,
    };
  }
}
