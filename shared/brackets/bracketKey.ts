import * as buf from "lib0/buffer";
import { digest } from "lib0/hash/sha256";
import { BRACKET_MARK, type BracketAttrs } from "../../schemas/brackets.js";

/**
 * The Yjs format key of a bracket mark, as the editor's binding
 * (`@tiptap/y-tiptap`) names an overlapping mark: `bracket--` and a hash of
 * the mark's JSON, so a bracket the server writes is the same attribute the
 * editor would have written and later edits of it replace it rather than
 * stack a second one. The attributes are taken in the schema's order.
 */
export function bracketKey(attrs: BracketAttrs): string {
  const { id, alt, userId, name, delegation, group, at } = attrs;
  const hash = digest(buf.encodeAny({ type: BRACKET_MARK, attrs: { id, alt, userId, name, delegation, group, at } }));
  // y-tiptap folds the 32-byte digest into 6 bytes, which base64 writes as 8 characters.
  for (let i = 6; i < hash.length; i++) hash[i % 6] = hash[i % 6]! ^ hash[i]!;
  return `${BRACKET_MARK}--${buf.toBase64(hash.slice(0, 6))}`;
}
