import { useCallback, useEffect, useRef, useState } from "react";
import type { Role } from "../../schemas/domain.js";
import { fetchDocument } from "../api/documents.js";

/**
 * Owns the role the user acts in on one document (a named facilitator of it
 * acts as facilitator there): starts from what the page loaded and asks the
 * server again when told the user's permissions changed.
 */
export function useDocumentRole(documentId: string, initial: Role): [Role, () => void] {
  const [role, setRole] = useState(initial);
  const controller = useRef<AbortController | null>(null);
  const refresh = useCallback(() => {
    controller.current?.abort();
    const current = (controller.current = new AbortController());
    fetchDocument(documentId, current.signal).then(
      (result) => {
        if (result.ok && !current.signal.aborted) setRole(result.value.myRole);
      },
      () => undefined,
    );
  }, [documentId]);
  useEffect(() => () => controller.current?.abort(), []);
  return [role, refresh];
}
