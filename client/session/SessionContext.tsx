import { createContext, useContext, type ReactNode } from "react";
import type { UserView } from "../../schemas/api.js";
import { useSession, type Session } from "./useSession.js";

const SessionContext = createContext<Session | null>(null);

/** Makes the session available to every route. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session; only inside {@link SessionProvider}. */
export function useSessionContext(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSessionContext outside SessionProvider");
  return session;
}

/** The signed-in user; only on routes under {@link RequireSession}. */
export function useCurrentUser(): UserView {
  const { state } = useSessionContext();
  if (state.status !== "signed-in") throw new Error("useCurrentUser without a signed-in user");
  return state.user;
}
