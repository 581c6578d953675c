import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A fresh paragraph id: 64 random bits, base32, prefixed so it is never a number. */
export function newPid(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return `p${encodeBase32LowerCaseNoPadding(bytes)}`;
}
