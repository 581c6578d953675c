import { useCallback, useEffect, useRef, useState } from "react";
import type { UserView } from "../../schemas/api.js";
import { fetchDocument } from "../api/documents.js";

/**
 * Owns who the signed-in user is on one document, as the server sees them
 * (a named facilitator of it acts as facilitator there): starts from what
 * the page loaded and asks the server again when told the user's permissions
 * changed. Every answer is a new object, so the presence announced from it
 * is sent again even when nothing changed.
 */
export function useDocumentIdentity(documentId: string, initial: UserView): [UserView, () => void] {
  const [me, setMe] = useState(initial);
  const controller = useRef<AbortController | null>(null);
  const refresh = useCallback(() => {
    controller.current?.abort();
    const current = (controller.current = new AbortController());
    fetchDocument(documentId, current.signal).then(
      (result) => {
        if (result.ok && !current.signal.aborted) setMe(result.value.me);
      },
      () => undefined,
    );
  }, [documentId]);
  useEffect(() => () => controller.current?.abort(), []);
  return [me, refresh];
}
