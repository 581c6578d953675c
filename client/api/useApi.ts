import { useEffect, useRef, useState } from "react";
import type { ApiFailure, ApiResult } from "./http.js";

/** State of a GET that runs when its inputs change. */
export type ApiState<T> = { state: "loading" } | { state: "loaded"; value: T } | { state: "failed"; failure: ApiFailure };

/**
 * Runs `request` on mount and whenever `key` changes, aborting the previous
 * run; `retry` runs it again, keeping what was loaded on screen until the
 * new answer arrives (a page refreshed after an action keeps its place).
 * The request must be a stable function of `key`.
 */
export function useApi<T>(
  key: string,
  request: (signal: AbortSignal) => Promise<ApiResult<T>>,
): [ApiState<T>, () => void] {
  const [state, setState] = useState<ApiState<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    if (shownKey.current !== key) setState({ state: "loading" });
    shownKey.current = key;
    request(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setState(result.ok ? { state: "loaded", value: result.value } : { state: "failed", failure: result });
      },
      (err: unknown) => {
        if (!controller.signal.aborted) throw err;
      },
    );
    return () => controller.abort();
    // `request` is a function of `key` by contract; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
