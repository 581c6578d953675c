import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommentsPayload, ThreadView } from "../../schemas/api.js";
import type { Overview } from "../../shared/document/overview.js";
import type { Role } from "../../schemas/domain.js";
import { CommentBook, type CommentBookState } from "../../client/comments/CommentBook.js";
import type { DocumentConnection } from "../../client/collab/DocumentConnection.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

/**
 * The editor's live list of comment threads against a real server: the whole
 * list first, live threads merged by version, and catching up with ?since=
 * after a reconnection. The socket is stood in for by the two hooks the book
 * uses (its Comments messages and its reconnections), driven by the test.
 */

type Hooks = Pick<DocumentConnection, "onComments" | "onConnected">;

describe("the comment book of an open document", () => {
  let server: TestServer;
  let documentId: string;
  const requested: string[] = [];
  const books: CommentBook[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    documentId = await server.documentId(await server.login("chair@demo.accord"), "Vision");
  });
  afterEach(async () => {
    for (const book of books.splice(0)) book.destroy();
    vi.unstubAllGlobals();
    requested.length = 0;
    await server.close();
  });

  /** The browser's fetch as the page has it: relative paths, the session cookie, the page's origin. */
  async function browserAs(who: string): Promise<void> {
    const cookie = await server.login(`${who}@demo.accord`);
    const real = globalThis.fetch;
    vi.stubGlobal("fetch", async (path: string, init: RequestInit = {}) => {
      // The test's own requests name the server in full.
      if (!path.startsWith("/")) return real(path, init);
      requested.push(path);
      const answer = await real(`${server.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, origin: server.origin } });
      // As the page's own Response (the client checks `instanceof Response`).
      return new Response(await answer.arrayBuffer(), { status: answer.status, headers: answer.headers });
    });
  }

  async function api<T>(who: string, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${server.url}/api/documents/${documentId}/comments${path}`, {
      method,
      headers: { cookie: await server.login(`${who}@demo.accord`), origin: server.origin, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.ok).toBe(true);
    return (await res.json()) as T;
  }

  async function pids(): Promise<string[]> {
    const res = await fetch(`${server.url}/api/documents/${documentId}/overview`, { headers: { cookie: await server.login("chair@demo.accord") } });
    return ((await res.json()) as Overview).paragraphs.map((p) => p.pid);
  }

  function open(role: Role): { book: CommentBook; hooks: Hooks } {
    const hooks: Hooks = { onComments: new Set(), onConnected: new Set() };
    const book = new CommentBook(documentId, hooks as DocumentConnection, role);
    books.push(book);
    return { book, hooks };
  }

  /** Resolves once the book's state passes `test`. */
  function until(book: CommentBook, test: (state: CommentBookState) => boolean): Promise<CommentBookState> {
    if (test(book.state)) return Promise.resolve(book.state);
    return new Promise((resolve) => {
      const stop = book.subscribe(() => {
        if (!test(book.state)) return;
        stop();
        resolve(book.state);
      });
    });
  }

  const live = (hooks: Hooks, payload: CommentsPayload) => {
    for (const listener of hooks.onComments) listener(payload);
  };

  it("loads every thread, takes newer versions from live messages and ignores older ones", async () => {
    const [a, b] = await pids();
    const first = await api<ThreadView>("arcadia", "POST", "", { pid: a, body: "One" });
    await api<ThreadView>("borealia", "POST", "", { pid: b, body: "Two" });
    await browserAs("civil");
    const { book, hooks } = open("delegate");
    const loaded = await until(book, (s) => s.loaded);
    expect(loaded.threads.map((t) => t.comments[0]!.body)).toEqual(["One", "Two"]);
    expect(requested).toEqual([`/api/documents/${documentId}/comments`]);

    const replied = await api<ThreadView>("borealia", "POST", `/${first.id}/replies`, { body: "Reply" });
    live(hooks, { cursor: replied.version, threads: [replied] });
    expect(book.state.threads.find((t) => t.id === first.id)!.comments).toHaveLength(2);
    // A message overtaken by a newer one changes nothing.
    live(hooks, { cursor: first.version, threads: [first] });
    expect(book.state.threads.find((t) => t.id === first.id)!.comments).toHaveLength(2);
  });

  it("catches up after a reconnection with the cursor of its last answer, so what it missed arrives", async () => {
    const [a] = await pids();
    const thread = await api<ThreadView>("arcadia", "POST", "", { pid: a, body: "Before" });
    await browserAs("civil");
    const { book, hooks } = open("delegate");
    await until(book, (s) => s.loaded);
    const cursor = (await api<{ cursor: number }>("civil", "GET", "")).cursor;

    // While the window was asleep: a reply, a new thread; then a live message of the later change arrives first.
    await api<ThreadView>("borealia", "POST", `/${thread.id}/replies`, { body: "Missed" });
    const later = await api<ThreadView>("borealia", "POST", "", { pid: a, body: "Later" });
    live(hooks, { cursor: later.version, threads: [later] });
    for (const listener of hooks.onConnected) listener();
    const state = await until(book, (s) => s.threads.find((t) => t.id === thread.id)!.comments.length === 2);
    expect(state.threads.map((t) => t.comments.at(-1)!.body)).toEqual(["Missed", "Later"]);
    expect(requested.at(-1)).toBe(`/api/documents/${documentId}/comments?since=${cursor}`);
  });

  it("merges a live change of a thread it knows to be current, and asks again for one it may have missed something of", async () => {
    const [a] = await pids();
    const thread = await api<ThreadView>("arcadia", "POST", "", { pid: a, body: "Start" });
    await browserAs("civil");
    const { book, hooks } = open("delegate");
    for (const listener of hooks.onConnected) listener();
    await until(book, (s) => s.loaded && s.threads.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lists = requested.length;

    // Current: a reply travels alone and is merged.
    const replied = await api<ThreadView>("borealia", "POST", `/${thread.id}/replies`, { body: "Merged" });
    live(hooks, { cursor: replied.version, threads: [{ ...replied, partial: true, comments: replied.comments.slice(-1) }] });
    expect(book.state.threads[0]!.comments.map((c) => c.body)).toEqual(["Start", "Merged"]);
    expect(requested.length).toBe(lists);

    // After a reconnection, until the list is back, a change is not merged into what may be stale: the list
    // is asked again. The catch-up is answered from the server as it was before two more replies, and that
    // answer is held back until the second reply's live change has arrived.
    const pageFetch = globalThis.fetch;
    let answered!: () => void;
    const reachedServer = new Promise<void>((resolve) => (answered = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    vi.stubGlobal("fetch", async (path: string, init?: RequestInit) => {
      const answer = await pageFetch(path, init);
      if (path.startsWith("/") && holding) {
        holding = false;
        answered();
        await held;
      }
      return answer;
    });
    for (const listener of hooks.onConnected) listener();
    await reachedServer;
    await api<ThreadView>("borealia", "POST", `/${thread.id}/replies`, { body: "Missed while away" });
    const third = await api<ThreadView>("borealia", "POST", `/${thread.id}/replies`, { body: "Arrived live" });
    live(hooks, { cursor: third.version, threads: [{ ...third, partial: true, comments: third.comments.slice(-1) }] });
    expect(book.state.threads[0]!.comments.map((c) => c.body)).toEqual(["Start", "Merged"]);
    release();
    const state = await until(book, (s) => s.threads[0]!.comments.length === 4);
    expect(state.threads[0]!.comments.map((c) => c.body)).toEqual(["Start", "Merged", "Missed while away", "Arrived live"]);
  });

  it("tries a failed list again by itself, without waiting for a reconnection", async () => {
    const [a] = await pids();
    await api<ThreadView>("arcadia", "POST", "", { pid: a, body: "Eventually" });
    await browserAs("civil");
    const real = globalThis.fetch;
    let failures = 1;
    vi.stubGlobal("fetch", async (path: string, init?: RequestInit) => {
      if (path.startsWith("/") && failures-- > 0) return new Response(JSON.stringify({ error: "unavailable", message: "" }), { status: 503 });
      return real(path, init);
    });
    const { book } = open("delegate");
    await until(book, (s) => s.failed);
    const state = await until(book, (s) => s.loaded && !s.failed);
    expect(state.threads.map((t) => t.comments[0]!.body)).toEqual(["Eventually"]);
  });

  it("drops an observer's threads when comments are hidden from observers, and fetches them all when shown again", async () => {
    const [a] = await pids();
    await api<ThreadView>("arcadia", "POST", "", { pid: a, body: "Visible" });
    await browserAs("observer");
    const { book, hooks } = open("observer");
    await until(book, (s) => s.threads.length === 1);

    await api("secretariat", "PUT", "/settings", { observersSee: false });
    live(hooks, { cursor: 1, threads: [], settings: { observersSee: false } });
    expect(book.state).toMatchObject({ threads: [], hiddenFromMe: true });
    await until(book, (s) => s.loaded && s.hiddenFromMe);

    await api<ThreadView>("arcadia", "POST", "", { pid: a, body: "Written while hidden" });
    await api("secretariat", "PUT", "/settings", { observersSee: true });
    live(hooks, { cursor: 2, threads: [], settings: { observersSee: true } });
    const shown = await until(book, (s) => !s.hiddenFromMe && s.threads.length === 2);
    expect(shown.threads.map((t) => t.comments[0]!.body)).toEqual(["Visible", "Written while hidden"]);
  });
});
