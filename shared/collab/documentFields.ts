/** Name of the Y.XmlFragment holding a document's rich text; client and server must agree. */
export const CONTENT_FIELD = "content";
