import fc from "fast-check";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserView } from "../../schemas/api.js";
import type { BracketAttrs } from "../../schemas/brackets.js";
import { isBracketAttribute } from "../../shared/brackets/fromDelta.js";
import { validateContent, describeProblem } from "../../shared/document/validateContent.js";
import { blockStateOf, contentOf } from "../../shared/document/yBlocks.js";
import { RoomProbe } from "../helpers/roomProbe.js";
import { startTestServer } from "../helpers/testServer.js";
import { connectYClient, eventually, type YClient } from "../helpers/yClient.js";
import { bracketBy, elementAt, findParagraph } from "../helpers/yDocEdits.js";

/**
 * Random raw Yjs changes, as a delegate's or an observer's own client could
 * send them (other roots, node types, attributes, marks, text moved inside
 * brackets and agreed paragraphs), checked against the rules as the issue
 * states them, read independently of the server's code: whatever the server
 * accepts keeps the document inside the allow-list and keeps what the sender
 * may not touch untouched, item by item; whatever it refuses leaves no trace;
 * and a witness client and the database after a restart agree.
 */

/** What a generated change does to the sender's copy of the document. */
type Command =
  | { op: "type"; block: number; at: number; text: string }
  | { op: "delete"; block: number; at: number; length: number }
  | { op: "retype"; block: number; at: number; length: number }
  | { op: "format"; block: number; at: number; length: number; key: string; value: ValueChoice }
  /** Formats a stretch with a bracket already in the block: taking it off there, or putting it on there. */
  | { op: "reuseBracket"; block: number; at: number; length: number; off: boolean }
  | { op: "setAttribute"; block: number; key: string; value: ValueChoice }
  | { op: "removeAttribute"; block: number; key: string }
  | { op: "insertBlock"; at: number; node: string; attrs: [string, ValueChoice][]; text: string }
  | { op: "insertTopText"; at: number; text: string }
  | { op: "deleteBlock"; at: number }
  | { op: "insertInline"; block: number; node: string }
  | { op: "textAttribute"; block: number; key: string }
  | { op: "otherRoot"; kind: "map" | "text" | "array" };

/** Values a change may write, resolved against the document and the sender when applied. */
type ValueChoice =
  | "empty" | "null" | "true" | "open" | "agreed" | "deleted" | "weird" | "one" | "two" | "oneText"
  | "label" | "freshPid" | "takenPid" | "ownBracket" | "othersBracket" | "brokenBracket";

const values: ValueChoice[] = ["empty", "null", "true", "open", "agreed", "deleted", "weird", "one", "two", "oneText",
  "label", "freshPid", "takenPid", "ownBracket", "othersBracket", "brokenBracket"];

const small = fc.nat({ max: 60 });
const word = fc.constantFrom("a", "shall", " ensure", "[x]", "", "ü€", "  ");
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant("type" as const), block: small, at: small, text: word }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("delete" as const), block: small, at: small, length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("retype" as const), block: small, at: small, length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("format" as const), block: small, at: small, length: fc.integer({ min: 1, max: 12 }),
    key: fc.constantFrom("bold", "italic", "strike", "bracket--abcdefgh", "bracket", "bracket--x"), value: fc.constantFrom(...values) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("reuseBracket" as const), block: small, at: small, length: fc.integer({ min: 1, max: 20 }), off: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("setAttribute" as const), block: small,
    key: fc.constantFrom("pid", "status", "level", "frozenLabel", "part", "color"), value: fc.constantFrom(...values) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("removeAttribute" as const), block: small, key: fc.constantFrom("pid", "status", "level", "frozenLabel") }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("insertBlock" as const), at: small,
    node: fc.constantFrom("paragraph", "paragraph", "sectionHeading", "table", "hardBreak"),
    attrs: fc.array(fc.tuple(fc.constantFrom("pid", "status", "level", "frozenLabel", "color"), fc.constantFrom(...values)), { maxLength: 4 }),
    text: word }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("insertTopText" as const), at: small, text: word }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("deleteBlock" as const), at: small }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("insertInline" as const), block: small, node: fc.constantFrom("hardBreak", "paragraph", "img") }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("textAttribute" as const), block: small, key: fc.constantFrom("lang", "bold") }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("otherRoot" as const), kind: fc.constantFrom("map" as const, "text" as const, "array" as const) }) },
);

let freshPids = 0;

function resolve(choice: ValueChoice, doc: Y.Doc, sender: UserView, other: UserView): unknown {
  switch (choice) {
    case "empty": return {};
    case "null": return null;
    case "true": return true;
    case "open": case "agreed": case "deleted": case "weird": return choice;
    case "one": return 1;
    case "two": return 2;
    case "oneText": return "1";
    case "label": return "7";
    case "freshPid": return `pGenerated${freshPids++}`;
    case "takenPid": return (contentOf(doc).get(3) as Y.XmlElement).getAttribute("pid");
    case "ownBracket": return bracketBy(sender, `b${freshPids++}`);
    case "othersBracket": return bracketBy(other, `b${freshPids++}`);
    case "brokenBracket": return { id: "", userId: 5 };
  }
}

/** Makes the commands on `doc` in one transaction, as one update. */
function apply(doc: Y.Doc, commands: Command[], sender: UserView, other: UserView): void {
  const fragment = contentOf(doc);
  const elementAt = (i: number) => {
    const node = fragment.length > 0 ? fragment.get(i % fragment.length) : null;
    return node instanceof Y.XmlElement ? node : null;
  };
  const textOf = (element: Y.XmlElement | null) => {
    const text = element?.toArray().find((c) => c instanceof Y.XmlText);
    return text instanceof Y.XmlText ? text : null;
  };
  doc.transact(() => {
    for (const c of commands) {
      switch (c.op) {
        case "type": {
          const text = textOf(elementAt(c.block));
          if (text) text.insert(Math.min(c.at, text.length), c.text);
          break;
        }
        case "delete": {
          const text = textOf(elementAt(c.block));
          if (text && text.length > 0) text.delete(Math.min(c.at, text.length - 1), Math.min(c.length, text.length - Math.min(c.at, text.length - 1)));
          break;
        }
        case "retype": {
          const text = textOf(elementAt(c.block));
          if (!text || text.length === 0) break;
          const at = Math.min(c.at, text.length - 1);
          const length = Math.min(c.length, text.length - at);
          let offset = 0;
          const ops: { insert: string; attributes?: Record<string, unknown> }[] = [];
          for (const op of text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]) {
            const from = Math.max(at, offset);
            const to = Math.min(at + length, offset + op.insert.length);
            if (from < to) ops.push({ insert: op.insert.slice(from - offset, to - offset), attributes: op.attributes });
            offset += op.insert.length;
          }
          text.delete(at, length);
          let pos = at;
          for (const op of ops) {
            text.insert(pos, op.insert, op.attributes ?? {});
            pos += op.insert.length;
          }
          break;
        }
        case "format": {
          const text = textOf(elementAt(c.block));
          if (text && text.length > 0) {
            const at = Math.min(c.at, text.length - 1);
            text.format(at, Math.min(c.length, text.length - at), { [c.key]: resolve(c.value, doc, sender, other) });
          }
          break;
        }
        case "reuseBracket": {
          const text = textOf(elementAt(c.block));
          const op = (text?.toDelta() as { attributes?: Record<string, unknown> }[] | undefined)
            ?.flatMap((d) => Object.entries(d.attributes ?? {})).find(([k]) => isBracketAttribute(k));
          if (!text || !op || text.length === 0) break;
          const at = Math.min(c.at, text.length - 1);
          text.format(at, Math.min(c.length, text.length - at), { [op[0]]: c.off ? null : op[1] });
          break;
        }
        case "setAttribute":
          elementAt(c.block)?.setAttribute(c.key, resolve(c.value, doc, sender, other) as string);
          break;
        case "removeAttribute":
          elementAt(c.block)?.removeAttribute(c.key);
          break;
        case "insertBlock": {
          const element = new Y.XmlElement(c.node);
          for (const [key, value] of c.attrs) element.setAttribute(key, resolve(value, doc, sender, other) as string);
          element.insert(0, [new Y.XmlText(c.text)]);
          fragment.insert(Math.min(c.at, fragment.length), [element]);
          break;
        }
        case "insertTopText":
          fragment.insert(Math.min(c.at, fragment.length), [new Y.XmlText(c.text)]);
          break;
        case "deleteBlock":
          if (fragment.length > 0) fragment.delete(c.at % fragment.length, 1);
          break;
        case "insertInline":
          elementAt(c.block)?.insert(0, [new Y.XmlElement(c.node)]);
          break;
        case "textAttribute":
          textOf(elementAt(c.block))?.setAttribute(c.key, "x");
          break;
        case "otherRoot":
          if (c.kind === "map") doc.getMap("extraMap").set("k", 1);
          else if (c.kind === "text") doc.getText("extraText").insert(0, "hidden");
          else doc.getArray("extraArray").insert(0, [1]);
          break;
      }
    }
  });
}

/** Ids of every live item in a type's subtree, attributes included. */
function liveItems(type: Y.AbstractType<unknown>, out = new Set<string>()): Set<string> {
  for (const item of type._map.values()) if (!item.deleted) out.add(`${item.id.client}:${item.id.clock}:${item.length}`);
  for (let item = type._start; item; item = item.right) {
    if (item.deleted) continue;
    out.add(`${item.id.client}:${item.id.clock}:${item.length}`);
    if (item.content instanceof Y.ContentType) liveItems(item.content.type as Y.AbstractType<unknown>, out);
  }
  return out;
}

/** What the rules protect, read from a document before a change. */
interface Protected {
  json: string;
  /** For each paragraph agreed or marked deleted: its element's id and every live item inside it. */
  frozen: { pid: string; element: Y.ID; items: Set<string> }[];
  /** pid -> frozen label, status, level of every block that has one. */
  blocks: Map<string, { frozenLabel: unknown; status: unknown; level: unknown }>;
  /** For every character: the ids of the brackets placed by someone other than the sender that hold it. */
  othersBracketed: Map<string, string>;
}

/** For every live character of the content: its id, and the sorted ids of the brackets of others around it. */
function othersBracketsByCharacter(doc: Y.Doc, sender: UserView): Map<string, string> {
  const out = new Map<string, string>();
  for (const node of contentOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      const active = new Map<string, BracketAttrs>();
      for (let item = child._start; item; item = item.right) {
        if (item.deleted) continue;
        if (item.content instanceof Y.ContentFormat && isBracketAttribute(item.content.key)) {
          if (item.content.value === null) active.delete(item.content.key);
          else active.set(item.content.key, item.content.value as BracketAttrs);
        } else if (item.content instanceof Y.ContentString) {
          const ids = [...active.values()].filter((b) => b.userId !== sender.id).map((b) => b.id).sort().join();
          for (let i = 0; i < item.length; i++) out.set(`${item.id.client}:${item.id.clock + i}`, ids);
        }
      }
    }
  }
  return out;
}

function readProtected(doc: Y.Doc, sender: UserView): Protected {
  const frozen: Protected["frozen"] = [];
  const blocks: Protected["blocks"] = new Map();
  for (const node of contentOf(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const attrs = node.getAttributes() as Record<string, unknown>;
    const pid = String(attrs.pid);
    blocks.set(pid, { frozenLabel: attrs.frozenLabel, status: attrs.status, level: attrs.level });
    if (attrs.status === "agreed" || attrs.status === "deleted") frozen.push({ pid, element: node._item!.id, items: liveItems(node as unknown as Y.AbstractType<unknown>) });
  }
  return { json: fingerprint(doc), frozen, blocks, othersBracketed: othersBracketsByCharacter(doc, sender) };
}

function fingerprint(doc: Y.Doc): string {
  const roots = [...doc.share.entries()].filter(([k, t]) => k !== "content" && (t._start !== null || t._map.size > 0)).map(([k]) => k);
  return JSON.stringify({ roots, content: contentOf(doc).toJSON() }).replace(/ marker[a-z0-9]+/g, "");
}

/**
 * Checks an accepted change of a delegate: returns what it broke, or null.
 * `ownClients` are the Yjs client ids whose changes the sender made and the
 * server took: words they wrote inside someone else's bracket the sender may
 * take out again, as long as the bracket keeps some.
 */
function brokenRule(before: Protected, after: Y.Doc, sender: UserView, ownClients: ReadonlySet<number>): string | null {
  const problems = validateContent(after);
  if (problems.length > 0) return `content outside the allow-list: ${describeProblem(problems[0]!)}`;
  const now = new Map<string, Y.XmlElement>();
  for (const node of contentOf(after).toArray()) if (node instanceof Y.XmlElement) now.set(String(node.getAttribute("pid")), node);
  for (const f of before.frozen) {
    const item = Y.getItem(after.store, f.element) as Y.Item;
    if (item.deleted) return `agreed paragraph ${f.pid} removed`;
    const items = liveItems((item.content as Y.ContentType).type as unknown as Y.AbstractType<unknown>);
    if ([...items].sort().join() !== [...f.items].sort().join()) return `items changed inside agreed paragraph ${f.pid}`;
  }
  for (const [pid, was] of before.blocks) {
    const element = now.get(pid);
    if (was.frozenLabel !== undefined && !element) return `revised paragraph ${pid} removed`;
    if (!element) continue;
    const attrs = element.getAttributes() as Record<string, unknown>;
    if (attrs.frozenLabel !== was.frozenLabel) return `frozen label of ${pid} changed`;
    if (attrs.status !== was.status) return `status of ${pid} changed`;
    if (attrs.level !== was.level) return `level of ${pid} changed`;
  }
  for (const [pid, element] of now) {
    if (before.blocks.has(pid)) continue;
    const state = blockStateOf(element);
    if (state && (state.frozenLabel !== null || state.status !== "open")) return `new paragraph ${pid} not open or labelled`;
  }
  const heldNow = othersBracketsByCharacter(after, sender);
  for (const [id, was] of before.othersBracketed) {
    const is = heldNow.get(id);
    const ownWords = ownClients.has(Number(id.split(":")[0]));
    if (is === undefined ? was !== "" && !ownWords : is !== was) return `someone else's bracket no longer holds the same characters (${was} -> ${is ?? "deleted"})`;
  }
  const holding = (held: Map<string, string>) => new Set([...held.values()].flatMap((ids) => (ids === "" ? [] : ids.split(","))));
  const stillHeld = holding(heldNow);
  for (const id of holding(before.othersBracketed)) if (!stillHeld.has(id)) return `someone else's bracket ${id} holds nothing any more`;
  return null;
}

describe("the allow-list under generated changes from raw clients", () => {
  let probe: RoomProbe;
  let witness: YClient;

  beforeAll(async () => {
    probe = await RoomProbe.open(await startTestServer(), "Declaration", ["chair", "civil", "observer", "arcadia"]);
    const chair = await probe.connect("chair");
    for (const status of ["agreed", "agreed", "deleted"]) {
      const index = findParagraph(chair.doc, (b) => b.status === "open" && b.runs.every((r) => r.brackets.length === 0));
      elementAt(chair.doc, index).element.setAttribute("status", status);
    }
    await chair.allSaved();
    const res = await fetch(`${probe.server.url}/api/documents/${probe.documentId}/revisions`, {
      method: "POST", headers: { cookie: probe.cookie("chair"), "content-type": "application/json" }, body: "{}",
    });
    expect(res.status).toBe(201);
    witness = await probe.connect("chair");
    await eventually(() => expect(readProtected(witness.doc, probe.users.civil!).blocks.size).toBeGreaterThan(40));
  });
  afterAll(async () => {
    probe.closeClients();
    await probe.server.close();
  });

  it("stores only what the rules permit, for a delegate and an observer, and the stored document is what others saw", async () => {
    let accepted = 0;
    let refused = 0;
    const ownClients = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("civil", "civil", "civil", "observer"), fc.array(command, { minLength: 1, maxLength: 2 }), async (who, commands) => {
        const sender = probe.users[who]!;
        const before = readProtected(witness.doc, sender);
        const client = connectYClient(probe.server.wsBase, probe.documentId, probe.cookie(who), probe.server.origin);
        try {
          await client.synced();
          const closed = new Promise<"closed">((r) => client.provider.once("connection-close", () => r("closed")));
          apply(client.doc, commands, sender, probe.users.arcadia!);
          const outcome = await Promise.race([closed, client.allSaved().then(() => "saved" as const)]);
          client.provider.shouldConnect = false;
          // An edit the chair makes now reaches the witness after anything relayed before it.
          const marker = ` marker${Math.random().toString(36).slice(2, 8)}`;
          const text = elementAt(witness.doc, findParagraph(witness.doc, (b) => b.status === "open")).text;
          text.insert(text.length, marker);
          await witness.allSaved();
          await eventually(() => expect(witness.text()).toContain(marker));
          if (outcome === "closed" || who === "observer") {
            expect(fingerprint(witness.doc)).toBe(before.json);
            if (outcome === "closed") refused += 1;
          } else {
            expect(brokenRule(before, witness.doc, sender, ownClients)).toBeNull();
            if (fingerprint(witness.doc) !== before.json) accepted += 1;
            ownClients.add(client.doc.clientID);
          }
        } finally {
          client.destroy();
        }
      }),
      { numRuns: 200 },
    );
    // Both sides of the rule were exercised.
    expect(accepted).toBeGreaterThan(3);
    expect(refused).toBeGreaterThan(10);
    const seen = fingerprint(witness.doc);
    expect(fingerprint(await probe.storedDoc())).toBe(seen);
  });
});
