import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { PresenceUser } from "../../shared/collab/presence.js";
import { readPresenceUser, readRoomState } from "./readPresence.js";

/** One person with the document open (one entry per browser window). */
export interface PresentPerson extends PresenceUser {
  clientId: number;
  isSelf: boolean;
}

/** Who is in the room: people shown by name, observers only counted (the server publishes the count). */
export interface Presence {
  people: PresentPerson[];
  observers: number;
}

const NOBODY: Presence = { people: [], observers: 0 };

/** Owns the subscription to awareness: the people present (this window first, then by name) and the observer count. */
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
  const people: PresentPerson[] = [];
  let observers = 0;
  for (const [clientId, state] of awareness.getStates()) {
    const room = readRoomState(state);
    if (room) observers = room.observers;
    const user = readPresenceUser(state.user);
    // Observers are counted, not named, for everyone, themselves included (the count already holds them).
    if (user && user.role !== "observer") people.push({ ...user, clientId, isSelf: clientId === awareness.clientID });
  }
  people.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
  return { people, observers };
}
