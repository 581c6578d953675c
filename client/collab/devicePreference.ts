import { useEffect, useState } from "react";

function stored(key: string, fallback: boolean): boolean {
  try {
    const value = window.localStorage.getItem(key);
    return value === null ? fallback : value === "1";
  } catch {
    return fallback;
  }
}

/** A yes/no choice remembered by this browser (across documents and reloads), such as following the facilitator. */
export function useDevicePreference(key: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => stored(key, fallback));
  useEffect(() => {
    try {
      window.localStorage.setItem(key, value ? "1" : "0");
    } catch {
      // Private windows may refuse storage; the choice then lasts for this page only.
    }
  }, [key, value]);
  return [value, setValue];
}

/** Keys of the per-device choices of the document page. */
export const PREFERENCE_KEYS = {
  follow: "accord.followFacilitator",
  lowBandwidth: "accord.lowBandwidth",
} as const;
