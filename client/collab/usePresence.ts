import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { PresenceUser } from "../../shared/collab/presence.js";
import { peopleOf, type PresentWindow } from "./groupPresence.js";
import { readPresenceUser, readRoomState } from "./readPresence.js";

/** One person with the document open, however many windows they have it open in. */
export interface PresentPerson extends PresenceUser {
  /** The first of their windows (a stable key for the entry). */
  clientId: number;
  /** How many windows they have the document open in (at least 1). */
  windows: number;
  /** This is the signed-in account of this window. */
  isSelf: boolean;
}

/** Who is in the room: people shown by name, observers and hall screens only counted (the server publishes the counts). */
export interface Presence {
  people: PresentPerson[];
  /** Observers following, as people (one with two windows is one). */
  observers: number;
  /** Hall screens showing the text. */
  screens: number;
}

const NOBODY: Presence = { people: [], observers: 0, screens: 0 };

/** Owns the subscription to awareness: the people present (this account first, then by name) and the counts. */
export function usePresence(awareness: Awareness | null): Presence {
  const [presence, setPresence] = useState<Presence>(NOBODY);
  useEffect(() => {
    if (!awareness) {
      setPresence(NOBODY);
      return;
    }
    const read = () => setPresence(readPresence(awareness));
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness]);
  return presence;
}

function readPresence(awareness: Awareness): Presence {
  const windows: PresentWindow[] = [];
  let observers = 0;
  let screens = 0;
  for (const [clientId, state] of awareness.getStates()) {
    const room = readRoomState(state);
    if (room) ({ observers, screens } = room);
    const user = readPresenceUser(state.user);
    // Observers are counted, not named, for everyone, themselves included (the count already holds them).
    if (user && user.role !== "observer") windows.push({ ...user, clientId });
  }
  const self = readPresenceUser(awareness.getLocalState()?.user);
  return { people: peopleOf(windows, self?.id ?? null), observers, screens };
}
