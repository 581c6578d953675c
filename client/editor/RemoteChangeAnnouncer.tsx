import type { Editor } from "@tiptap/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import type { DocumentConnection } from "../collab/DocumentConnection.js";
import { watchRemoteChanges } from "./remoteChanges.js";

/**
 * A polite live region saying when others change the paragraph of the caret
 * ("Republic of Arcadia changed OP3"), gathered and spaced out by
 * {@link watchRemoteChanges}. Always in the page, so screen readers hear what
 * is written into it; visually hidden, since the text itself shows the change.
 */
export function RemoteChangeAnnouncer({ editor, collab, self }: {
  editor: Editor | null;
  collab: DocumentConnection | null;
  self: { name: string; delegation: string | null };
}) {
  const { t, i18n } = useTranslation();
  const [message, setMessage] = useState("");
  const { name, delegation } = self;
  useEffect(() => {
    if (!editor || !collab) return;
    return watchRemoteChanges({
      fragment: collab.ydoc.getXmlFragment(CONTENT_FIELD),
      awareness: collab.provider.awareness,
      editor,
      self: { name, delegation },
      announce: ({ reference, who }) => setMessage(who.length === 0
        ? t("liveChanges.bySomeone", { reference })
        : t("liveChanges.by", { reference, who: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(who) })),
    });
  }, [editor, collab, name, delegation, t, i18n]);
  // Cleared a little after each announcement, so the same words said again are heard again.
  useEffect(() => {
    if (!message) return;
    const clear = setTimeout(() => setMessage(""), 4_000);
    return () => clearTimeout(clear);
  }, [message]);
  return <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-live="remote-changes">{message}</div>;
}
