import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProposalCompilation, ProposalView } from "../../schemas/proposals.js";
import { listBrackets } from "../../shared/brackets/tokens.js";
import type { Overview } from "../../shared/document/overview.js";
import * as Y from "yjs";
import { contentOf, plainText, readBlocks, type DocumentBlock } from "../../shared/document/yBlocks.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { eventually, syncedClient, type YClient } from "../helpers/yClient.js";

/**
 * Applying submitted proposals to the working draft, through the room: the
 * draft shows them in brackets attributed to their proposers (competing MODs
 * as one set of alternatives), or as agreed text; each paragraph remembers
 * the proposals it came from; clients editing the document see it live; and
 * whatever cannot be applied is refused with nothing stored.
 */
describe("applying proposals to the working draft", () => {
  let server: TestServer;
  let docId: string;
  let paragraphs: Overview["paragraphs"];
  const cookies: Record<string, string> = {};
  const clients: YClient[] = [];
  let watcher: YClient;

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ["chair", "arcadia", "borealia", "civil", "observer", "secretariat"]) cookies[who] = await server.login(`${who}@demo.accord`);
    docId = await server.documentId(cookies.chair!, "Declaration");
    paragraphs = ((await (await fetch(`${server.url}/api/documents/${docId}/overview`, { headers: { cookie: cookies.chair! } })).json()) as Overview).paragraphs;
    // Someone following the document live: what is applied reaches them without reloading.
    watcher = await syncedClient(server, docId, cookies.observer!, clients);
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
    return server.close();
  });

  const call = (who: string, method: string, path: string, body?: unknown) => fetch(`${server.url}/api/documents/${docId}/proposals${path}`, {
    method, headers: { cookie: cookies[who]!, origin: server.origin, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const at = (id: string) => `/${encodeURIComponent(id)}`;
  /** Drafts and submits a proposal; returns its id. */
  const propose = async (who: string, body: Record<string, unknown>): Promise<string> => {
    const created = await call(who, "POST", "", body);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as ProposalView;
    expect((await call(who, "POST", `${at(id)}/submit`)).status).toBe(200);
    return id;
  };
  const apply = (who: string, id: string, as: "bracketed" | "agreed") => call(who, "POST", `${at(id)}/apply`, { as });
  const open = () => paragraphs.filter((p) => p.status === "open" && p.brackets === 0);
  const blockIn = (pid: string): DocumentBlock | undefined => readBlocks(watcher.doc).find((b) => b.pid === pid);
  const stored = () => server.accord.db.prepare("SELECT count(*) FROM document_updates WHERE document_id = ?").pluck().get(docId) as number;

  it("applies two competing MODs as one set of alternatives naming both proposers, seen live", async () => {
    const { pid } = open()[0]!;
    const base = plainText(blockIn(pid)!);
    const words = base.split(" ");
    const replacing = (...replacement: string[]) => [...words.slice(0, 2), ...replacement, ...words.slice(4)].join(" ");
    const a = await propose("arcadia", { kind: "MOD", pid, text: replacing("should", "promote"), reasons: "Softer." });
    const b = await propose("borealia", { kind: "MOD", pid, text: replacing("must", "guarantee"), reasons: "Firmer." });

    const first = await apply("chair", a, "bracketed");
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "applied", applied: { pid, as: "bracketed", by: { name: "Jonas Lindqvist" } } });
    expect((await apply("chair", b, "bracketed")).status).toBe(200);

    const changed = `${words.slice(2, 4).join(" ")} should promote must guarantee`;
    await eventually(() => expect(plainText(blockIn(pid)!)).toBe([...words.slice(0, 2), changed, ...words.slice(4)].join(" ")));
    const brackets = listBrackets(blockIn(pid)!.runs);
    const sets = new Set(brackets.map((x) => x.bracket.alt));
    expect(sets.size).toBe(1);
    expect([...sets][0]).not.toBeNull();
    expect(brackets.map((x) => [x.altIndex, x.text, x.bracket.delegation])).toEqual([
      [1, words.slice(2, 4).join(" "), "Republic of Arcadia"],
      [2, "should promote", "Republic of Arcadia"],
      [3, "must guarantee", "Kingdom of Borealia"],
    ]);
    expect(brackets.map((x) => x.bracket.group)).toEqual(["governments", "governments", "governments"]);

    // The words are the proposers': the server's client ids that wrote them are bound to them.
    const owners = server.accord.db.prepare(
      "SELECT DISTINCT u.email FROM client_ids c JOIN users u ON u.id = c.user_id WHERE c.document_id = ? AND u.email IN ('arcadia@demo.accord', 'borealia@demo.accord')",
    ).pluck().all(docId);
    expect(owners.sort()).toEqual(["arcadia@demo.accord", "borealia@demo.accord"]);

    // The paragraph remembers the proposals it came from, and the compilation says they were applied.
    const compilation = (await (await call("observer", "GET", "/compilation")).json()) as ProposalCompilation;
    const onIt = compilation.blocks.find((x) => x.pid === pid)!.proposals;
    expect(onIt.filter((p) => p.applied?.pid === pid).map((p) => p.id).sort()).toEqual([a, b].sort());
    const audit = server.accord.db.prepare("SELECT detail FROM audit_log WHERE action = 'proposal.applied' AND document_id = ?").pluck().all(docId) as string[];
    expect(audit.map((d) => JSON.parse(d).id).sort()).toEqual([a, b].sort());

    // Applied once only.
    const again = await apply("chair", a, "bracketed");
    expect([again.status, ((await again.json()) as { error: string }).error]).toEqual([409, "wrong_status"]);
  });

  it("applies an ADD as a new bracketed paragraph after its block, and a SUP and a MOD as agreed", async () => {
    const [, after, dropped, agreed] = open();
    const add = await propose("civil", { kind: "ADD", pid: after!.pid, text: "Digital public goods serve everyone.", reasons: "A gap." });
    const added = (await (await apply("chair", add, "bracketed")).json()) as ProposalView;
    expect(added.applied!.pid).not.toBe(after!.pid);
    await eventually(() => expect(blockIn(added.applied!.pid)).toBeDefined());
    const blocks = readBlocks(watcher.doc);
    expect(blocks[blocks.findIndex((x) => x.pid === after!.pid) + 1]!.pid).toBe(added.applied!.pid);
    const newBlock = blockIn(added.applied!.pid)!;
    expect(newBlock).toMatchObject({ kind: "paragraph", status: "open" });
    expect(listBrackets(newBlock.runs).map((x) => [x.text, x.bracket.delegation, x.bracket.group]))
      .toEqual([["Digital public goods serve everyone.", "Digital Rights Network", "civil_society"]]);

    const sup = await propose("borealia", { kind: "SUP", pid: dropped!.pid, reasons: "Redundant." });
    expect((await apply("secretariat", sup, "agreed")).status).toBe(200);
    await eventually(() => expect(blockIn(dropped!.pid)!.status).toBe("deleted"));

    const base = plainText(blockIn(agreed!.pid)!);
    const proposed = `${base.replace(/\.$/, "")}, with the participation of all stakeholders.`;
    const mod = await propose("arcadia", { kind: "MOD", pid: agreed!.pid, text: proposed, reasons: "Inclusive." });
    expect((await apply("chair", mod, "agreed")).status).toBe(200);
    await eventually(() => expect(plainText(blockIn(agreed!.pid)!)).toBe(proposed));
    expect(listBrackets(blockIn(agreed!.pid)!.runs)).toEqual([]);
  });

  it("refuses what cannot be applied, and stores nothing", async () => {
    const [target] = open().slice(5);
    const base = plainText(blockIn(target!.pid)!);
    const words = base.split(" ");
    const mod = await propose("arcadia", { kind: "MOD", pid: target!.pid, text: [words[0], "resolutely", ...words.slice(1)].join(" "), reasons: "x" });
    const noc = await propose("borealia", { kind: "NOC", pid: target!.pid, reasons: "Fine as it is." });
    const withdrawn = await propose("borealia", { kind: "SUP", pid: target!.pid, reasons: "x" });
    expect((await call("borealia", "POST", `${at(withdrawn)}/withdraw`)).status).toBe(200);
    const updates = stored();
    const cases: [string, string, number, string][] = [
      ["arcadia", mod, 403, "forbidden"],
      ["observer", mod, 403, "forbidden"],
      ["chair", noc, 400, "nothing_to_apply"],
      ["chair", withdrawn, 409, "wrong_status"],
      ["chair", "XYZ/9", 404, "proposal_not_found"],
    ];
    for (const [who, id, status, error] of cases) {
      const res = await apply(who, id, "bracketed");
      expect([who, id, res.status, ((await res.json()) as { error: string }).error]).toEqual([who, id, status, error]);
    }
    const badBody = await call("chair", "POST", `${at(mod)}/apply`, { as: "sideways" });
    expect(badBody.status).toBe(400);

    // The words the MOD is about are changed since (by a facilitator's own proposal applied as agreed): it is stale.
    const rewrite = await propose("chair", { kind: "MOD", pid: target!.pid, text: `Entirely new words ${words.slice(2).join(" ")}`, reasons: "x" });
    expect((await apply("chair", rewrite, "agreed")).status).toBe(200);
    const afterRewrite = stored();
    expect(afterRewrite).toBeGreaterThan(updates);
    const stale = await apply("chair", mod, "bracketed");
    expect([stale.status, ((await stale.json()) as { error: string }).error]).toEqual([409, "proposal_stale"]);
    expect(stored()).toBe(afterRewrite);
    const list = (await (await call("arcadia", "GET", "")).json()) as ProposalView[];
    expect(list.find((p) => p.id === mod)!.status).toBe("submitted");
  });

  it("lets a delegation revise its own draft only, and the secretariat close the proposal period", async () => {
    const { pid } = open()[7]!;
    const created = (await (await call("arcadia", "POST", "", { kind: "NOC", pid, reasons: "First thoughts." })).json()) as ProposalView;
    const revised = await call("arcadia", "PATCH", at(created.id), { reasons: "Second thoughts." });
    expect(revised.status).toBe(200);
    expect(await revised.json()).toMatchObject({ reasons: "Second thoughts.", status: "draft" });
    expect((await call("borealia", "PATCH", at(created.id), { reasons: "Mine now." })).status).toBe(404);
    expect((await call("arcadia", "PATCH", at(created.id), { text: "A NOC has no text." })).status).toBe(400);
    expect((await call("arcadia", "PATCH", at(created.id), { reasons: "x".repeat(5_001) })).status).toBe(400);
    expect((await call("arcadia", "POST", `${at(created.id)}/submit`)).status).toBe(200);
    expect((await call("borealia", "PATCH", at(created.id), { reasons: "Mine now." })).status).toBe(403);
    expect((await call("arcadia", "PATCH", at(created.id), { reasons: "Too late." })).status).toBe(409);

    expect((await call("chair", "PUT", "/period", { open: false })).status).toBe(403);
    const closed = await call("secretariat", "PUT", "/period", { open: false });
    expect(await closed.json()).toEqual({ open: false });
    expect(await (await call("observer", "GET", "/period")).json()).toEqual({ open: false });
    const refused = await call("arcadia", "POST", "", { kind: "NOC", pid, reasons: "Late." });
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([409, "proposals_closed"]);
    expect((await call("secretariat", "PUT", "/period", { open: true })).status).toBe(200);
    expect((await call("arcadia", "POST", "", { kind: "NOC", pid, reasons: "On time." })).status).toBe(201);
    const periodAudit = server.accord.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'proposals.%' AND document_id = ?").pluck().all(docId);
    expect(periodAudit).toEqual(["proposals.closed", "proposals.opened"]);
  });

  it("starts a fresh demo with the Vision's proposals compiled, competing MODs in conflict, and applies them as alternatives", async () => {
    const visionId = await server.documentId(cookies.chair!, "Draft WSIS+20 Vision");
    const get = async (who: string, path: string) =>
      (await fetch(`${server.url}/api/documents/${visionId}/proposals${path}`, { headers: { cookie: cookies[who]! } })).json();
    const compilation = (await get("observer", "/compilation")) as ProposalCompilation;
    expect(compilation.counts).toEqual({ MOD: 2, ADD: 1, SUP: 1, NOC: 1 });
    expect(compilation.blocks.flatMap((b) => b.conflicts)).toEqual([["ARC/1", "BOR/1"]]);
    // The International Digital Development Agency's draft is its own.
    expect(((await get("chair", "")) as ProposalView[]).map((p) => p.id)).not.toContain("AGE/1");
    const igo = await server.login("igo@demo.accord");
    const own = (await (await fetch(`${server.url}/api/documents/${visionId}/proposals`, { headers: { cookie: igo } })).json()) as ProposalView[];
    expect(own.find((p) => p.id === "AGE/1")).toMatchObject({ status: "draft", kind: "MOD" });

    for (const id of ["ARC/1", "BOR/1"]) {
      const res = await fetch(`${server.url}/api/documents/${visionId}/proposals/${encodeURIComponent(id)}/apply`, {
        method: "POST", headers: { cookie: cookies.chair!, origin: server.origin, "content-type": "application/json" }, body: JSON.stringify({ as: "bracketed" }),
      });
      expect([id, res.status]).toEqual([id, 200]);
    }
    const reader = await syncedClient(server, visionId, cookies.observer!, clients);
    const block = readBlocks(reader.doc).find((b) => plainText(b).includes("environmental footprint"))!;
    expect(plainText(block)).toContain("must should shall be addressed");
    // The compilation shows the paragraph as negotiators read it, its brackets written in.
    const after = (await get("observer", "/compilation")) as ProposalCompilation;
    expect(after.blocks.find((b) => b.pid === block.pid)!.text).toContain("[Alt 1: must] [Alt 2: should] [Alt 3: shall] be addressed");
    expect(listBrackets(block.runs).filter((b) => b.bracket.alt !== null).map((b) => [b.altIndex, b.text, b.bracket.delegation])).toEqual([
      [1, "must", "Republic of Arcadia"],
      [2, "should", "Republic of Arcadia"],
      [3, "shall", "Kingdom of Borealia"],
    ]);
  });

  it("keeps nothing of an application that could not be stored, and the paragraph's rules are as before", async () => {
    const { pid } = open()[9]!;
    const base = plainText(blockIn(pid)!);
    const words = base.split(" ");
    const mod = await propose("arcadia", { kind: "MOD", pid, text: [...words.slice(0, 3), "promptly", ...words.slice(3)].join(" "), reasons: "x" });
    server.accord.db.exec("CREATE TRIGGER refuse_applied BEFORE INSERT ON audit_log WHEN NEW.action = 'proposal.applied' BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    const failed = await apply("chair", mod, "bracketed");
    expect(failed.status).toBe(500);
    server.accord.db.exec("DROP TRIGGER refuse_applied");
    expect(((await (await call("arcadia", "GET", "")).json()) as ProposalView[]).find((p) => p.id === mod)!.status).toBe("submitted");
    expect(plainText(blockIn(pid)!)).toBe(base);

    // A delegate types at the end of that paragraph: taken, as if the failed application had never been tried.
    const typist = await syncedClient(server, docId, cookies.borealia!, clients);
    const element = contentOf(typist.doc).toArray().find((e) => e instanceof Y.XmlElement && e.getAttribute("pid") === pid) as Y.XmlElement;
    const text = element.get(0) as Y.XmlText;
    text.insert(text.length, " Later words.");
    await typist.allSaved();
    await eventually(() => expect(plainText(blockIn(pid)!)).toBe(`${base} Later words.`));
    expect(typist.provider.wsconnected).toBe(true);

    expect((await apply("chair", mod, "bracketed")).status).toBe(200);
    await eventually(() => expect(listBrackets(blockIn(pid)!.runs).map((b) => b.text)).toEqual(["promptly"]));
  });
});
