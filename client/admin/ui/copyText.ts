/** Copies text; falls back to the selection when the Clipboard API is unavailable (plain http). */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    return document.execCommand("copy");
  }
}
