import { useCallback, useEffect, useRef, useState } from "react";
import type { ProposalView } from "../../schemas/proposals.js";
import type { ApiFailure } from "../api/http.js";
import { listProposals } from "../api/proposals.js";
import { useSessionContext } from "../session/SessionContext.js";

/** The proposals the reader may read, as last fetched and changed here since. */
export interface ProposalList {
  state: "loading" | "loaded" | "failed";
  proposals: ProposalView[];
  failure: ApiFailure | null;
  /** Takes in proposals as the server answered a change (new ones go last, as the server orders them). */
  take: (...changed: ProposalView[]) => void;
  /** Fetches the list again. */
  refresh: () => void;
}

/**
 * Fetches a document's proposals when mounted and on `refresh`, and keeps
 * the answers of changes made here (a draft saved, a proposal submitted or
 * applied) without fetching again. A 401 ends the session.
 */
export function useProposalList(documentId: string): ProposalList {
  const current = useSessionContext();
  // Read when an answer comes; a new session object must not fetch again.
  const session = useRef(current);
  session.current = current;
  const [proposals, setProposals] = useState<ProposalView[]>([]);
  const [state, setState] = useState<ProposalList["state"]>("loading");
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState("loading");
    listProposals(documentId, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) {
        setProposals(result.value);
        setFailure(null);
        setState("loaded");
        return;
      }
      if (result.status === 401) session.current.signedOut(true);
      setFailure(result);
      setState("failed");
    }, (err: unknown) => {
      if (!controller.signal.aborted) throw err;
    });
    return () => controller.abort();
  }, [documentId, attempt]);

  const take = useCallback((...changed: ProposalView[]) => {
    setProposals((all) => {
      const byId = new Map(changed.map((p) => [p.id, p]));
      const kept = all.map((p) => byId.get(p.id) ?? p);
      const known = new Set(all.map((p) => p.id));
      return [...kept, ...changed.filter((p) => !known.has(p.id))];
    });
  }, []);
  const refresh = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, proposals, failure, take, refresh };
}
