import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { Schema } from "@tiptap/pm/model";

/**
 * A short hash of the document schema: node and mark names, their attributes
 * and content expressions. A browser still running an older bundle would
 * delete content its schema cannot represent, so the server turns away
 * editors whose fingerprint differs from its own.
 */
export function schemaFingerprint(schema: Schema): string {
  const nodes = Object.entries(schema.nodes).map(([name, type]) => [
    name, type.spec.content ?? "", type.spec.group ?? "", Object.keys(type.spec.attrs ?? {}).sort(),
  ]);
  const marks = Object.entries(schema.marks).map(([name, type]) => [
    name, type.spec.excludes ?? null, Object.keys(type.spec.attrs ?? {}).sort(),
  ]);
  const canonical = JSON.stringify({ nodes: nodes.sort(), marks: marks.sort() });
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical))).slice(0, 16);
}

/** Query parameter by which an editor states the fingerprint of the schema it runs. */
export const SCHEMA_PARAM = "schema";
