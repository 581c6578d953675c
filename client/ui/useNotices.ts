import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/** A message to the user: `polite` ones explain and fade; `alert` ones report a refusal and stay until dismissed. */
export interface Notice {
  id: number;
  kind: "polite" | "alert";
  message: string;
}

/** The notices on screen and the ways to add and remove them. */
export interface Notices {
  notices: Notice[];
  /** Shows `message`; the same message again only refreshes it, so fast typing does not pile up copies. */
  notify: (message: string, kind?: Notice["kind"]) => void;
  dismiss: (id: number) => void;
}

const POLITE_MS = 6_000;

/** Owns the page's transient notices and their timers. */
export function useNotices(): Notices {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((all) => all.filter((n) => n.id !== id));
  }, []);

  const notify = useCallback((message: string, kind: Notice["kind"] = "polite") => {
    const id = nextId.current++;
    setNotices((all) => [...all.filter((n) => n.message !== message), { id, kind, message }]);
    if (kind === "polite") timers.current.set(id, setTimeout(() => dismiss(id), POLITE_MS));
  }, [dismiss]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  return useMemo(() => ({ notices, notify, dismiss }), [notices, notify, dismiss]);
}
