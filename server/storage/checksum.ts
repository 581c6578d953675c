import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/** The checksum stored with an update: the SHA-256 of its bytes, lowercase hex. */
export function updateChecksum(data: Uint8Array): string {
  return encodeHexLowerCase(sha256(data));
}
