import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CreatedScreenLink, OpenedScreen, ScreenLinkView } from "../../schemas/screenLinks.js";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { ACCORD_SUBPROTOCOL, MessageType, writeAuthorsRequest } from "../../shared/collab/messages.js";
import { ROOM_STATE_KEY } from "../../shared/collab/presence.js";
import { SCREEN_REVOKED_REASON, screenSubprotocol } from "../../shared/collab/screenProtocol.js";
import { screenSessionId } from "../../server/screens/screenIdentity.js";
import { typeAtEnd } from "../helpers/documentEdits.js";
import { openRaw, type RawClient } from "../helpers/rawClient.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { eventually, fragmentText, syncedClient, type YClient } from "../helpers/yClient.js";

/** A hall screen: a stock y-websocket provider offering the link's key as a subprotocol, and no cookie at all. */
interface Screen {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves with the code of the first close the server sends. */
  closed: Promise<number>;
  /** Every close so far, in order, the provider reconnecting after each. */
  closes: { code: number; reason: string }[];
}

/** How the server answered a websocket upgrade, in words a test compares. */
const REVOKED = `closed ${CloseCode.SessionEnded} ${SCREEN_REVOKED_REASON}`;

describe("read-only screen links", () => {
  let server: TestServer;
  let docId: string;
  let otherDocId: string;
  let secretariat: string;
  const clients: YClient[] = [];
  const screens: Screen[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    secretariat = await server.login("secretariat@demo.accord");
    docId = await server.documentId(secretariat, "Declaration");
    otherDocId = (await server.documents(secretariat)).find((d) => d.id !== docId)!.id;
  });
  afterEach(async () => {
    for (const screen of screens.splice(0)) {
      screen.provider.destroy();
      screen.doc.destroy();
    }
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
  });

  /** A JSON request to the API as `cookie` (none: signed out), from the server's own origin. */
  function api(method: string, path: string, cookie: string | null, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { origin: server.origin };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  async function createLink(label: string, documentId = docId): Promise<CreatedScreenLink> {
    const res = await api("POST", `/api/documents/${documentId}/screen-links`, secretariat, { label });
    expect(res.status).toBe(201);
    return CreatedScreenLink.parse(await res.json());
  }

  async function listLinks(): Promise<ScreenLinkView[]> {
    const res = await api("GET", `/api/documents/${docId}/screen-links`, secretariat);
    expect(res.status).toBe(200);
    return ((await res.json()) as { links: unknown[] }).links.map((l) => ScreenLinkView.parse(l));
  }

  function openScreen(key: string, documentId = docId): Screen {
    const origin = server.origin;
    class ScreenSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { origin } });
      }
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.wsBase, documentId, doc, {
      WebSocketPolyfill: ScreenSocket as unknown as typeof globalThis.WebSocket,
      protocols: [ACCORD_SUBPROTOCOL, screenSubprotocol(key)], disableBc: true, maxBackoffTime: 500,
    });
    const closed = new Promise<number>((resolve) => provider.once("connection-close", (event) => resolve(event?.code ?? 0)));
    const closes: Screen["closes"] = [];
    provider.on("connection-close", (event) => closes.push({ code: event?.code ?? 0, reason: event?.reason ?? "" }));
    const screen = { doc, provider, closed, closes };
    screens.push(screen);
    return screen;
  }

  const synced = (screen: Screen) => new Promise<void>((resolve) => {
    if (screen.provider.synced) resolve();
    else screen.provider.once("sync", () => resolve());
  });

  /** A raw socket offering `protocols` (no cookie unless in `headers`), or the HTTP status its upgrade was refused with. */
  async function rawSocket(protocols: string[], documentId = docId, headers: Record<string, string> = {}, query = ""): Promise<RawClient | string> {
    try {
      return await openRaw(`${server.wsBase}/${documentId}${query}`, { origin: server.origin, ...headers }, protocols);
    } catch (err) {
      return (err as Error).message;
    }
  }

  /**
   * How the server answers a socket offering `protocols`: "status N" when it
   * refuses the upgrade, "closed <code> <reason>" when it closes the socket
   * before sending anything, "open <protocol>" once the room sends its first frame.
   */
  async function upgradeAnswer(protocols: string[], documentId = docId, headers: Record<string, string> = {}, query = ""): Promise<string> {
    const raw = await rawSocket(protocols, documentId, headers, query);
    if (typeof raw === "string") return raw;
    const answer = await new Promise<string>((resolve) => {
      if (raw.frames.length > 0) resolve(`open ${raw.ws.protocol}`);
      raw.ws.once("message", () => resolve(`open ${raw.ws.protocol}`));
      raw.ws.once("close", (code, reason) => resolve(`closed ${code} ${reason.toString()}`));
    });
    raw.ws.terminate();
    return answer;
  }

  /** The subprotocols a screen offers for `key`. */
  const offering = (key: string) => [ACCORD_SUBPROTOCOL, screenSubprotocol(key)];

  const auditOf = (action: string) =>
    server.accord.db.prepare("SELECT user_id, detail FROM audit_log WHERE document_id = ? AND action = ? ORDER BY id")
      .all(docId, action) as { user_id: string | null; detail: string }[];

  it("lets the secretariat create links, shows each key once and lists them newest first without keys", async () => {
    const first = await createLink("Hall A, main screen");
    const second = await createLink("  Hall B  ");
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.path).toBe(`/documents/${docId}/screen#key=${first.key}`);
    expect(second.link).toMatchObject({ label: "Hall B", documentId: docId, createdBy: "Samira Okafor", revokedAt: null });

    const links = await listLinks();
    expect(links.map((l) => l.label)).toEqual(["Hall B", "Hall A, main screen"]);
    expect(JSON.stringify(links)).not.toContain(first.key);
    // Only the key's hash is stored.
    const stored = server.accord.db.prepare("SELECT key_hash FROM screen_links WHERE id = ?").pluck().get(first.link.id) as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(first.key);
    expect(auditOf("screen.created").map((r) => JSON.parse(r.detail) as unknown)).toEqual([
      { linkId: first.link.id, label: "Hall A, main screen" }, { linkId: second.link.id, label: "Hall B" },
    ]);
  });

  it("refuses everyone but the secretariat with 403, the signed-out with 401, an unreadable document with 404", async () => {
    const { link } = await createLink("Hall A");
    for (const who of ["chair", "arcadia", "observer"]) {
      const cookie = await server.login(`${who}@demo.accord`);
      for (const [method, path, body] of [
        ["GET", `/api/documents/${docId}/screen-links`, undefined],
        ["POST", `/api/documents/${docId}/screen-links`, { label: "Mine" }],
        ["DELETE", `/api/documents/${docId}/screen-links/${link.id}`, undefined],
      ] as const) {
        const res = await api(method, path, cookie, body);
        expect(res.status, `${who} ${method}`).toBe(403);
        expect(await res.json()).toMatchObject({ error: "forbidden", message: "Only the secretariat creates, lists and revokes screen links." });
      }
    }
    expect((await api("GET", `/api/documents/${docId}/screen-links`, null)).status).toBe(401);
    expect((await api("POST", `/api/documents/${docId}/screen-links`, null, { label: "x" })).status).toBe(401);
    const missing = await api("GET", "/api/documents/no-such-document/screen-links", secretariat);
    expect(missing.status).toBe(404);
    expect((await api("DELETE", `/api/documents/${otherDocId}/screen-links/${link.id}`, secretariat)).status).toBe(404);
    expect((await listLinks()).map((l) => l.revokedAt)).toEqual([null]);
  });

  it("refuses an invalid body with 400 and says which field", async () => {
    for (const body of [{ label: "   " }, { label: "x".repeat(101) }, {}, { label: "Hall", key: "chosen" }]) {
      const res = await api("POST", `/api/documents/${docId}/screen-links`, secretariat, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_body" });
    }
    const blank = await api("POST", `/api/documents/${docId}/screen-links`, secretariat, { label: "" });
    expect(await blank.json()).toMatchObject({ issues: [{ path: "label", message: "A screen link needs a name." }] });
    expect(await listLinks()).toEqual([]);
  });

  it("opens the document for the key without a session, and nothing for any other key", async () => {
    const { key, link } = await createLink("Hall A");
    const res = await api("POST", "/api/screens", null, { key });
    expect(res.status).toBe(200);
    const opened = OpenedScreen.parse(await res.json());
    expect(opened).toMatchObject({ label: "Hall A", document: { id: docId, draft: false } });
    expect(res.headers.get("set-cookie")).toBeNull();

    for (const wrong of [key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"), "nonsense"]) {
      const refused = await api("POST", "/api/screens", null, { key: wrong });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ error: "screen_link_not_found" });
    }
    expect((await api("POST", "/api/screens", null, { key: "" })).status).toBe(400);
    // Another site cannot make a browser open it: the origin guard stands as for signing in.
    const foreign = await fetch(`${server.url}/api/screens`, {
      method: "POST", headers: { origin: "https://evil.example", "content-type": "application/json" }, body: JSON.stringify({ key }),
    });
    expect(foreign.status).toBe(403);

    // A draft document's link opens nothing either, with the very same answer.
    server.accord.db.prepare("UPDATE documents SET draft = 1 WHERE id = ?").run(link.documentId);
    const draft = await api("POST", "/api/screens", null, { key });
    expect(draft.status).toBe(404);
    expect(await draft.json()).toMatchObject({ error: "screen_link_not_found" });
    expect(await upgradeAnswer(offering(key))).toBe(REVOKED);
  });

  it("syncs the document to a screen without a cookie and shows a delegate's edit live", async () => {
    const { key } = await createLink("Hall A");
    const screen = openScreen(key);
    const delegate = await syncedClient(server, docId, await server.login("arcadia@demo.accord"), clients);
    await synced(screen);
    expect(fragmentText(screen.doc)).toBe(delegate.text());
    typeAtEnd(delegate.doc, 3, " seen in the hall");
    await delegate.allSaved();
    await eventually(() => expect(fragmentText(screen.doc)).toContain(" seen in the hall"));
  });

  it("tells a screen nobody's presence, only the room's own facts", async () => {
    const { key } = await createLink("Hall B");
    const delegate = await syncedClient(server, docId, await server.login("arcadia@demo.accord"), clients);
    delegate.provider.awareness.setLocalStateField("cursor", null);
    const screen = openScreen(key);
    await synced(screen);
    // The room counts the screen as a screen: that news reaches it, the delegate's presence never does.
    await eventually(() => {
      const room = [...screen.provider.awareness.getStates().values()].find((state) => state[ROOM_STATE_KEY]);
      expect(room?.[ROOM_STATE_KEY]).toEqual({ observers: 0, screens: 1 });
    }, 6000);
    delegate.provider.awareness.setLocalStateField("cursor", null);
    await new Promise((r) => setTimeout(r, 1200));
    expect(screen.provider.awareness.getStates().has(delegate.doc.clientID)).toBe(false);
    expect([...screen.provider.awareness.getStates().values()].some((state) => "user" in state)).toBe(false);
  });

  it("refuses a screen's change as read-only, like an observer's, and the room goes on storing", async () => {
    const { key, link } = await createLink("Hall A");
    const screen = openScreen(key);
    await synced(screen);
    const delegate = await syncedClient(server, docId, await server.login("civil@demo.accord"), clients);
    typeAtEnd(screen.doc, 3, " SCREEN WAS HERE");
    expect(await screen.closed).toBe(CloseCode.Forbidden);
    typeAtEnd(delegate.doc, 3, " still stored");
    await delegate.allSaved();
    const refused = auditOf("update.refused");
    expect(refused).toHaveLength(1);
    // A screen is no account: the record names its link instead.
    expect(refused[0]!.user_id).toBeNull();
    expect(JSON.parse(refused[0]!.detail)).toMatchObject({ screenLink: link.id, reason: "Observers cannot change the document." });
    server = await server.restart();
    const reader = await syncedClient(server, docId, await server.login("civil@demo.accord"), clients);
    expect(reader.text()).toContain(" still stored");
    expect(reader.text()).not.toContain("SCREEN WAS HERE");
  });

  it("closes a screen at once with 4401 when its link is revoked; then the key opens nothing", async () => {
    const { key, link } = await createLink("Hall A");
    const screen = openScreen(key);
    const second = openScreen(key);
    await Promise.all([synced(screen), synced(second)]);
    const res = await api("DELETE", `/api/documents/${docId}/screen-links/${link.id}`, secretariat);
    expect(res.status).toBe(204);
    expect(await screen.closed).toBe(CloseCode.SessionEnded);
    expect(await second.closed).toBe(CloseCode.SessionEnded);

    expect((await api("POST", "/api/screens", null, { key })).status).toBe(404);
    // Upgraded and closed, so that a browser can read why (an HTTP refusal it cannot).
    expect(await upgradeAnswer(offering(key))).toBe(REVOKED);
    const [listed] = await listLinks();
    expect(listed!.revokedAt).not.toBeNull();
    // Revoking again changes nothing and records nothing more.
    expect((await api("DELETE", `/api/documents/${docId}/screen-links/${link.id}`, secretariat)).status).toBe(204);
    expect((await listLinks())[0]!.revokedAt).toBe(listed!.revokedAt);
    expect(auditOf("screen.revoked").map((r) => JSON.parse(r.detail) as unknown)).toEqual([{ linkId: link.id, label: "Hall A" }]);
  });

  it("closes a screen whose link another process revoked at the next check of open sockets, and only that one", async () => {
    const { key, link } = await createLink("Hall A");
    const keep = await createLink("Hall B");
    const screen = openScreen(key);
    const kept = openScreen(keep.key);
    await Promise.all([synced(screen), synced(kept)]);
    // As `npm run admin` or a hand in the database would: the rooms are not told.
    server.accord.db.prepare("UPDATE screen_links SET revoked_at = ? WHERE id = ?").run(new Date().toISOString(), link.id);
    expect(await screen.closed).toBe(CloseCode.SessionEnded);
    // The same check passed over the live link's screen, which has no account either, and left it open.
    await new Promise((r) => setTimeout(r, 300));
    expect(kept.provider.wsconnected).toBe(true);
  });

  it("closes a key at another document's address, a wrong key, an empty one and two at once alike with 4401", async () => {
    const { key } = await createLink("Hall A");
    const other = await createLink("Hall B");
    // The same answer for each, as for a revoked key: asking tells nothing about keys.
    expect(await upgradeAnswer(offering(key), otherDocId)).toBe(REVOKED);
    expect(await upgradeAnswer(offering(`${key}x`))).toBe(REVOKED);
    expect(await upgradeAnswer(offering("nonsense"))).toBe(REVOKED);
    expect(await upgradeAnswer([ACCORD_SUBPROTOCOL, "accord.screen."])).toBe(REVOKED);
    expect(await upgradeAnswer([...offering(key), screenSubprotocol(other.key)])).toBe(REVOKED);
    // A signed-in user with a dead key gets no fallback to their session: the key decides alone.
    expect(await upgradeAnswer(offering(`${key}x`), docId, { cookie: secretariat })).toBe(REVOKED);
    expect(await upgradeAnswer(offering(key), docId, { origin: "https://evil.example" })).toBe("status 403");
    expect(await upgradeAnswer([ACCORD_SUBPROTOCOL])).toBe("status 401");
    expect(await upgradeAnswer(offering(key))).toBe(`open ${ACCORD_SUBPROTOCOL}`);
  });

  it("takes the key only as a subprotocol, never from the URL, and never answers with it", async () => {
    const { key } = await createLink("Hall A");
    // The query string that proxies log opens nothing any more: without a session it is refused as no key at all.
    expect(await upgradeAnswer([ACCORD_SUBPROTOCOL], docId, {}, `?screen=${key}`)).toBe("status 401");
    expect(await upgradeAnswer([], docId, {}, `?screen=${key}`)).toBe("status 401");

    const raw = await rawSocket(offering(key));
    if (typeof raw === "string") throw new Error(raw);
    const answered = await new Promise<Record<string, string | string[] | undefined>>((resolve) => {
      const probe = new WebSocket(`${server.wsBase}/${docId}`, offering(key), { headers: { origin: server.origin } });
      probe.once("upgrade", (res) => resolve(res.headers));
      probe.once("open", () => probe.terminate());
    });
    // The server selects accord.v1, so the key is in no response header either.
    expect(raw.ws.protocol).toBe(ACCORD_SUBPROTOCOL);
    expect(answered["sec-websocket-protocol"]).toBe(ACCORD_SUBPROTOCOL);
    expect(JSON.stringify(answered)).not.toContain(key);
    raw.ws.terminate();
  });

  it("tells a screen away when its link was revoked, on reconnecting, with 4401 rather than refusing the upgrade", async () => {
    const { key, link } = await createLink("Hall A");
    const screen = openScreen(key);
    await synced(screen);
    // Revoked by another process while the screen's connection drops (the hall's network, a restart): no room
    // closes the screen for it, so what it hears is the answer to its next upgrade.
    server.accord.db.prepare("UPDATE screen_links SET revoked_at = ? WHERE id = ?").run(new Date().toISOString(), link.id);
    server.accord.rooms.closeSession(screenSessionId(link.id), CloseCode.GoingAway);
    await eventually(() => expect(screen.closes).toHaveLength(2));
    expect(screen.closes).toEqual([
      { code: CloseCode.GoingAway, reason: "server shutting down" },
      { code: CloseCode.SessionEnded, reason: SCREEN_REVOKED_REASON },
    ]);
  });

  it("gives a screen no authors: asking closes it with 4403", async () => {
    const { key } = await createLink("Hall A");
    const raw = await rawSocket(offering(key));
    if (typeof raw === "string") throw new Error(raw);
    await eventually(() => expect(raw.frames.length).toBeGreaterThan(0));
    raw.send(writeAuthorsRequest());
    expect(await raw.closed).toBe(CloseCode.Forbidden);
    expect(raw.frames.some((frame) => frame[0] === MessageType.Authors)).toBe(false);
    // An observer's socket still gets them, as before.
    const observer = await rawSocket([ACCORD_SUBPROTOCOL], docId, { cookie: await server.login("observer@demo.accord") });
    if (typeof observer === "string") throw new Error(observer);
    observer.send(writeAuthorsRequest());
    await eventually(() => expect(observer.frames.some((frame) => frame[0] === MessageType.Authors)).toBe(true));
    observer.ws.terminate();
  });

  it("refuses a name already used by a live link of the document with 409, and takes it again once that link is revoked", async () => {
    const { link } = await createLink("Room B");
    for (const label of ["Room B", "  room b "]) {
      const res = await api("POST", `/api/documents/${docId}/screen-links`, secretariat, { label });
      expect(res.status, label).toBe(409);
      expect(await res.json()).toMatchObject({
        error: "screen_link_name_taken", params: { label: label.trim() },
        message: `This document already has an active screen link named “${label.trim()}”; choose another name, or revoke that link first.`,
      });
    }
    // Another document's links are apart, and so is another name.
    await createLink("Room B", otherDocId);
    await createLink("Room B, side screen");
    expect((await listLinks()).map((l) => l.label)).toEqual(["Room B, side screen", "Room B"]);
    expect(auditOf("screen.created")).toHaveLength(2);

    expect((await api("DELETE", `/api/documents/${docId}/screen-links/${link.id}`, secretariat)).status).toBe(204);
    const again = await createLink("Room B");
    expect((await listLinks()).map((l) => [l.label, l.revokedAt === null])).toEqual([
      ["Room B", true], ["Room B, side screen", true], ["Room B", false],
    ]);
    expect(again.link.id).not.toBe(link.id);
  });

  it("words the socket cap for a screen as a screen link's, not an account's", async () => {
    await server.close();
    server = await startTestServer({ MAX_SOCKETS_PER_ACCOUNT: "2" }, server.dataDir);
    secretariat = await server.login("secretariat@demo.accord");
    const { key } = await createLink("Hall A");
    const open: RawClient[] = [];
    for (let i = 0; i < 2; i += 1) {
      const raw = await rawSocket(offering(key));
      if (typeof raw === "string") throw new Error(raw);
      open.push(raw);
    }
    expect(await upgradeAnswer(offering(key))).toBe(
      `closed ${CloseCode.TooManyConnections} This screen link already has 2 screens open, the most it may have; close one and reload.`);
    const cookie = await server.login("observer@demo.accord");
    for (let i = 0; i < 2; i += 1) {
      const raw = await rawSocket([ACCORD_SUBPROTOCOL], docId, { cookie });
      if (typeof raw === "string") throw new Error(raw);
      open.push(raw);
    }
    expect(await upgradeAnswer([ACCORD_SUBPROTOCOL], docId, { cookie })).toBe(
      `closed ${CloseCode.TooManyConnections} This account already has 2 connections to this document, the most it may have; close one and reload.`);
    for (const raw of open) raw.ws.terminate();
  });
});
