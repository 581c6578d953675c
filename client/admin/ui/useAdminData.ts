import { useEffect, useState } from "react";
import type { ApiFailure, ApiResult } from "../../api/http.js";
import type { ApiState } from "../../api/useApi.js";

/** A GET that keeps showing its last value while it reloads, so tables do not blink after a change. */
export interface AdminData<T> {
  state: ApiState<T>;
  /** The newest loaded value, also while a reload is under way; undefined before the first load. */
  data: T | undefined;
  /** `data` was loaded for another key (other filters) or before a reload, and a fresh one is on its way. */
  stale: boolean;
  reload(): void;
}

type Loaded<T> = { key: string; attempt: number; value: T };

/**
 * Like `useApi`, plus the last loaded value. Runs `request` on mount and
 * whenever `key` changes or `reload` is called, aborting the previous run;
 * `request` must be a stable function of `key`.
 */
export function useAdminData<T>(key: string, request: (signal: AbortSignal) => Promise<ApiResult<T>>): AdminData<T> {
  const [attempt, setAttempt] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [failed, setFailed] = useState<{ key: string; attempt: number; failure: ApiFailure } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    request(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if (result.ok) setLoaded({ key, attempt, value: result.value });
        else setFailed({ key, attempt, failure: result });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) throw err;
      },
    );
    return () => controller.abort();
    // `request` is a function of `key` by contract; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  // Answers for an older key or attempt are history, not the current state.
  const current = (r: { key: string; attempt: number } | null) => r !== null && r.key === key && r.attempt === attempt;
  const state: ApiState<T> = current(loaded)
    ? { state: "loaded", value: loaded!.value }
    : current(failed) ? { state: "failed", failure: failed!.failure } : { state: "loading" };
  return { state, data: loaded?.value, stale: !current(loaded), reload: () => setAttempt((n) => n + 1) };
}
