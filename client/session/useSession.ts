import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { UserView } from "../../schemas/api.js";
import { fetchCurrentUser } from "../api/auth.js";
import { NETWORK_FAILURE } from "../api/http.js";

/** Who is signed in, as far as the client knows. */
export type SessionState =
  | { status: "checking" }
  | { status: "signed-in"; user: UserView }
  | { status: "signed-out"; expired: boolean }
  | { status: "unreachable" };

/** The session and the ways to change it. */
export interface Session {
  state: SessionState;
  /** Records a successful sign-in. */
  signedIn(user: UserView): void;
  /** Records that there is no session; `expired` when it ended without the user signing out. */
  signedOut(expired?: boolean): void;
  /** Asks the server again whether the session is alive; unless `now`, at most every few seconds. */
  revalidate(now?: boolean): void;
}

const REVALIDATE_EVERY_MS = 10_000;

function sameUser(a: UserView, b: UserView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Owns the session's lifecycle: asks `GET /api/auth/me` on start and when told to revalidate. */
export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: "checking" });
  const lastCheck = useRef(0);

  const check = useCallback(async (signal?: AbortSignal) => {
    lastCheck.current = Date.now();
    const result = await fetchCurrentUser(signal);
    if (signal?.aborted) return;
    if (result.ok) {
      // A new object only when something changed: a changed role or delegation must reach every page.
      setState((s) => (s.status === "signed-in" && sameUser(s.user, result.value) ? s : { status: "signed-in", user: result.value }));
    } else if (result.status === 401) {
      setState((s) => ({ status: "signed-out", expired: s.status === "signed-in" }));
    } else if (result.status === NETWORK_FAILURE) {
      // Offline with a known user: keep them; the editor shows it is offline.
      setState((s) => (s.status === "signed-in" ? s : { status: "unreachable" }));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    check(controller.signal).catch(() => undefined);
    return () => controller.abort();
  }, [check]);

  const signedIn = useCallback((user: UserView) => setState({ status: "signed-in", user }), []);
  const signedOut = useCallback((expired = false) => setState({ status: "signed-out", expired }), []);
  const revalidate = useCallback((now = false) => {
    if (!now && Date.now() - lastCheck.current < REVALIDATE_EVERY_MS) return;
    check().catch(() => undefined);
  }, [check]);

  return useMemo(() => ({ state, signedIn, signedOut, revalidate }), [state, signedIn, signedOut, revalidate]);
}
