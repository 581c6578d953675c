import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Overview } from "../../shared/document/overview.js";
import type { ProposalCompilation, ProposalView } from "../../schemas/proposals.js";
import { plainText, readBlocks } from "../../shared/document/yBlocks.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";
import { syncedClient, type YClient } from "../helpers/yClient.js";

/**
 * Proposals through the API: a delegation drafts a MOD on a paragraph of the
 * text (shown as struck and underlined runs of the base words), nobody else
 * reads the draft until it is submitted, and every bad request is refused
 * clearly with nothing stored.
 */
describe("proposals against a document's text", () => {
  let server: TestServer;
  let docId: string;
  let paragraphs: Overview["paragraphs"];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const who of ["chair", "arcadia", "borealia", "observer"]) cookies[who] = await server.login(`${who}@demo.accord`);
    docId = await server.documentId(cookies.chair!, "Declaration");
    paragraphs = ((await (await fetch(`${server.url}/api/documents/${docId}/overview`, { headers: { cookie: cookies.chair! } })).json()) as Overview).paragraphs;
  });
  afterAll(() => server.close());

  const post = (who: string, path: string, body?: unknown) => fetch(`${server.url}/api/documents/${docId}/proposals${path}`, {
    method: "POST", headers: { cookie: cookies[who]!, origin: server.origin, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const list = async (who: string) =>
    (await (await fetch(`${server.url}/api/documents/${docId}/proposals`, { headers: { cookie: cookies[who]! } })).json()) as ProposalView[];
  const stored = () => server.accord.db.prepare("SELECT count(*) FROM proposals").pluck().get() as number;
  const plainParagraph = () => paragraphs.find((p) => p.status === "open" && p.brackets === 0)!;
  /** A paragraph's words as a raw Yjs client reads them. */
  const baseText = async (pid: string) => {
    const clients: YClient[] = [];
    const client = await syncedClient(server, docId, cookies.observer!, clients);
    const text = plainText(readBlocks(client.doc).find((b) => b.pid === pid)!);
    client.destroy();
    return text;
  };

  it("drafts a MOD seen only by its delegation, as struck and underlined words, until it is submitted", async () => {
    const { pid } = plainParagraph();
    const base = await baseText(pid);
    const words = base.split(" ");
    const proposed = [...words.slice(0, 2), "resolutely", ...words.slice(3)].join(" ");
    const created = await post("arcadia", "", { kind: "MOD", pid, text: proposed, reasons: "Stronger wording.", id: "ARC/12A3/1" });
    expect(created.status).toBe(201);
    const mod = (await created.json()) as ProposalView;
    expect(mod).toMatchObject({ id: "ARC/12A3/1", kind: "MOD", status: "draft", base, text: proposed, proposer: { delegation: "Republic of Arcadia" } });
    expect(mod.runs!.filter((r) => r.kind === "delete").map((r) => r.text.trim())).toEqual([words[2]]);
    expect(mod.runs!.filter((r) => r.kind === "insert").map((r) => r.text.trim())).toEqual(["resolutely"]);

    for (const other of ["borealia", "observer", "chair"]) expect((await list(other)).map((p) => p.id)).not.toContain("ARC/12A3/1");
    expect((await post("borealia", `/${encodeURIComponent("ARC/12A3/1")}/submit`)).status).toBe(404);

    const submitted = await post("arcadia", `/${encodeURIComponent("ARC/12A3/1")}/submit`);
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ status: "submitted", submittedAt: expect.any(String) });
    for (const other of ["borealia", "observer", "chair"]) expect((await list(other)).map((p) => p.id)).toContain("ARC/12A3/1");
    // Another delegation may read it, not withdraw it; submitting twice is refused.
    expect((await post("borealia", `/${encodeURIComponent("ARC/12A3/1")}/withdraw`)).status).toBe(403);
    expect((await post("arcadia", `/${encodeURIComponent("ARC/12A3/1")}/submit`)).status).toBe(409);
  });

  it("numbers proposals by the delegation when no id is given, and takes ADD, SUP and NOC", async () => {
    const [first, second] = paragraphs.filter((p) => p.status === "open");
    const add = (await (await post("borealia", "", { kind: "ADD", pid: first!.pid, text: "A new paragraph.", reasons: "Gap." })).json()) as ProposalView;
    const sup = (await (await post("borealia", "", { kind: "SUP", pid: second!.pid, reasons: "Redundant." })).json()) as ProposalView;
    expect([add.id, sup.id]).toEqual(["BOR/1", "BOR/2"]);
    expect(add).toMatchObject({ kind: "ADD", base: "", runs: null });
    expect(sup).toMatchObject({ kind: "SUP", text: null });
  });

  it("refuses bad proposals clearly and stores nothing", async () => {
    const { pid } = plainParagraph();
    const before = stored();
    const refusals: [string, unknown, number, string][] = [
      ["arcadia", { kind: "MOD", pid: "pNoSuchParagraph", text: "x", reasons: "" }, 400, "unknown_paragraph"],
      ["arcadia", { kind: "MOD", pid, reasons: "no text" }, 400, "invalid_body"],
      ["arcadia", { kind: "SUP", pid, text: "text", reasons: "" }, 400, "invalid_body"],
      ["arcadia", { kind: "NOC", pid, reasons: "x".repeat(5_001) }, 400, "invalid_body"],
      ["arcadia", { kind: "NOC", pid, reasons: "", id: "not an id" }, 400, "invalid_body"],
      ["arcadia", { kind: "NOC", pid, reasons: "", id: "ARC/12A3/1" }, 409, "proposal_id_taken"],
      ["observer", { kind: "NOC", pid, reasons: "" }, 403, "forbidden"],
    ];
    for (const [who, body, status, error] of refusals) {
      const res = await post(who, "", body);
      expect([JSON.stringify(body).slice(0, 60), res.status]).toEqual([JSON.stringify(body).slice(0, 60), status]);
      expect(((await res.json()) as { error: string }).error).toBe(error);
    }
    expect(stored()).toBe(before);

    server.accord.db.prepare("UPDATE documents SET proposals_open = 0 WHERE id = ?").run(docId);
    const closed = await post("arcadia", "", { kind: "NOC", pid, reasons: "" });
    expect([closed.status, ((await closed.json()) as { error: string }).error]).toEqual([409, "proposals_closed"]);
    server.accord.db.prepare("UPDATE documents SET proposals_open = 1 WHERE id = ?").run(docId);
    expect(stored()).toBe(before);
  });

  it("compiles the submitted proposals by paragraph, side by side, with competing MODs shown as a conflict", async () => {
    const target = paragraphs.filter((p) => p.status === "open" && p.brackets === 0)[1]!;
    const base = await baseText(target.pid);
    const words = base.split(" ");
    const replacing = (word: string) => [...words.slice(0, 1), word, ...words.slice(2)].join(" ");
    const made: string[] = [];
    for (const [who, body] of [
      ["arcadia", { kind: "MOD", pid: target.pid, text: replacing("firmly"), reasons: "Firmer." }],
      ["borealia", { kind: "MOD", pid: target.pid, text: replacing("gently"), reasons: "Softer." }],
      ["borealia", { kind: "ADD", pid: target.pid, text: "A paragraph after it.", reasons: "Missing." }],
    ] as const) {
      const created = (await (await post(who, "", body)).json()) as ProposalView;
      expect((await post(who, `/${encodeURIComponent(created.id)}/submit`)).status).toBe(200);
      made.push(created.id);
    }
    // A draft stays out of the compilation.
    const draft = (await (await post("arcadia", "", { kind: "NOC", pid: target.pid, reasons: "Draft only." })).json()) as ProposalView;

    const compile = async (query = "") => {
      const res = await fetch(`${server.url}/api/documents/${docId}/proposals/compilation${query}`, { headers: { cookie: cookies.observer! } });
      expect(res.status).toBe(200);
      return (await res.json()) as ProposalCompilation;
    };
    const all = await compile();
    const block = all.blocks.find((b) => b.pid === target.pid)!;
    expect(block.text).toBe(base);
    expect(block.proposals.map((p) => p.id)).toEqual(made);
    expect(block.proposals.map((p) => p.id)).not.toContain(draft.id);
    expect(block.conflicts).toEqual([[made[0], made[1]]]);
    expect(all.orphans).toEqual([]);

    const arcadiaOnly = await compile(`?delegation=${encodeURIComponent("Republic of Arcadia")}`);
    expect(arcadiaOnly.blocks.find((b) => b.pid === target.pid)!.proposals.map((p) => p.id)).toEqual([made[0]]);
    const adds = await compile("?kind=ADD");
    expect(adds.counts).toEqual({ MOD: 0, ADD: adds.counts.ADD, SUP: 0, NOC: 0 });
    expect(adds.blocks.find((b) => b.pid === target.pid)!.proposals.map((p) => p.id)).toEqual([made[2]]);
    expect((await fetch(`${server.url}/api/documents/${docId}/proposals/compilation?kind=XYZ`, { headers: { cookie: cookies.observer! } })).status).toBe(400);
  });
});
