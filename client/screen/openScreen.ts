import { OpenedScreen, type OpenScreenBody } from "../../schemas/screenLinks.js";
import { jsonBody, requestJson, type ApiResult } from "../api/http.js";

/** Opens a screen link: the document it shows and the link's name (404 `screen_link_not_found` when unknown or revoked). */
export function openScreen(key: string, signal?: AbortSignal): Promise<ApiResult<OpenedScreen>> {
  const body: OpenScreenBody = { key };
  return requestJson("/api/screens", OpenedScreen, { ...jsonBody("POST", body), signal });
}

/** The key of a screen link, from the page's fragment (`#key=...`: never sent to a server), or null. */
export function screenKeyOf(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, "")).get("key");
  return key && key.length > 0 ? key : null;
}
