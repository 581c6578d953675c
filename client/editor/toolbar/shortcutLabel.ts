/** Whether the keyboard's command key is ⌘ (Apple platforms), where TipTap's "Mod" means Meta. */
function isApple(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** Arrow keys as printed on the keys. */
const ARROWS: Record<string, string> = { ArrowUp: "↑", ArrowDown: "↓", ArrowLeft: "←", ArrowRight: "→" };

/** A TipTap shortcut ("Mod-Shift-9") as people read it: "Ctrl+Shift+9", or "⌘⇧9" on a Mac. */
export function shortcutLabel(shortcut: string): string {
  const apple = isApple();
  const parts = shortcut.split("-").map((part) => {
    if (part === "Mod") return apple ? "⌘" : "Ctrl";
    if (part === "Ctrl") return apple ? "⌃" : "Ctrl";
    if (part === "Shift") return apple ? "⇧" : "Shift";
    if (part === "Alt") return apple ? "⌥" : "Alt";
    if (part in ARROWS) return ARROWS[part]!;
    return part.toUpperCase();
  });
  return parts.join(apple ? "" : "+");
}
