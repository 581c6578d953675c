import { getSchema, type AnyExtension } from "@tiptap/core";
import Bold from "@tiptap/extension-bold";
import HardBreak from "@tiptap/extension-hard-break";
import Italic from "@tiptap/extension-italic";
import Text from "@tiptap/extension-text";
import type { Schema } from "@tiptap/pm/model";
import { Bracket } from "./marks.js";
import { NegotiationDocument, OpeningLine, Paragraph, SectionHeading, Title, VerbPhrase } from "./nodes.js";

/** The extensions that define the document's content; editor-only behaviour is added on the client. */
export const documentExtensions: AnyExtension[] = [
  NegotiationDocument,
  Paragraph,
  Title,
  OpeningLine,
  SectionHeading,
  VerbPhrase,
  Text,
  HardBreak,
  Bold,
  Italic,
  Bracket,
];

/** The ProseMirror schema of a negotiation document, for headless use on the server. */
export function documentSchema(): Schema {
  return getSchema(documentExtensions);
}
