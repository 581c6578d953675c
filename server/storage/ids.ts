import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/** A new random identifier: 80 bits, base32, URL-safe. */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(10));
}
