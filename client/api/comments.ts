import {
  CommentSettings, CommentsResponse, ThreadView, type CommentVisibilityBody, type NewThreadBody,
} from "../../schemas/api.js";
import { jsonBody, requestJson, type ApiResult } from "./http.js";

const base = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}/comments`;
const thread = (documentId: string, threadId: string) => `${base(documentId)}/${encodeURIComponent(threadId)}`;
const comment = (documentId: string, threadId: string, commentId: string) =>
  `${thread(documentId, threadId)}/comments/${encodeURIComponent(commentId)}`;

/** `GET /api/documents/:id/comments`: threads changed after `since` (all with 0). */
export function listComments(documentId: string, since: number, signal?: AbortSignal): Promise<ApiResult<CommentsResponse>> {
  return requestJson(`${base(documentId)}${since > 0 ? `?since=${since}` : ""}`, CommentsResponse, { signal });
}

/** Opens a thread on a paragraph, optionally quoting words of it. */
export function createThread(documentId: string, body: NewThreadBody): Promise<ApiResult<ThreadView>> {
  return requestJson(base(documentId), ThreadView, jsonBody("POST", body));
}

/** Replies to a thread. */
export function replyToThread(documentId: string, threadId: string, body: string): Promise<ApiResult<ThreadView>> {
  return requestJson(`${thread(documentId, threadId)}/replies`, ThreadView, jsonBody("POST", { body }));
}

/** Changes the text of one's own comment. */
export function editComment(documentId: string, threadId: string, commentId: string, body: string): Promise<ApiResult<ThreadView>> {
  return requestJson(comment(documentId, threadId, commentId), ThreadView, jsonBody("PATCH", { body }));
}

/** Deletes one's own comment. */
export function deleteComment(documentId: string, threadId: string, commentId: string): Promise<ApiResult<ThreadView>> {
  return requestJson(comment(documentId, threadId, commentId), ThreadView, { method: "DELETE" });
}

/** Resolves a thread, or reopens it. */
export function setThreadResolved(documentId: string, threadId: string, resolved: boolean): Promise<ApiResult<ThreadView>> {
  return requestJson(`${thread(documentId, threadId)}/${resolved ? "resolve" : "reopen"}`, ThreadView, { method: "POST" });
}

/** The secretariat hides a comment with a reason, or shows it again. */
export function setCommentHidden(documentId: string, threadId: string, commentId: string, body: CommentVisibilityBody): Promise<ApiResult<ThreadView>> {
  return requestJson(`${comment(documentId, threadId, commentId)}/visibility`, ThreadView, jsonBody("PUT", body));
}

/** The secretariat lets observers see the comments, or not. */
export function setCommentSettings(documentId: string, settings: CommentSettings): Promise<ApiResult<CommentSettings>> {
  return requestJson(`${base(documentId)}/settings`, CommentSettings, jsonBody("PUT", settings));
}
