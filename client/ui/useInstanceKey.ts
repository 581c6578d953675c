import { useRef } from "react";

/** A React key that changes whenever `instance` is another object (0 for none), for remounting what depends on it. */
export function useInstanceKey(instance: object | null): number {
  const keys = useRef({ map: new WeakMap<object, number>(), next: 1 });
  if (!instance) return 0;
  const { map } = keys.current;
  let key = map.get(instance);
  if (key === undefined) map.set(instance, (key = keys.current.next++));
  return key;
}
