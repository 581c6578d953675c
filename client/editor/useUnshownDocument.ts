import { useLayoutEffect, useState } from "react";
import type * as Y from "yjs";
import type { DocumentLanguage, DocumentStyle } from "../../schemas/domain.js";
import { readUnshownDocument, type ShownDocument } from "./readUnshownDocument.js";

/**
 * Owns the read-only reading of a document the editor cannot show: reads
 * `ydoc` (null: nothing to read) and again after every change, at most once
 * per animation frame, so the page keeps following the document live.
 */
export function useUnshownDocument(ydoc: Y.Doc | null, style: DocumentStyle, language: DocumentLanguage): ShownDocument | null {
  const [shown, setShown] = useState<ShownDocument | null>(null);
  // A layout effect: the text replaces the editor in the same paint.
  useLayoutEffect(() => {
    if (!ydoc) {
      setShown(null);
      return;
    }
    let frame: number | null = null;
    const read = () => {
      frame = null;
      setShown(readUnshownDocument(ydoc, style, language));
    };
    const schedule = () => {
      if (frame === null) frame = requestAnimationFrame(read);
    };
    read();
    ydoc.on("update", schedule);
    return () => {
      ydoc.off("update", schedule);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [ydoc, style, language]);
  return shown;
}
