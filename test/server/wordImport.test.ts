import { Document, Packer, Paragraph, TextRun } from "docx";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResponse } from "../../schemas/api.js";
import type { Overview } from "../../shared/document/overview.js";
import { startTestServer, type TestServer } from "../helpers/testServer.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A Word file made here with the docx library, one paragraph per line. */
async function wordFile(lines: string[]): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

describe("importing a Word file", () => {
  let server: TestServer;
  let secretariat: string;
  let bad: Record<"damaged" | "notWord" | "manyParts" | "bomb", Uint8Array>;
  beforeAll(async () => {
    // Made before any request: packing the bomb takes seconds, longer than an idle connection is kept.
    const valid = await wordFile(["Title", "1.\tText."]);
    bad = {
      damaged: valid.slice(0, Math.floor(valid.length / 2)),
      notWord: zipSync({ "notes.txt": strToU8("hello") }),
      manyParts: zipSync(Object.fromEntries(Array.from({ length: 2_100 }, (_, i) => [`part${i}.xml`, strToU8("<x/>")]))),
      // 200 MiB of zeros as word/document.xml: a few hundred KiB packed.
      bomb: zipSync({ "word/document.xml": new Uint8Array(200 * 1024 * 1024) }, { level: 9 }),
    };
    server = await startTestServer();
    secretariat = await server.login("secretariat@demo.accord");
  });
  afterAll(() => server.close());

  const post = (body: Uint8Array, type = DOCX, query = "") =>
    fetch(`${server.url}/api/documents/import${query}`, {
      method: "POST", headers: { cookie: secretariat, "content-type": type, origin: server.origin }, body: new Blob([body as Uint8Array<ArrayBuffer>]),
    });
  const count = (table: string) => server.accord.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

  it("gives the same structure as the same text imported as plain text", async () => {
    const lines = [
      "Draft outcome document on digital cooperation",
      "We, the participants in the review,",
      "1.\tReaffirm our commitment to [a people-centred] information society;",
      "2.\tRecognize the progress made since 2005;",
      "3.\tDecide to continue the review.",
    ];
    const fromWord = await post(await wordFile(lines), DOCX, "?language=en");
    expect(fromWord.status).toBe(201);
    const word = (await fromWord.json()) as ImportResponse;
    const fromText = await post(new TextEncoder().encode(lines.join("\n\n")), "text/plain", "?language=en");
    expect(fromText.status).toBe(201);
    const text = (await fromText.json()) as ImportResponse;

    expect(word.document.title).toBe(text.document.title);
    expect(word.paragraphs).toBe(3);
    const read = async (id: string) =>
      (await (await fetch(`${server.url}/api/documents/${id}/overview`, { headers: { cookie: secretariat } })).json()) as Overview;
    const [a, b] = [await read(word.document.id), await read(text.document.id)];
    expect(a.paragraphs.map((p) => [p.label, p.excerpt, p.brackets])).toEqual(b.paragraphs.map((p) => [p.label, p.excerpt, p.brackets]));
    expect(a.counts.brackets).toBe(1);
  });

  it("refuses a damaged file, a zip that is not Word, too many parts and a zip bomb, creating nothing", async () => {
    const before = [count("documents"), count("document_updates"), count("document_states"), count("audit_log")];
    const { damaged, notWord, manyParts, bomb } = bad;
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const cases: [string, Uint8Array, RegExp][] = [
      ["a damaged file", damaged, /not a readable Word/],
      ["a zip that is not Word", notWord, /not a Word document/],
      ["too many parts", manyParts, /2100 parts/],
      ["a zip bomb", bomb, /would unpack to 200 MiB/],
    ];
    for (const [what, body, message] of cases) {
      const res = await post(body);
      expect(res.status, what).toBe(400);
      const answer = (await res.json()) as { error: string; message: string };
      expect(answer.error, what).toBe("import_refused");
      expect(answer.message, what).toMatch(message);
    }
    expect([count("documents"), count("document_updates"), count("document_states"), count("audit_log")]).toEqual(before);
  });
});
