import { useCallback, useState } from "react";
import type { ApiFailure, ApiResult } from "../../api/http.js";
import { useSessionContext } from "../../session/SessionContext.js";

/** A state-changing API call: whether it runs, and how it last failed. */
export interface Mutation<A extends unknown[], T> {
  /** Runs the call; resolves to its value, or null when it failed (see `failure`). */
  run(...args: A): Promise<T | null>;
  pending: boolean;
  failure: ApiFailure | null;
  /** Forgets the last failure (when a dialog reopens). */
  reset(): void;
}

/** Wraps an API call for a form or button; a 401 means the session ended and signs the user out. */
export function useMutation<A extends unknown[], T>(call: (...args: A) => Promise<ApiResult<T>>): Mutation<A, T> {
  const session = useSessionContext();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const run = useCallback(async (...args: A) => {
    setPending(true);
    setFailure(null);
    const result = await call(...args);
    setPending(false);
    if (result.ok) return result.value;
    if (result.status === 401) session.signedOut(true);
    setFailure(result);
    return null;
  }, [call, session]);
  const reset = useCallback(() => setFailure(null), []);
  return { run, pending, failure, reset };
}
