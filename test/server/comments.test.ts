import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommentsPayload, CommentsResponse, ThreadView } from "../../schemas/api.js";
import { MAX_COMMENT_CHARS } from "../../schemas/api.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL, MessageType, readComments, SyncMessageType, writeComments } from "../../shared/collab/messages.js";
import { screenSubprotocol } from "../../shared/collab/screenProtocol.js";
import type { Overview } from "../../shared/document/overview.js";
import { contentOf } from "../../shared/document/yBlocks.js";
import { openRaw, syncFrame, type RawClient } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { connectYClient, type YClient } from "../helpers/yClient.js";
import { insertParagraph } from "../helpers/yDocEdits.js";

/**
 * Paragraph comments against a real server: real SQLite (read directly to
 * check what was stored, and that a refused write left no trace), real HTTP
 * and real websockets (the live Comments message, 103).
 */

interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

interface ApiErrorBody {
  error: string;
  message: string;
}

/** A paragraph's text read straight from its Yjs element (texts' characters, a line break "\n"), independently of the code under test. */
function textOf(element: Y.XmlElement): string {
  return element.toArray().map((child) => child instanceof Y.XmlText
    ? (child.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "\uFFFC")).join("")
    : "\n").join("");
}

function elementByPid(doc: Y.Doc, pid: string): Y.XmlElement {
  const found = contentOf(doc).toArray().find((n) => n instanceof Y.XmlElement && n.getAttribute("pid") === pid);
  if (!(found instanceof Y.XmlElement)) throw new Error(`no block ${pid}`);
  return found;
}

/** Every occurrence of `needle` in `hay`. */
function occurrences(hay: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** Words of `text` (at least `min` letters) that occur exactly once in it, with where. */
function uniqueWords(text: string, min = 6): { word: string; at: number }[] {
  const words = new Set(text.match(/[A-Za-z]+/g) ?? []);
  return [...words].filter((w) => w.length >= min && occurrences(text, w).length === 1).map((word) => ({ word, at: text.indexOf(word) }));
}

function commentFrames(client: RawClient, from = 0): CommentsPayload[] {
  const payloads: CommentsPayload[] = [];
  for (const frame of client.frames.slice(from)) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Comments) continue;
    const payload = readComments(decoder);
    if (!payload) throw new Error("a Comments message that does not parse");
    payloads.push(payload);
  }
  return payloads;
}

function typeOf(frame: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(frame));
}

/** Resolves with the first frame at or after index `from` that passes `test`, as soon as it arrives (no polling). */
function frameArriving(client: RawClient, test: (frame: Uint8Array) => boolean, from = 0, timeoutMs = 5000): Promise<Uint8Array> {
  const already = client.frames.slice(from).find(test);
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.ws.off("message", onMessage);
      reject(new Error("no such frame arrived"));
    }, timeoutMs);
    function onMessage(data: Buffer) {
      const frame = new Uint8Array(data);
      if (!test(frame)) return;
      clearTimeout(timer);
      client.ws.off("message", onMessage);
      resolve(frame);
    }
    client.ws.on("message", onMessage);
  });
}

const isComments = (frame: Uint8Array) => typeOf(frame) === MessageType.Comments;

/** The payload of a Comments frame, or null for any other frame. */
function payloadOf(frame: Uint8Array): CommentsPayload | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.Comments) return null;
  return readComments(decoder);
}

/** A Comments frame carrying `n` threads. */
const withThreads = (n: number) => (frame: Uint8Array) => payloadOf(frame)?.threads.length === n;

describe("paragraph comments", () => {
  let server: TestServer;
  const sockets: RawClient[] = [];
  const clients: YClient[] = [];
  const cookies = new Map<string, string>();
  let vision: string;
  let declaration: string;

  async function start(env: Record<string, string> = {}) {
    server = await startTestServer(env);
    cookies.clear();
    vision = await server.documentId(await as("chair"), "Vision");
    declaration = await server.documentId(await as("chair"), "Declaration");
  }

  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.ws.terminate();
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
  });

  /** The session cookie of a demo account ("arcadia" for arcadia@demo.accord). */
  async function as(who: string): Promise<string> {
    let cookie = cookies.get(who);
    if (!cookie) cookies.set(who, (cookie = await server.login(`${who}@demo.accord`)));
    return cookie;
  }

  const userId = (who: string) =>
    server.accord.db.prepare("SELECT id FROM users WHERE email = ?").pluck().get(`${who}@demo.accord`) as string;

  /** A request to the comments of a document, with the allowed Origin unless `headers` says otherwise. */
  async function call<T = unknown>(
    who: string | null, method: string, path = "", body?: unknown,
    options: { document?: string; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { origin: server.origin, ...options.headers };
    if (who) headers.cookie = await as(who);
    let payload: string | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${server.url}/api/documents/${options.document ?? vision}/comments${path}`, { method, headers, body: payload });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  const list = async (who: string, query = "", document = vision) => {
    const answer = await call<CommentsResponse>(who, "GET", query, undefined, { document });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  async function overview(document = vision): Promise<Overview> {
    const res = await fetch(`${server.url}/api/documents/${document}/overview`, { headers: { cookie: await as("chair") } });
    return (await res.json()) as Overview;
  }

  /** A Yjs client of the chair on a document, synced. */
  async function yClient(document = vision, who = "chair"): Promise<YClient> {
    const client = connectYClient(server.wsBase, document, await as(who), server.origin);
    // The test's Yjs clients ignore the Comments messages they are sent.
    client.provider.messageHandlers[MessageType.Comments] = () => {};
    clients.push(client);
    await client.synced();
    return client;
  }

  /** Paragraphs of a document as the overview numbers them, with their text as it is in Yjs. */
  async function paragraphs(document = vision) {
    const reader = await yClient(document);
    const texts = new Map(contentOf(reader.doc).toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement)
      .map((el) => [el.getAttribute("pid") as string, textOf(el)]));
    clients.splice(clients.indexOf(reader), 1);
    reader.destroy();
    return (await overview(document)).paragraphs.map((p) => ({ ...p, text: texts.get(p.pid)! }));
  }

  /** Everything comments could leave in the database. */
  function snapshot() {
    const db = server.accord.db;
    return {
      threads: db.prepare("SELECT * FROM comment_threads ORDER BY id").all(),
      comments: db.prepare("SELECT * FROM comments ORDER BY id").all(),
      audit: db.prepare("SELECT * FROM audit_log ORDER BY id").all(),
      settings: db.prepare("SELECT id, comments_for_observers FROM documents ORDER BY id").all(),
    };
  }

  const auditOf = (document = vision) => server.accord.db
    .prepare("SELECT user_id AS userId, pid, action, detail FROM audit_log WHERE document_id = ? AND action LIKE 'comment.%' ORDER BY id")
    .all(document)
    .map((r) => {
      const row = r as { userId: string; pid: string | null; action: string; detail: string };
      return { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
    });

  /** Opens a raw protocol socket on a document and waits until the server has taken it into the room (its first frame). */
  async function socket(who: string, protocols: string[] = [ACCORD_SUBPROTOCOL], document = vision): Promise<RawClient> {
    const client = await openRaw(`${server.wsBase}/${document}`, { cookie: await as(who), origin: server.origin }, protocols);
    sockets.push(client);
    await frameArriving(client, () => true);
    return client;
  }

  /**
   * A round trip on a socket: asks for the document (sync step 1) and waits
   * for the answer. Whatever the server sent this socket before it read the
   * question has then arrived.
   */
  async function roundTrip(client: RawClient): Promise<void> {
    const from = client.frames.length;
    client.send(syncFrame(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())));
    await frameArriving(client, (f) => f[0] === MessageType.Sync && f[1] === SyncMessageType.Step2, from);
  }

  it("takes a thread with a quote, replies, edits, deletions, resolution, hiding and observer settings, each audited", async () => {
    const all = await paragraphs();
    const target = all.find((p) => /^OP\d+$/.test(p.reference) && p.brackets === 0 && uniqueWords(p.text, 8).length > 0)!;
    const { word, at } = uniqueWords(target.text, 8)[0]!;
    const quote = target.text.slice(at, at + word.length + 4);
    expect(occurrences(target.text, quote)).toEqual([at]);

    // A delegate opens a thread.
    const before = Date.now();
    const created = await call<ThreadView>("arcadia", "POST", "", { pid: target.pid, body: "We cannot accept this wording.", quote: { text: quote } });
    const after = Date.now();
    expect(created.status).toBe(201);
    const thread = created.body;
    expect(thread).toMatchObject({
      documentId: vision,
      pid: target.pid,
      paragraph: { reference: target.reference, kind: "paragraph", status: "open" },
      createdBy: { userId: userId("arcadia"), name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" },
      resolved: null,
      quote: { text: quote, now: { state: "intact", from: at, to: at + quote.length, text: quote } },
    });
    expect(thread.comments).toHaveLength(1);
    const first = thread.comments[0]!;
    expect(first).toMatchObject({
      author: { name: "Elena Marek", delegation: "Republic of Arcadia", group: "governments" },
      body: "We cannot accept this wording.", editedAt: null, deleted: false, hidden: null,
    });
    const createdAt = Date.parse(first.createdAt);
    expect(createdAt).toBeGreaterThanOrEqual(before - 5);
    expect(createdAt).toBeLessThanOrEqual(after + 5);
    expect(thread.createdAt).toBe(first.createdAt);

    // Stored as answered.
    const row = server.accord.db.prepare("SELECT * FROM comment_threads WHERE id = ?").get(thread.id) as Record<string, unknown>;
    expect(row).toMatchObject({ document_id: vision, pid: target.pid, quote_text: quote, created_by: userId("arcadia") });
    expect((await list("civil")).threads).toEqual([thread]);

    // Another delegate replies.
    const replied = await call<ThreadView>("borealia", "POST", `/${thread.id}/replies`, { body: "Nor can we; propose deleting it." });
    expect(replied.status).toBe(201);
    expect(replied.body.comments.map((c) => [c.author.name, c.author.delegation, c.body])).toEqual([
      ["Elena Marek", "Republic of Arcadia", "We cannot accept this wording."],
      ["Tomas Halvorsen", "Kingdom of Borealia", "Nor can we; propose deleting it."],
    ]);
    const reply = replied.body.comments[1]!;

    // The author edits their comment.
    const edited = await call<ThreadView>("arcadia", "PATCH", `/${thread.id}/comments/${first.id}`, { body: "We can accept this wording if amended." });
    expect(edited.status).toBe(200);
    expect(edited.body.comments[0]).toMatchObject({ id: first.id, body: "We can accept this wording if amended.", deleted: false });
    expect(edited.body.comments[0]!.editedAt).not.toBeNull();
    expect(edited.body.comments[0]!.createdAt).toBe(first.createdAt);
    expect(edited.body.comments[1]).toEqual(reply);

    // The reply's author deletes it: "comment deleted" stays in the thread.
    const deleted = await call<ThreadView>("borealia", "DELETE", `/${thread.id}/comments/${reply.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.comments).toHaveLength(2);
    expect(deleted.body.comments[1]).toMatchObject({ id: reply.id, body: null, deleted: true, author: { name: "Tomas Halvorsen" } });
    const listed = (await list("civil")).threads;
    expect(listed).toHaveLength(1);
    expect(listed[0]!.comments[1]).toMatchObject({ id: reply.id, body: null, deleted: true });

    // The facilitator resolves; the thread's author reopens.
    const resolved = await call<ThreadView>("chair", "POST", `/${thread.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.resolved).toMatchObject({ by: { userId: userId("chair"), name: "Jonas Lindqvist" } });
    expect((await list("civil")).threads[0]!.resolved).not.toBeNull();
    const reopened = await call<ThreadView>("arcadia", "POST", `/${thread.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body.resolved).toBeNull();

    // The secretariat hides the first comment with a reason.
    const hidden = await call<ThreadView>("secretariat", "PUT", `/${thread.id}/comments/${first.id}/visibility`, { hidden: true, reason: "Names a delegate personally." });
    expect(hidden.status).toBe(200);
    expect(hidden.body.comments[0]).toMatchObject({
      body: "We can accept this wording if amended.",
      hidden: { reason: "Names a delegate personally.", by: { name: "Samira Okafor" } },
    });
    for (const reader of ["civil", "arcadia", "chair", "observer"]) {
      const seen = (await list(reader)).threads[0]!.comments[0]!;
      expect(seen, reader).toMatchObject({ body: null, deleted: false, hidden: { reason: "Names a delegate personally.", by: { name: "Samira Okafor" } } });
    }
    expect((await list("secretariat")).threads[0]!.comments[0]!.body).toBe("We can accept this wording if amended.");
    expect(server.accord.db.prepare("SELECT body FROM comments WHERE id = ?").pluck().get(first.id)).toBe("We can accept this wording if amended.");

    // ... and shows it again.
    const shown = await call<ThreadView>("secretariat", "PUT", `/${thread.id}/comments/${first.id}/visibility`, { hidden: false });
    expect(shown.status).toBe(200);
    expect((await list("civil")).threads[0]!.comments[0]).toMatchObject({ body: "We can accept this wording if amended.", hidden: null });

    // Observers read comments until the secretariat says they do not.
    const observed = await list("observer");
    expect(observed).toMatchObject({ hiddenFromMe: false, settings: { observersSee: true } });
    expect(observed.threads).toHaveLength(1);
    const settings = await call("secretariat", "PUT", "/settings", { observersSee: false });
    expect(settings).toMatchObject({ status: 200, body: { observersSee: false } });
    const unseen = await list("observer");
    expect(unseen).toMatchObject({ hiddenFromMe: true, threads: [], settings: { observersSee: false } });
    expect(await list("civil")).toMatchObject({ hiddenFromMe: false, settings: { observersSee: false } });
    expect((await list("civil")).threads).toHaveLength(1);
    expect(await list("observer", "", declaration)).toMatchObject({ hiddenFromMe: false, settings: { observersSee: true } });

    // One audit record per write, by whom, on which paragraph.
    const ids = { threadId: thread.id };
    expect(auditOf()).toEqual([
      { userId: userId("arcadia"), pid: target.pid, action: "comment.thread", detail: { ...ids, commentId: first.id, quote } },
      { userId: userId("borealia"), pid: target.pid, action: "comment.reply", detail: { ...ids, commentId: reply.id } },
      { userId: userId("arcadia"), pid: target.pid, action: "comment.edit", detail: { ...ids, commentId: first.id, previous: "We cannot accept this wording." } },
      { userId: userId("borealia"), pid: target.pid, action: "comment.delete", detail: { ...ids, commentId: reply.id } },
      { userId: userId("chair"), pid: target.pid, action: "comment.resolve", detail: ids },
      { userId: userId("arcadia"), pid: target.pid, action: "comment.reopen", detail: ids },
      { userId: userId("secretariat"), pid: target.pid, action: "comment.hide", detail: { ...ids, commentId: first.id, reason: "Names a delegate personally." } },
      { userId: userId("secretariat"), pid: target.pid, action: "comment.show", detail: { ...ids, commentId: first.id } },
      { userId: userId("secretariat"), pid: null, action: "comment.settings", detail: { observersSee: false } },
    ]);
  });

  it("gives every thread the reference its paragraph has in the overview, and a whole-paragraph thread no quote", async () => {
    const all = (await overview()).paragraphs.filter((_, i) => i % 5 === 0);
    for (const p of all) {
      const created = await call<ThreadView>("chair", "POST", "", { pid: p.pid, body: `On ${p.reference}` });
      expect(created.status).toBe(201);
      expect(created.body.quote).toBeNull();
    }
    const threads = (await list("arcadia")).threads;
    expect(threads.map((t) => [t.pid, t.paragraph?.reference])).toEqual(all.map((p) => [p.pid, p.reference]));
  });

  it("refuses bad input with a status and an error id, leaving no trace", async () => {
    const all = await paragraphs();
    // Words that occur at least twice in a paragraph.
    const repeatedIn = (text: string) => (text.match(/[A-Za-z]{3,}/g) ?? []).find((w) => occurrences(text, ` ${w} `).length >= 2);
    const target = all.find((p) => /^OP\d+$/.test(p.reference) && p.brackets === 0 && repeatedIn(p.text) !== undefined)!;
    const twice = ` ${repeatedIn(target.text)!} `;
    const spots = occurrences(target.text, twice);

    const thread = (await call<ThreadView>("arcadia", "POST", "", { pid: target.pid, body: "Opening remark." })).body;
    const commentId = thread.comments[0]!.id;
    const otherPid = (await overview(declaration)).paragraphs[0]!.pid;
    const elsewhere = await call<ThreadView>("arcadia", "POST", "", { pid: otherPid, body: "In the Declaration." }, { document: declaration });
    expect(elsewhere.status).toBe(201);
    const foreign = elsewhere.body;

    const refusals: [string, () => Promise<Answer>, number, string][] = [
      ["an empty body", () => call("arcadia", "POST", "", { pid: target.pid, body: "" }), 400, "invalid_body"],
      ["a whitespace body", () => call("arcadia", "POST", "", { pid: target.pid, body: "  \n\t " }), 400, "invalid_body"],
      ["a whitespace reply", () => call("borealia", "POST", `/${thread.id}/replies`, { body: "   " }), 400, "invalid_body"],
      ["a whitespace edit", () => call("arcadia", "PATCH", `/${thread.id}/comments/${commentId}`, { body: "\n" }), 400, "invalid_body"],
      ["a body over the limit", () => call("arcadia", "POST", "", { pid: target.pid, body: "x".repeat(MAX_COMMENT_CHARS + 1) }), 400, "invalid_body"],
      ["a reply over the limit", () => call("borealia", "POST", `/${thread.id}/replies`, { body: "é".repeat(MAX_COMMENT_CHARS + 1) }), 400, "invalid_body"],
      ["an edit over the limit", () => call("arcadia", "PATCH", `/${thread.id}/comments/${commentId}`, { body: "y".repeat(MAX_COMMENT_CHARS + 1) }), 400, "invalid_body"],
      ["a pid not in the document", () => call("arcadia", "POST", "", { pid: "pnosuchparagraph", body: "Hello" }), 400, "unknown_paragraph"],
      ["a pid of the other document", () => call("arcadia", "POST", "", { pid: otherPid, body: "Hello" }), 400, "unknown_paragraph"],
      ["a reply to a thread of another document", () => call("borealia", "POST", `/${foreign.id}/replies`, { body: "Hello" }), 404, "thread_not_found"],
      ["an edit in a thread of another document", () => call("arcadia", "PATCH", `/${foreign.id}/comments/${foreign.comments[0]!.id}`, { body: "Hello" }), 404, "thread_not_found"],
      ["a deletion in a thread of another document", () => call("arcadia", "DELETE", `/${foreign.id}/comments/${foreign.comments[0]!.id}`), 404, "thread_not_found"],
      ["resolving a thread of another document", () => call("chair", "POST", `/${foreign.id}/resolve`), 404, "thread_not_found"],
      ["hiding in a thread of another document", () => call("secretariat", "PUT", `/${foreign.id}/comments/${foreign.comments[0]!.id}/visibility`, { hidden: true, reason: "x" }), 404, "thread_not_found"],
      ["a comment of another thread", () => call("arcadia", "PATCH", `/${thread.id}/comments/${foreign.comments[0]!.id}`, { body: "Hello" }), 404, "comment_not_found"],
      ["an unknown thread", () => call("borealia", "POST", "/nosuchthread/replies", { body: "Hello" }), 404, "thread_not_found"],
      ["a quote not in the paragraph", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", quote: { text: "words nowhere in this paragraph" } }), 400, "quote_not_in_paragraph"],
      ["a quote occurring twice, without offset", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", quote: { text: twice } }), 400, "quote_not_in_paragraph"],
      ["a quote at an offset, not in the paragraph", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", quote: { text: "Not in this paragraph at all", offset: spots[0]! } }), 400, "quote_not_in_paragraph"],
      ["an empty quote", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", quote: { text: "" } }), 400, "invalid_body"],
      ["a negative offset", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", quote: { text: twice, offset: -1 } }), 400, "invalid_body"],
      ["editing someone else's comment", () => call("borealia", "PATCH", `/${thread.id}/comments/${commentId}`, { body: "Mine now" }), 403, "forbidden"],
      ["the facilitator editing someone else's comment", () => call("chair", "PATCH", `/${thread.id}/comments/${commentId}`, { body: "Mine now" }), 403, "forbidden"],
      ["deleting someone else's comment", () => call("borealia", "DELETE", `/${thread.id}/comments/${commentId}`), 403, "forbidden"],
      ["the secretariat deleting someone else's comment", () => call("secretariat", "DELETE", `/${thread.id}/comments/${commentId}`), 403, "forbidden"],
      ["resolving as another delegate", () => call("borealia", "POST", `/${thread.id}/resolve`), 403, "forbidden"],
      ["resolving as an observer", () => call("observer", "POST", `/${thread.id}/resolve`), 403, "forbidden"],
      ["an observer opening a thread", () => call("observer", "POST", "", { pid: target.pid, body: "Observed." }), 403, "forbidden"],
      ["an observer replying", () => call("observer", "POST", `/${thread.id}/replies`, { body: "Observed." }), 403, "forbidden"],
      ["a delegate hiding a comment", () => call("borealia", "PUT", `/${thread.id}/comments/${commentId}/visibility`, { hidden: true, reason: "Rude" }), 403, "forbidden"],
      ["the facilitator hiding a comment", () => call("chair", "PUT", `/${thread.id}/comments/${commentId}/visibility`, { hidden: true, reason: "Rude" }), 403, "forbidden"],
      ["hiding without a reason", () => call("secretariat", "PUT", `/${thread.id}/comments/${commentId}/visibility`, { hidden: true, reason: "  " }), 400, "invalid_body"],
      ["the facilitator changing the settings", () => call("chair", "PUT", "/settings", { observersSee: false }), 403, "forbidden"],
      ["no session, opening a thread", () => call(null, "POST", "", { pid: target.pid, body: "Anonymous" }), 401, "unauthenticated"],
      ["no session, replying", () => call(null, "POST", `/${thread.id}/replies`, { body: "Anonymous" }), 401, "unauthenticated"],
      ["no session, reading", () => call(null, "GET"), 401, "unauthenticated"],
      ["a foreign Origin", () => call("arcadia", "POST", "", { pid: target.pid, body: "Forged" }, { headers: { origin: "https://evil.example" } }), 403, "origin_not_allowed"],
      ["a foreign Origin on a reply", () => call("arcadia", "POST", `/${thread.id}/replies`, { body: "Forged" }, { headers: { origin: "https://evil.example" } }), 403, "origin_not_allowed"],
      ["unknown fields in a new thread", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", authorId: userId("borealia") }), 400, "invalid_body"],
      ["unknown fields in a quote", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello", quote: { text: twice, offset: spots[0], end: 3 } }), 400, "invalid_body"],
      ["unknown fields in a reply", () => call("borealia", "POST", `/${thread.id}/replies`, { body: "Hello", createdAt: "2020-01-01" }), 400, "invalid_body"],
      ["unknown fields in the settings", () => call("secretariat", "PUT", "/settings", { observersSee: false, everyone: true }), 400, "invalid_body"],
      ["a body of the wrong type", () => call("arcadia", "POST", "", { pid: target.pid, body: 42 }), 400, "invalid_body"],
      ["invalid JSON", () => call("arcadia", "POST", "", undefined, { raw: `{"pid": "${target.pid}", "body": "Hello"` }), 400, "invalid_json"],
      ["invalid JSON in a reply", () => call("borealia", "POST", `/${thread.id}/replies`, undefined, { raw: "body=Hello" }), 400, "invalid_json"],
      ["no body at all", () => call("arcadia", "POST", ""), 400, "invalid_json"],
      ["an unknown document", () => call("arcadia", "POST", "", { pid: target.pid, body: "Hello" }, { document: "nosuchdocument" }), 404, "document_not_found"],
      ["?since=abc", () => call("arcadia", "GET", "?since=abc"), 400, "invalid_query"],
      ["?since=-1", () => call("arcadia", "GET", "?since=-1"), 400, "invalid_query"],
      ["?since=1.5", () => call("arcadia", "GET", "?since=1.5"), 400, "invalid_query"],
    ];
    // Everyone signs in first (signing in is audited).
    for (const who of ["arcadia", "borealia", "chair", "secretariat", "observer"]) await as(who);
    const stored = snapshot();
    for (const [what, request, status, error] of refusals) {
      const answer = await request();
      expect({ what, status: answer.status, error: (answer.body as ApiErrorBody | null)?.error }).toEqual({ what, status, error });
      expect(typeof (answer.body as ApiErrorBody).message, what).toBe("string");
      expect(snapshot(), what).toEqual(stored);
    }
    expect((await list("arcadia")).threads.map((t) => t.comments.map((c) => [c.body, c.editedAt, c.deleted, c.hidden]))).toEqual([
      [["Opening remark.", null, false, null]],
    ]);

    // The same requests done right are taken: the limits are where they are said to be.
    expect((await call("arcadia", "POST", "", { pid: target.pid, body: "x".repeat(MAX_COMMENT_CHARS) })).status).toBe(201);
    expect((await call("borealia", "POST", `/${thread.id}/replies`, { body: "é".repeat(MAX_COMMENT_CHARS) })).status).toBe(201);
    const atSecond = await call<ThreadView>("arcadia", "POST", "", { pid: target.pid, body: "The second one.", quote: { text: twice, offset: spots[1]! } });
    expect(atSecond.status).toBe(201);
    expect(atSecond.body.quote!.now).toEqual({ state: "intact", from: spots[1]!, to: spots[1]! + twice.length, text: twice });
    // An offset the words no longer stand at (the paragraph changed while the comment was written) takes the nearest.
    const nearSecond = await call<ThreadView>("arcadia", "POST", "", { pid: target.pid, body: "Near the second.", quote: { text: twice, offset: spots[1]! + 3 } });
    expect(nearSecond.status).toBe(201);
    expect(nearSecond.body.quote!.now).toMatchObject({ state: "intact", from: spots[1]! });
    const pastEnd = await call<ThreadView>("arcadia", "POST", "", { pid: target.pid, body: "Past the end.", quote: { text: twice, offset: target.text.length + 10 } });
    expect(pastEnd.body.quote!.now).toMatchObject({ from: spots.at(-1)! });
    expect((await call("arcadia", "GET", "?since=0")).status).toBe(200);
  });

  it("stores and returns markup in a comment as plain text, unchanged", async () => {
    const pid = (await overview()).paragraphs[0]!.pid;
    const body = `<script>alert("x")</script> & <b>bold</b> \u202e "quotes" 'single' \\ \u{1F600}`;
    const created = await call<ThreadView>("arcadia", "POST", "", { pid, body });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/json/);
    expect(created.body.comments[0]!.body).toBe(body);
    expect(server.accord.db.prepare("SELECT body FROM comments WHERE id = ?").pluck().get(created.body.comments[0]!.id)).toBe(body);
    expect((await list("borealia")).threads[0]!.comments[0]!.body).toBe(body);
  });

  it("lets an author who became an observer edit and delete nothing, and only the author or a facilitator resolve", async () => {
    const pid = (await overview()).paragraphs[3]!.pid;
    const thread = (await call<ThreadView>("civil", "POST", "", { pid, body: "Civil society view." })).body;
    const commentId = thread.comments[0]!.id;
    server.accord.db.prepare("UPDATE users SET role = 'observer' WHERE email = 'civil@demo.accord'").run();
    const stored = snapshot();
    for (const [method, path, body] of [
      ["PATCH", `/${thread.id}/comments/${commentId}`, { body: "Changed" }],
      ["DELETE", `/${thread.id}/comments/${commentId}`, undefined],
      ["POST", `/${thread.id}/resolve`, undefined],
      ["POST", `/${thread.id}/replies`, { body: "More" }],
    ] as const) {
      const answer = await call<ApiErrorBody>("civil", method, path, body);
      expect({ method, path, status: answer.status, error: answer.body.error }).toEqual({ method, path, status: 403, error: "forbidden" });
    }
    expect(snapshot()).toEqual(stored);
    // The secretariat resolves any thread.
    expect((await call("secretariat", "POST", `/${thread.id}/resolve`)).status).toBe(200);
  });

  it("lets a named facilitator of a document act as facilitator on its comments there, and only there", async () => {
    const named = await fetch(`${server.url}/api/admin/documents/${vision}/facilitators`, {
      method: "PUT",
      headers: { cookie: await as("secretariat"), origin: server.origin, "content-type": "application/json" },
      body: JSON.stringify({ userIds: [userId("borealia"), userId("observer")] }),
    });
    expect(named.status).toBe(200);
    const visionPid = (await overview()).paragraphs[0]!.pid;
    const declarationPid = (await overview(declaration)).paragraphs[0]!.pid;
    const inVision = (await call<ThreadView>("arcadia", "POST", "", { pid: visionPid, body: "Vision thread" })).body;
    const inDeclaration = (await call<ThreadView>("arcadia", "POST", "", { pid: declarationPid, body: "Declaration thread" }, { document: declaration })).body;

    expect((await call("borealia", "POST", `/${inVision.id}/resolve`)).status).toBe(200);
    expect((await call<ApiErrorBody>("borealia", "POST", `/${inDeclaration.id}/resolve`, undefined, { document: declaration })).body.error).toBe("forbidden");
    // The observer writes where it facilitates, and reads there even when observers are not shown comments.
    expect((await call("observer", "POST", "", { pid: visionPid, body: "As facilitator" })).status).toBe(201);
    expect((await call("observer", "POST", "", { pid: declarationPid, body: "As observer" }, { document: declaration })).status).toBe(403);
    for (const document of [vision, declaration]) {
      expect((await call("secretariat", "PUT", "/settings", { observersSee: false }, { document })).status).toBe(200);
    }
    expect((await list("observer")).threads).toHaveLength(2);
    expect(await list("observer", "", declaration)).toMatchObject({ hiddenFromMe: true, threads: [] });
    // ... and its socket there is sent threads as a participant's.
    const facilitating = await socket("observer");
    expect((await call("arcadia", "POST", `/${inVision.id}/replies`, { body: "Live to the facilitator" })).status).toBe(201);
    // A reply travels as the thread with only the new comment.
    const live = payloadOf(await frameArriving(facilitating, withThreads(1)))!.threads[0]!;
    expect(live.partial).toBe(true);
    expect(live.comments.map((c) => c.body)).toEqual(["Live to the facilitator"]);
  });

  it("limits how fast one user writes comments, leaving the refused one unstored and others unaffected", async () => {
    await server.close();
    await start({ COMMENTS_PER_MINUTE: "3" });
    const pid = (await overview()).paragraphs[1]!.pid;
    // Refused requests take nothing of the budget.
    expect((await call("arcadia", "POST", "", { pid, body: " " })).status).toBe(400);
    expect((await call("arcadia", "POST", "", { pid: "pnone", body: "Hello" })).status).toBe(400);

    const thread = await call<ThreadView>("arcadia", "POST", "", { pid, body: "First" });
    expect(thread.status).toBe(201);
    const threadId = thread.body.id;
    expect((await call("arcadia", "POST", `/${threadId}/replies`, { body: "Second" })).status).toBe(201);
    expect((await call("arcadia", "PATCH", `/${threadId}/comments/${thread.body.comments[0]!.id}`, { body: "First, amended" })).status).toBe(200);
    const before = snapshot();

    const fourth = await call<ApiErrorBody>("arcadia", "POST", `/${threadId}/replies`, { body: "Fourth" });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toBe("too_many_comments");
    expect(fourth.body.message).toMatch(/wait \d+ seconds?/);
    const retryAfter = Number(fourth.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const fifth = await call<ApiErrorBody>("arcadia", "POST", "", { pid, body: "Fifth" });
    expect(fifth.status).toBe(429);
    expect(snapshot()).toEqual(before);

    const bodies = server.accord.db.prepare("SELECT body FROM comments WHERE author_id = ? ORDER BY rowid").pluck().all(userId("arcadia"));
    expect(bodies).toEqual(["First, amended", "Second"]);
    expect(auditOf().map((a) => a.action)).toEqual(["comment.thread", "comment.reply", "comment.edit"]);

    // Another user writes as before.
    expect((await call("borealia", "POST", `/${threadId}/replies`, { body: "Borealia's turn" })).status).toBe(201);
    expect((await call("borealia", "POST", "", { pid, body: "Borealia's thread" })).status).toBe(201);
  });

  it("limits resolving, reopening and deleting on a budget of their own, and says so", async () => {
    await server.close();
    await start({ COMMENT_ACTIONS_PER_MINUTE: "2" });
    const pid = (await overview()).paragraphs[1]!.pid;
    const thread = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Toggle me" });
    expect((await call("arcadia", "POST", `/${thread.body.id}/resolve`)).status).toBe(200);
    expect((await call("arcadia", "POST", `/${thread.body.id}/reopen`)).status).toBe(200);
    const before = snapshot();
    const third = await call<ApiErrorBody>("arcadia", "POST", `/${thread.body.id}/resolve`);
    expect(third.status).toBe(429);
    expect(third.body.error).toBe("too_many_comments");
    expect(third.body.message).toMatch(/changing comments faster than the room allows \(2 a minute\)/);
    expect(snapshot()).toEqual(before);
    // Writing comments is on its own budget, still whole; so is everyone else's.
    expect((await call("arcadia", "POST", `/${thread.body.id}/replies`, { body: "Still here" })).status).toBe(201);
    expect((await call("chair", "POST", `/${thread.body.id}/resolve`)).status).toBe(200);
  });

  it("keeps a hidden comment on record: its author can neither edit nor delete it; an edit keeps the words it replaced in the audit log", async () => {
    const pid = (await overview()).paragraphs[1]!.pid;
    const thread = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Original words" });
    const commentId = thread.body.comments[0]!.id;
    expect((await call("arcadia", "PATCH", `/${thread.body.id}/comments/${commentId}`, { body: "Amended words" })).status).toBe(200);
    expect(auditOf().at(-1)).toMatchObject({ action: "comment.edit", detail: { previous: "Original words" } });

    expect((await call("secretariat", "PUT", `/${thread.body.id}/comments/${commentId}/visibility`, { hidden: true, reason: "Off topic" })).status).toBe(200);
    const before = snapshot();
    const edit = await call<ApiErrorBody>("arcadia", "PATCH", `/${thread.body.id}/comments/${commentId}`, { body: "Sneaky change" });
    expect(edit.status).toBe(400);
    expect(edit.body.error).toBe("comment_hidden");
    const removal = await call<ApiErrorBody>("arcadia", "DELETE", `/${thread.body.id}/comments/${commentId}`);
    expect(removal.status).toBe(400);
    expect(removal.body.error).toBe("comment_hidden");
    expect(snapshot()).toEqual(before);
    const seen = (await list("secretariat")).threads.find((t) => t.id === thread.body.id)!;
    expect(seen.comments[0]).toMatchObject({ body: "Amended words", deleted: false, hidden: { reason: "Off topic" } });
  });

  it("shows the words an edit replaced to the secretariat only, in the document's audit log", async () => {
    const pid = (await overview()).paragraphs[1]!.pid;
    const thread = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Words to be regretted" });
    expect((await call("arcadia", "PATCH", `/${thread.body.id}/comments/${thread.body.comments[0]!.id}`, { body: "Better words" })).status).toBe(200);
    const auditAs = async (who: string) => {
      const res = await fetch(`${server.url}/api/documents/${vision}/audit`, { headers: { cookie: await as(who) } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { action: string; detail: Record<string, unknown> }[]).find((a) => a.action === "comment.edit")!.detail;
    };
    expect(await auditAs("secretariat")).toMatchObject({ previous: "Words to be regretted" });
    const facilitator = await auditAs("chair");
    expect(facilitator).toMatchObject({ threadId: thread.body.id });
    expect(facilitator).not.toHaveProperty("previous");
  });

  it("reads a cursor from beyond the database (restored from a backup) as none", async () => {
    const pid = (await overview()).paragraphs[1]!.pid;
    await call("arcadia", "POST", "", { pid, body: "One" });
    await call("arcadia", "POST", "", { pid, body: "Two" });
    const answer = await list("arcadia", "?since=1000");
    expect(answer.threads.map((t) => t.comments[0]!.body)).toEqual(["One", "Two"]);
    expect(answer.cursor).toBe(2);
  });

  it("answers ?since= with exactly the threads changed after the cursor", async () => {
    const [a, b] = (await overview()).paragraphs;
    const first = (await call<ThreadView>("arcadia", "POST", "", { pid: a!.pid, body: "One" })).body;
    const second = (await call<ThreadView>("borealia", "POST", "", { pid: b!.pid, body: "Two" })).body;
    const whole = await list("civil");
    expect(whole.threads.map((t) => t.id)).toEqual([first.id, second.id]);
    const cursor = whole.cursor;
    expect((await list("civil", `?since=${cursor}`)).threads).toEqual([]);

    const replied = await call<ThreadView>("civil", "POST", `/${first.id}/replies`, { body: "Reply to one" });
    expect(replied.status).toBe(201);
    const since = await list("civil", `?since=${cursor}`);
    expect(since.threads.map((t) => t.id)).toEqual([first.id]);
    expect(since.threads[0]!.comments.map((c) => c.body)).toEqual(["One", "Reply to one"]);
    expect(since.cursor).toBeGreaterThan(cursor);
    expect(since.threads[0]!.version).toBe(since.cursor);
    expect((await list("civil", `?since=${since.cursor}`)).threads).toEqual([]);

    // Every kind of change moves the thread past the cursor.
    const changes: [string, string, string, unknown][] = [
      ["chair", "POST", `/${second.id}/resolve`, undefined],
      ["borealia", "PATCH", `/${second.id}/comments/${second.comments[0]!.id}`, { body: "Two, amended" }],
      ["borealia", "DELETE", `/${second.id}/comments/${second.comments[0]!.id}`, undefined],
      ["secretariat", "PUT", `/${second.id}/comments/${second.comments[0]!.id}/visibility`, { hidden: true, reason: "Spam" }],
      ["borealia", "POST", `/${second.id}/reopen`, undefined],
    ];
    let last = since.cursor;
    for (const [who, method, path, body] of changes) {
      expect((await call(who, method, path, body)).status, path).toBe(200);
      const next = await list("civil", `?since=${last}`);
      expect(next.threads.map((t) => t.id), `${method} ${path}`).toEqual([second.id]);
      last = next.cursor;
    }
    // Threads of the other document have their own cursor.
    const declared = await list("civil", "", declaration);
    expect(declared).toMatchObject({ cursor: 0, threads: [] });
  });

  it("gives an observer catching up after comments were hidden from it every thread, those changed meanwhile included", async () => {
    const [a, b] = (await overview()).paragraphs;
    const before = (await call<ThreadView>("arcadia", "POST", "", { pid: a!.pid, body: "Before hiding" })).body;
    const seen = await list("observer");
    expect(seen.threads.map((t) => t.id)).toEqual([before.id]);

    expect((await call("secretariat", "PUT", "/settings", { observersSee: false })).status).toBe(200);
    const during = (await call<ThreadView>("borealia", "POST", "", { pid: b!.pid, body: "While hidden" })).body;
    // The observer's window catches up meanwhile (a reconnection): it is given nothing, and drops what it had.
    const hidden = await list("observer", `?since=${seen.cursor}`);
    expect(hidden).toMatchObject({ hiddenFromMe: true, threads: [] });
    const after = (await call<ThreadView>("civil", "POST", `/${before.id}/replies`, { body: "Also while hidden" })).body;
    expect((await list("observer", `?since=${hidden.cursor}`))).toMatchObject({ hiddenFromMe: true, threads: [] });

    expect((await call("secretariat", "PUT", "/settings", { observersSee: true })).status).toBe(200);
    // Missing the live message that says so, it catches up with the cursor of its last answer.
    const caughtUp = await list("observer", `?since=${hidden.cursor}`);
    expect(caughtUp.hiddenFromMe).toBe(false);
    expect(caughtUp.threads.map((t) => [t.id, t.comments.length])).toEqual([[before.id, 2], [during.id, 1]]);
    expect(caughtUp.threads[0]).toEqual(after);
  });

  describe("live over the room's sockets", () => {
    it("sends a new thread and its changes to every accord.v1 socket at once, hidden bodies to the secretariat only", async () => {
      const delegate = await socket("borealia");
      const observer = await socket("observer");
      const secretariat = await socket("secretariat");
      const elsewhere = await socket("civil", [ACCORD_SUBPROTOCOL], declaration);
      const pid = (await overview()).paragraphs[2]!.pid;

      const created = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Live comment" });
      expect(created.status).toBe(201);
      for (const client of [delegate, observer, secretariat]) {
        const frame = await frameArriving(client, isComments);
        const decoder = decoding.createDecoder(frame);
        expect(decoding.readVarUint(decoder)).toBe(MessageType.Comments);
        const payload = readComments(decoder)!;
        expect(payload.threads).toEqual([created.body]);
        expect(payload.cursor).toBe(created.body.version);
        expect(payload.settings).toBeUndefined();
      }

      const marks = [delegate, observer, secretariat].map((c) => c.frames.length);
      const hidden = await call<ThreadView>("secretariat", "PUT", `/${created.body.id}/comments/${created.body.comments[0]!.id}/visibility`, { hidden: true, reason: "Off topic" });
      expect(hidden.status).toBe(200);
      const seen = await Promise.all([delegate, observer, secretariat].map(async (client, i) => {
        const frame = await frameArriving(client, isComments, marks[i]);
        const decoder = decoding.createDecoder(frame);
        decoding.readVarUint(decoder);
        return readComments(decoder)!.threads[0]!.comments[0]!;
      }));
      expect(seen.map((c) => [c.body, c.hidden?.reason])).toEqual([
        [null, "Off topic"],
        [null, "Off topic"],
        ["Live comment", "Off topic"],
      ]);

      // A long thread does not travel whole: a reply carries only itself, resolving no comment at all.
      for (let i = 0; i < 3; i++) expect((await call("borealia", "POST", `/${created.body.id}/replies`, { body: `Reply ${i}` })).status).toBe(201);
      const before = delegate.frames.length;
      const resolved = await call<ThreadView>("chair", "POST", `/${created.body.id}/resolve`);
      expect(resolved.body.comments).toHaveLength(4);
      const change = payloadOf(await frameArriving(delegate, (f) => payloadOf(f)?.threads[0]?.resolved != null, before))!.threads[0]!;
      expect(change).toMatchObject({ id: created.body.id, partial: true, comments: [], version: resolved.body.version });
      const replies = commentFrames(delegate).flatMap((p) => p.threads).filter((t) => t.partial && t.comments.length > 0);
      expect(replies.slice(-3).map((t) => t.comments.map((c) => c.body))).toEqual([["Reply 0"], ["Reply 1"], ["Reply 2"]]);
      // Sockets of another document hear nothing of it.
      await roundTrip(elsewhere);
      expect(elsewhere.frames.map(typeOf)).not.toContain(MessageType.Comments);
    });

    it("sends observers nothing of threads while the document hides comments from them", async () => {
      const delegate = await socket("borealia");
      const observer = await socket("observer");
      const pid = (await overview()).paragraphs[2]!.pid;

      expect((await call("secretariat", "PUT", "/settings", { observersSee: false })).status).toBe(200);
      for (const client of [delegate, observer]) {
        await frameArriving(client, isComments);
        expect(commentFrames(client).map((p) => [p.threads, p.settings])).toEqual([[[], { observersSee: false }]]);
      }

      const created = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Not for observers" });
      expect(created.status).toBe(201);
      // The witness: the delegate's socket has it, and the observer's socket has answered a later question.
      await frameArriving(delegate, withThreads(1));
      await roundTrip(observer);
      expect(commentFrames(delegate).at(-1)!.threads.map((t) => t.id)).toEqual([created.body.id]);
      expect(commentFrames(observer)).toEqual([{ cursor: expect.any(Number), threads: [], settings: { observersSee: false } }]);
      expect(JSON.stringify(observer.frames.map((f) => Array.from(f)))).not.toContain(created.body.id);

      // And when they may see them again, they are told, and get the next change.
      expect((await call("secretariat", "PUT", "/settings", { observersSee: true })).status).toBe(200);
      expect((await call("arcadia", "POST", `/${created.body.id}/replies`, { body: "Now seen" })).status).toBe(201);
      await frameArriving(observer, withThreads(1));
      expect(commentFrames(observer).map((p) => [p.settings?.observersSee, p.threads.map((t) => t.comments.map((c) => c.body))])).toEqual([
        [false, []], [true, []], [undefined, [["Now seen"]]],
      ]);
    });

    it("sends a hall screen nothing of comments, even while observers may see them", async () => {
      const made = await fetch(`${server.url}/api/documents/${vision}/screen-links`, {
        method: "POST", headers: { cookie: await as("secretariat"), origin: server.origin, "content-type": "application/json" },
        body: JSON.stringify({ label: "Hall A" }),
      });
      expect(made.status).toBe(201);
      const { key } = (await made.json()) as { key: string };
      // The screen is an observer by role, with no cookie: its key alone opens the socket.
      const screen = await openRaw(`${server.wsBase}/${vision}`, { origin: server.origin }, [ACCORD_SUBPROTOCOL, screenSubprotocol(key)]);
      sockets.push(screen);
      await frameArriving(screen, () => true);
      const observer = await socket("observer");
      const pid = (await overview()).paragraphs[2]!.pid;
      expect((await list("observer")).hiddenFromMe).toBe(false);

      const created = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Seen by observers, not on the wall" });
      expect(created.status).toBe(201);
      expect((await call("arcadia", "POST", `/${created.body.id}/replies`, { body: "A reply" })).status).toBe(201);
      expect((await call("secretariat", "PUT", "/settings", { observersSee: false })).status).toBe(200);
      // The witness: the observer's socket heard all three, and the screen has answered a later question.
      await frameArriving(observer, (f) => payloadOf(f)?.settings !== undefined);
      expect(commentFrames(observer)).toHaveLength(3);
      await roundTrip(screen);
      expect(screen.ws.protocol).toBe(ACCORD_SUBPROTOCOL);
      expect(screen.frames.map(typeOf)).not.toContain(MessageType.Comments);
      expect(JSON.stringify(screen.frames.map((f) => Array.from(f)))).not.toContain(created.body.id);
    });

    it("never sends the Comments message to a socket that did not negotiate accord.v1", async () => {
      const stock = await socket("borealia", []);
      expect(stock.ws.protocol).toBe("");
      const witness = await socket("civil");
      const pid = (await overview()).paragraphs[2]!.pid;
      const created = await call<ThreadView>("arcadia", "POST", "", { pid, body: "Only for Accord clients" });
      expect(created.status).toBe(201);
      expect((await call("secretariat", "PUT", "/settings", { observersSee: false })).status).toBe(200);
      await frameArriving(witness, (f) => payloadOf(f)?.settings !== undefined);
      await roundTrip(stock);
      expect(commentFrames(witness)).toHaveLength(2);
      expect(stock.frames.map(typeOf)).not.toContain(MessageType.Comments);
    });

    it("closes a socket that sends a Comments message with 4405", async () => {
      const client = await socket("arcadia");
      client.send(writeComments({ cursor: 0, threads: [] }));
      expect(await client.closed).toBe(CloseCode.UnknownMessageType);
      expect(CloseCode.UnknownMessageType).toBe(4405);
      expect((await list("arcadia")).threads).toEqual([]);
    });
  });

  describe("threads against the changing document", () => {
    const issue = async () => {
      const res = await fetch(`${server.url}/api/documents/${vision}/revisions`, {
        method: "POST",
        headers: { cookie: await as("chair"), origin: server.origin, "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(201);
    };

    it("follows its paragraph's renumbering, and stays listed when a revision drops the paragraph", async () => {
      await issue();
      const op4 = (await overview()).paragraphs.find((p) => p.reference === "OP4")!;
      // A paragraph after it (in its section): dropping it moves no number before OP4.
      const listed = (await overview()).paragraphs;
      const doomed = listed[listed.findIndex((p) => p.pid === op4.pid) + 1]!;
      const thread = (await call<ThreadView>("arcadia", "POST", "", { pid: op4.pid, body: "On OP4" })).body;
      expect(thread.paragraph).toMatchObject({ reference: "OP4" });
      const words = uniqueWords((await paragraphs()).find((p) => p.pid === doomed.pid)!.text)[0]!.word;
      const dropped = (await call<ThreadView>("borealia", "POST", "", { pid: doomed.pid, body: "On OP1", quote: { text: words } })).body;
      expect(dropped.quote!.now!.state).toBe("intact");

      const chair = await yClient();
      const fragment = contentOf(chair.doc);
      const index = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("pid") === op4.pid);
      insertParagraph(chair.doc, index, "Decides to hold a further review in 2035.");
      elementByPid(chair.doc, doomed.pid).setAttribute("status", "deleted");
      await chair.allSaved();

      // Until the next revision the numbers stay frozen.
      const during = await list("civil");
      expect(during.threads.map((t) => [t.id, t.paragraph])).toEqual([
        [thread.id, { reference: "OP4", kind: "paragraph", status: "open" }],
        [dropped.id, { reference: doomed.reference, kind: "paragraph", status: "deleted" }],
      ]);

      await issue();
      const renumbered = (await overview()).paragraphs;
      expect(renumbered.find((p) => p.pid === op4.pid)!.reference).toBe("OP5");
      expect(renumbered.find((p) => p.pid === doomed.pid)).toBeUndefined();
      const after = await list("civil");
      expect(after.threads.map((t) => [t.id, t.pid, t.paragraph])).toEqual([
        [thread.id, op4.pid, { reference: "OP5", kind: "paragraph", status: "open" }],
        [dropped.id, doomed.pid, null],
      ]);
      const gone = after.threads[1]!;
      expect(gone.comments.map((c) => c.body)).toEqual(["On OP1"]);
      expect(gone.quote).toMatchObject({ text: words, now: { state: "deleted" } });
      // A dropped paragraph takes no new thread, but its thread takes replies.
      expect((await call<ApiErrorBody>("civil", "POST", "", { pid: doomed.pid, body: "Too late" })).body.error).toBe("unknown_paragraph");
      expect((await call("civil", "POST", `/${dropped.id}/replies`, { body: "Noted" })).status).toBe(201);
    });

    it("keeps a quote on its words through concurrent edits around it, and says when they changed or went", async () => {
      const all = await paragraphs();
      const target = all.find((p) => p.brackets === 0 && /^OP/.test(p.reference) && uniqueWords(p.text, 7).length >= 3 && p.text.length > 120)!;
      // Two words from the middle of the paragraph, with text before and after them.
      const candidates = uniqueWords(target.text, 7).filter((w) => w.at > 20 && w.at + w.word.length < target.text.length - 20);
      const pick = candidates[0]!;
      const end = target.text.indexOf(" ", pick.at + pick.word.length + 1);
      const quote = target.text.slice(pick.at, end > 0 ? end : pick.at + pick.word.length);
      expect(occurrences(target.text, quote)).toEqual([pick.at]);
      const created = await call<ThreadView>("arcadia", "POST", "", { pid: target.pid, body: "This phrase.", quote: { text: quote } });
      expect(created.status).toBe(201);
      const from = pick.at;
      const to = from + quote.length;
      expect(created.body.quote!.now).toEqual({ state: "intact", from, to, text: quote });

      const chair = await yClient();
      const element = elementByPid(chair.doc, target.pid);
      expect(element.length).toBe(1);
      const first = element.get(0) as Y.XmlText;
      const insertion = "with all deliberate speed, ";
      first.insert(Math.floor(from / 2), insertion);
      first.insert(from + insertion.length, "ALSO "); // right before the quote: not in it
      first.delete(to + insertion.length + 5 + 1, 5); // after the quote (one character after it kept)
      first.insert(to + insertion.length + 5, "!"); // right after the quote: not in it
      await chair.allSaved();
      const expectedText = target.text.slice(0, Math.floor(from / 2)) + insertion + target.text.slice(Math.floor(from / 2), from) + "ALSO " +
        quote + "!" + target.text.slice(to, to + 1) + target.text.slice(to + 6);
      expect(textOf(element)).toBe(expectedText);

      const shift = insertion.length + 5;
      const moved = (await list("civil")).threads[0]!;
      expect(moved.quote).toMatchObject({ text: quote, start: created.body.quote!.start, end: created.body.quote!.end });
      expect(moved.quote!.now).toEqual({ state: "intact", from: from + shift, to: to + shift, text: quote });
      expect(expectedText.slice(from + shift, to + shift)).toBe(quote);

      // Read from storage after a restart (the document compacted, deleted text collected), the anchors hold.
      chair.destroy();
      clients.splice(0);
      server = await server.restart();
      expect((await list("civil")).threads[0]!.quote).toEqual(moved.quote);
      const again = await yClient();
      const text = elementByPid(again.doc, target.pid).get(0) as Y.XmlText;
      expect(textOf(elementByPid(again.doc, target.pid))).toBe(expectedText);

      // Another quote in the same paragraph, then one of its words changed.
      const other = candidates.find((w) => w.at >= to + 8 && !insertion.includes(w.word))
        ?? uniqueWords(expectedText, 7).find((w) => w.at >= to + shift + 2)!;
      const otherAt = expectedText.indexOf(other.word);
      const changedQuote = (await call<ThreadView>("borealia", "POST", "", { pid: target.pid, body: "And this one.", quote: { text: other.word } })).body;
      expect(changedQuote.quote!.now).toEqual({ state: "intact", from: otherAt, to: otherAt + other.word.length, text: other.word });
      text.delete(otherAt + 1, 2);
      text.insert(otherAt + 1, "ZZZ");
      // The first quote's words deleted.
      text.delete(from + shift, quote.length);
      await again.allSaved();

      const threads = (await list("civil")).threads;
      const changedWord = other.word[0] + "ZZZ" + other.word.slice(3);
      expect(threads.map((t) => t.quote)).toEqual([
        { text: quote, start: created.body.quote!.start, end: created.body.quote!.end, now: expect.objectContaining({ state: "deleted" }) },
        { text: other.word, start: changedQuote.quote!.start, end: changedQuote.quote!.end,
          now: { state: "changed", from: otherAt - quote.length, to: otherAt - quote.length + changedWord.length, text: changedWord } },
      ]);
      expect(threads[0]!.quote!.now!.from).toBe(threads[0]!.quote!.now!.to);
      again.destroy();
      clients.splice(0);
      server = await server.restart();
      expect((await list("civil")).threads).toEqual(threads);
    });
  });
});
