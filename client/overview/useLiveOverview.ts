import type { Editor } from "@tiptap/core";
import { useLayoutEffect, useState } from "react";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { computeOverview, type Overview } from "../../shared/document/overview.js";
import type { PmBlock } from "../editor/model/pmBlocks.js";
import { labelsOf } from "../editor/plugins/paragraphLabels.js";

/** The overview plus, per paragraph, the heading or verb phrase it stands under (resolution labels restart there). */
export interface LiveOverview extends Overview {
  headings: Map<string, string>;
}

const HEADING_CHARS = 48;

function headingsOf(blocks: PmBlock[]): Map<string, string> {
  const headings = new Map<string, string>();
  let current = "";
  for (const block of blocks) {
    if (block.kind === "sectionHeading" || block.kind === "verbPhrase") {
      const text = block.runs.map((r) => r.text).join("").trim();
      current = text.length > HEADING_CHARS ? `${text.slice(0, HEADING_CHARS - 1)}…` : text;
    } else if (block.kind === "paragraph") {
      headings.set(block.pid, current);
    }
  }
  return headings;
}

/**
 * Owns the live overview of the open document: recomputed from the editor's
 * own document (the same blocks the margin labels use) after every change,
 * at most once per animation frame, so it shows exactly what is on screen.
 */
export function useLiveOverview(editor: Editor | null, style: DocumentStyle, language: DocumentLanguage): LiveOverview | null {
  const [overview, setOverview] = useState<LiveOverview | null>(null);
  // A layout effect: the counter appears in the same paint as the text, so nothing shifts after it.
  useLayoutEffect(() => {
    if (!editor) {
      setOverview(null);
      return;
    }
    let frame: number | null = null;
    const read = () => {
      frame = null;
      if (editor.isDestroyed) return;
      const { blocks } = labelsOf(editor.state);
      setOverview({ ...computeOverview(blocks, style, language), headings: headingsOf(blocks) });
    };
    const schedule = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged && frame === null) frame = requestAnimationFrame(read);
    };
    read();
    editor.on("transaction", schedule);
    return () => {
      editor.off("transaction", schedule);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [editor, style, language]);
  return overview;
}
