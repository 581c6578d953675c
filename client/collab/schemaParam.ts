import { getSchema } from "@tiptap/core";
import { documentExtensions } from "../../schemas/editor/extensions.js";
import { SCHEMA_PARAM, schemaFingerprint } from "../../schemas/editor/fingerprint.js";

let fingerprint: string | null = null;

/**
 * The websocket query parameters announcing which document schema this
 * bundle's editor runs, so the server can turn away a stale bundle (4426)
 * before it deletes content it cannot represent. Computed once per page.
 */
export function schemaParams(): Record<string, string> {
  fingerprint ??= schemaFingerprint(getSchema(documentExtensions));
  return { [SCHEMA_PARAM]: fingerprint };
}
