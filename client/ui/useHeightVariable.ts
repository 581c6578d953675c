import { useEffect, type RefObject } from "react";

/**
 * Keeps the CSS custom property `name` on the root element equal to the
 * element's height, so things stuck below a sticky bar (toolbar, side
 * panel) sit right under it however its content wraps.
 */
export function useHeightVariable(ref: RefObject<HTMLElement | null>, name: string): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const write = () => root.style.setProperty(name, `${element.getBoundingClientRect().height}px`);
    write();
    const observer = new ResizeObserver(write);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(name);
    };
  }, [ref, name]);
}
