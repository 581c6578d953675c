import { z } from "zod";
import { DocumentSummary } from "./api.js";

/**
 * A read-only screen link of a document: what the projector in the hall
 * opens without signing in. Its key is shown once, when it is created; the
 * server keeps only the key's hash.
 */
export const ScreenLinkView = z.object({
  id: z.string(),
  documentId: z.string(),
  /** What the secretariat calls it ("Hall A, main screen"). */
  label: z.string(),
  createdAt: z.string(),
  /** Display name of who created it. */
  createdBy: z.string(),
  /** Set once revoked: the link opens nothing any more and its screens are closed. */
  revokedAt: z.string().nullable(),
});
export type ScreenLinkView = z.infer<typeof ScreenLinkView>;

/** Body of `POST /api/documents/:id/screen-links`. */
export const CreateScreenLinkBody = z.strictObject({
  label: z.string().trim().min(1, "A screen link needs a name.").max(100),
});
export type CreateScreenLinkBody = z.infer<typeof CreateScreenLinkBody>;

/** Answer to creating a screen link: the link and its key, shown this once; the page to open is `path`. */
export const CreatedScreenLink = z.object({
  link: ScreenLinkView,
  key: z.string(),
  /** `/documents/:id/screen#key=<key>`: the key stays in the fragment, which browsers do not send to servers. */
  path: z.string(),
});
export type CreatedScreenLink = z.infer<typeof CreatedScreenLink>;

/** Body of `POST /api/screens`: a screen opening its link. */
export const OpenScreenBody = z.strictObject({ key: z.string().min(1).max(200) });
export type OpenScreenBody = z.infer<typeof OpenScreenBody>;

/** Answer to opening a screen link: the document it shows (the websocket then offers the key as the subprotocol `accord.screen.<key>`). */
export const OpenedScreen = z.object({ document: DocumentSummary, label: z.string() });
export type OpenedScreen = z.infer<typeof OpenedScreen>;
