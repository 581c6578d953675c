import fc from "fast-check";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { CONTENT_FIELD } from "../../shared/collab/documentFields.js";
import { anchorQuote, blocksByPid, blockText, locateQuote, type QuoteAnchor } from "../../shared/comments/quoteAnchor.js";

/**
 * Quotes anchored with Yjs relative positions, against an independent model:
 * the paragraph as a plain string and the quote as two offsets into it, moved
 * by plain string arithmetic. Whatever happens strictly outside the quoted
 * words, locateQuote must find them intact exactly where the model says.
 */

/** One piece of a paragraph: a text, or a line break (an inline node, one unit, "\n"). */
type Piece = { text: string } | { hardBreak: true };

/** A document with one paragraph made of `pieces`, and that paragraph. */
function paragraphDoc(pieces: Piece[], pid = "p1"): { doc: Y.Doc; element: Y.XmlElement } {
  const doc = new Y.Doc();
  const element = new Y.XmlElement("paragraph");
  element.setAttribute("pid", pid);
  element.setAttribute("status", "open");
  element.insert(0, pieces.map((piece) => {
    if ("hardBreak" in piece) return new Y.XmlElement("hardBreak");
    const text = new Y.XmlText();
    text.insert(0, piece.text);
    return text;
  }));
  doc.getXmlFragment(CONTENT_FIELD).insert(0, [element]);
  return { doc, element };
}

/** The paragraph's text read independently: each text's characters, a line break "\n". */
function textOf(element: Y.XmlElement): string {
  return element.toArray().map((child) => (child instanceof Y.XmlText ? stringOf(child) : "\n")).join("");
}

function stringOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((d) => (typeof d.insert === "string" ? d.insert : "")).join("");
}

/** The paragraph's children with the block offset each starts at. */
function layout(element: Y.XmlElement): { child: Y.XmlText | Y.XmlElement; index: number; start: number; units: number }[] {
  let start = 0;
  return element.toArray().map((child, index) => {
    const units = child instanceof Y.XmlText ? child.length : 1;
    const entry = { child: child as Y.XmlText | Y.XmlElement, index, start, units };
    start += units;
    return entry;
  });
}

/** Inserts `text` at block offset `at`, into a text that contains that offset. */
function insertAt(element: Y.XmlElement, at: number, text: string, preferLater: boolean): void {
  const texts = layout(element).filter((e) => e.child instanceof Y.XmlText && e.start <= at && at <= e.start + e.units);
  const target = preferLater ? texts.at(-1) : texts[0];
  if (!target) throw new Error(`no text holds offset ${at}`);
  (target.child as Y.XmlText).insert(at - target.start, text);
}

/** Deletes block offsets [from, to): characters of texts, and line breaks whole. */
function deleteRange(element: Y.XmlElement, from: number, to: number): void {
  for (const entry of layout(element).reverse()) {
    const a = Math.max(from, entry.start);
    const b = Math.min(to, entry.start + entry.units);
    if (a >= b) continue;
    if (entry.child instanceof Y.XmlText) entry.child.delete(a - entry.start, b - a);
    else element.delete(entry.index, 1);
  }
}

/** Formats block offsets [from, to) of every text they touch (as a bracket would): no unit changes. */
function formatRange(element: Y.XmlElement, from: number, to: number, value: unknown): void {
  for (const entry of layout(element)) {
    if (!(entry.child instanceof Y.XmlText)) continue;
    const a = Math.max(from, entry.start);
    const b = Math.min(to, entry.start + entry.units);
    if (a < b) entry.child.format(a - entry.start, b - a, { "bracket--abcdefgh": value });
  }
}

/** Sends every change of `from` not yet in `to`. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function anchored(element: Y.XmlElement, text: string, offset?: number): QuoteAnchor & { offset: number } {
  const result = anchorQuote(element, text, offset);
  if ("problem" in result) throw new Error(`could not anchor ${JSON.stringify(text)}: ${result.problem}`);
  return result;
}

const alphabet = fc.constantFrom(..."abcdefghij klmnopqrstuvwxyz,.é€-".split(""));
const textArb = fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join(""));
/** Texts separated (or not) by line breaks; always a text first and last, so every offset lies in some text. */
const piecesArb = fc.record({
  first: textArb,
  rest: fc.array(fc.record({ hardBreak: fc.boolean(), text: textArb }), { maxLength: 3 }),
}).map(({ first, rest }) => {
  const pieces: Piece[] = [{ text: first }];
  for (const r of rest) {
    if (r.hardBreak) pieces.push({ hardBreak: true });
    pieces.push({ text: r.text });
  }
  return pieces;
});

/** An edit, interpreted against the model when applied: `side` says whether it falls before or after the quote. */
type Edit =
  | { op: "insert"; side: "before" | "after"; pos: number; text: string; preferLater: boolean; replica: boolean }
  | { op: "delete"; side: "before" | "after"; pos: number; length: number; replica: boolean }
  | { op: "lineBreak"; side: "before" | "after"; pos: number; replica: boolean }
  | { op: "format"; pos: number; length: number; replica: boolean };

const side = fc.constantFrom("before" as const, "after" as const);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("insert" as const), side, pos: fc.nat(), text: textArb.filter((t) => t.length > 0), preferLater: fc.boolean(), replica: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("delete" as const), side, pos: fc.nat(), length: fc.integer({ min: 1, max: 8 }), replica: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("lineBreak" as const), side, pos: fc.nat(), replica: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("format" as const), pos: fc.nat(), length: fc.integer({ min: 1, max: 20 }), replica: fc.boolean() }) },
);

describe("quote anchors", () => {
  it("find the quoted words intact, where a plain-string model puts them, through any edits outside them", () => {
    fc.assert(
      fc.property(piecesArb, fc.nat(), fc.nat(), fc.array(editArb, { maxLength: 25 }), (pieces, startSeed, lengthSeed, edits) => {
        const { doc, element } = paragraphDoc(pieces);
        let model = pieces.map((p) => ("hardBreak" in p ? "\n" : p.text)).join("");
        fc.pre(model.length > 0);
        expect(textOf(element)).toBe(model);
        expect(blockText(element)).toBe(model);

        let from = startSeed % model.length;
        let to = from + 1 + (lengthSeed % (model.length - from));
        const quoted = model.slice(from, to);
        const anchor = anchored(element, quoted, from);
        expect(anchor.offset).toBe(from);
        expect(locateQuote(doc, element, quoted, anchor)).toEqual({ state: "intact", from, to, text: quoted });

        // A second replica: edits come from either side and are exchanged as updates.
        const replica = new Y.Doc();
        sync(doc, replica);
        const replicaElement = blocksByPid(replica).get("p1")!;

        for (const edit of edits) {
          const target = edit.replica ? replicaElement : element;
          const before = from;
          const after = model.length - to;
          switch (edit.op) {
            case "insert":
            case "lineBreak": {
              const at = edit.side === "before" ? edit.pos % (before + 1) : to + (edit.pos % (after + 1));
              if (edit.op === "insert") insertAt(target, at, edit.text, edit.preferLater);
              else {
                // A line break splits the text holding the offset in two: the part away
                // from the quote moves to a new text (the quoted characters stay put).
                const holder = layout(target).find((e) => e.child instanceof Y.XmlText && e.start <= at && at <= e.start + e.units)!;
                const text = holder.child as Y.XmlText;
                const cut = at - holder.start;
                const whole = stringOf(text);
                target.doc!.transact(() => {
                  if (edit.side === "before") {
                    text.delete(0, cut);
                    target.insert(holder.index, [new Y.XmlText(whole.slice(0, cut)), new Y.XmlElement("hardBreak")]);
                  } else {
                    text.delete(cut, whole.length - cut);
                    target.insert(holder.index + 1, [new Y.XmlElement("hardBreak"), new Y.XmlText(whole.slice(cut))]);
                  }
                });
              }
              const inserted = edit.op === "insert" ? edit.text : "\n";
              model = model.slice(0, at) + inserted + model.slice(at);
              if (at <= from) {
                from += inserted.length;
                to += inserted.length;
              }
              break;
            }
            case "delete": {
              const a = edit.side === "before" ? edit.pos % (before + 1) : to + (edit.pos % (after + 1));
              const b = Math.min(edit.side === "before" ? from : model.length, a + edit.length);
              if (a >= b) continue;
              deleteRange(target, a, b);
              model = model.slice(0, a) + model.slice(b);
              if (b <= from) {
                from -= b - a;
                to -= b - a;
              }
              break;
            }
            case "format": {
              // Formatting (brackets) anywhere, the quoted words included: no unit moves.
              const a = edit.pos % model.length;
              formatRange(target, a, Math.min(model.length, a + edit.length), { id: "abcdefgh" });
              break;
            }
          }
          if (edit.replica) sync(replica, doc);
          else sync(doc, replica);
          expect(textOf(element)).toBe(model);
          expect(model.slice(from, to)).toBe(quoted);
          expect(locateQuote(doc, element, quoted, anchor)).toEqual({ state: "intact", from, to, text: quoted });
        }
        // The replica reads the same anchors the same way (as a browser would).
        expect(locateQuote(replica, replicaElement, quoted, { start: anchor.start, end: anchor.end }))
          .toEqual({ state: "intact", from, to, text: quoted });
      }),
      { numRuns: 400 },
    );
  });

  describe("examples", () => {
    const setUp = (pieces: Piece[], quote: string, offset?: number) => {
      const { doc, element } = paragraphDoc(pieces);
      const anchor = anchored(element, quote, offset);
      const locate = () => locateQuote(doc, element, quote, anchor);
      return { doc, element, anchor, locate, text: element.get(0) as Y.XmlText };
    };

    it("say deleted when the quoted words are deleted, exactly or with more around them, and keep nothing of them", () => {
      const exact = setUp([{ text: "Decides to convene a summit in 2030." }], "convene a summit");
      exact.text.delete(11, "convene a summit".length);
      expect(exact.locate()).toEqual({ state: "deleted", from: 11, to: 11, text: "" });

      const wider = setUp([{ text: "Decides to convene a summit in 2030." }], "a summit");
      wider.text.delete(8, 23);
      expect(wider.locate()).toMatchObject({ state: "deleted", text: "" });
    });

    it("say deleted when the paragraph is gone, or the anchors do not decode", () => {
      const gone = setUp([{ text: "Decides to convene a summit." }], "summit");
      gone.doc.getXmlFragment(CONTENT_FIELD).delete(0, 1);
      expect(gone.locate()).toMatchObject({ state: "deleted" });
      expect(locateQuote(gone.doc, undefined, "summit", gone.anchor)).toMatchObject({ state: "deleted" });

      const broken = setUp([{ text: "Decides to convene a summit." }], "summit");
      expect(locateQuote(broken.doc, broken.element, "summit", { start: new Uint8Array([255, 255]), end: broken.anchor.end }))
        .toMatchObject({ state: "deleted" });
    });

    it("say changed when words inside change, part of them go, or text is typed between them", () => {
      const word = setUp([{ text: "Urges all States to act without delay." }], "all States to act");
      word.text.delete(10, 6);
      word.text.insert(10, "Nations");
      expect(word.locate()).toEqual({ state: "changed", from: 6, to: 24, text: "all Nations to act" });

      const more = setUp([{ text: "Urges all States to act without delay." }], "all States to act");
      more.text.insert(10, "Member ");
      expect(more.locate()).toEqual({ state: "changed", from: 6, to: 30, text: "all Member States to act" });

      const part = setUp([{ text: "Urges all States to act without delay." }], "all States to act");
      part.text.delete(6, 4);
      expect(part.locate()).toEqual({ state: "changed", from: 6, to: 19, text: "States to act" });

      const typed = setUp([{ text: "Urges all States to act without delay." }], "States to");
      typed.text.insert(16, " are");
      expect(typed.locate()).toEqual({ state: "changed", from: 10, to: 23, text: "States are to" });

      const formatted = setUp([{ text: "Urges all States to act without delay." }], "States to");
      formatted.text.format(6, 20, { bold: true });
      expect(formatted.locate()).toEqual({ state: "intact", from: 10, to: 19, text: "States to" });
    });

    it("count a line break as one unit, anchor across it and at it, and see it deleted as a change", () => {
      const pieces: Piece[] = [{ text: "Recalls:" }, { hardBreak: true }, { text: "the Geneva principles" }];
      const across = setUp(pieces, ":\nthe");
      expect(across.anchor.offset).toBe(7);
      expect(across.locate()).toEqual({ state: "intact", from: 7, to: 12, text: ":\nthe" });
      across.element.delete(1, 1);
      expect(across.locate()).toEqual({ state: "changed", from: 7, to: 11, text: ":the" });

      // Quotes starting or ending on the line break itself.
      const startsAt = setUp(pieces, "\nthe");
      const endsAt = setUp(pieces, "Recalls:\n");
      for (const q of [startsAt, endsAt]) {
        (q.element.get(0) as Y.XmlText).insert(0, "Further ");
        (q.element.get(2) as Y.XmlText).insert(21, " and after");
      }
      expect(startsAt.locate()).toEqual({ state: "intact", from: 16, to: 20, text: "\nthe" });
      expect(endsAt.locate()).toEqual({ state: "intact", from: 8, to: 17, text: "Recalls:\n" });
    });

    it("keep the edges: typing right before or right after the quote stays outside it", () => {
      const q = setUp([{ text: "abc quoted def" }], "quoted");
      q.text.insert(4, ">>");
      q.text.insert(12, "<<");
      expect(q.locate()).toEqual({ state: "intact", from: 6, to: 12, text: "quoted" });

      const whole = setUp([{ text: "everything" }], "everything");
      whole.text.insert(0, "before ");
      whole.text.insert(17, " after");
      expect(whole.locate()).toEqual({ state: "intact", from: 7, to: 17, text: "everything" });
    });

    it("refuse a quote that is not there, is there twice without an offset, or is not at its offset", () => {
      const { element } = paragraphDoc([{ text: "the law and the order" }]);
      expect(anchorQuote(element, "chaos")).toEqual({ problem: "not_found" });
      expect(anchorQuote(element, "the")).toEqual({ problem: "ambiguous", occurrences: 2 });
      // An offset the words no longer stand at takes the occurrence nearest to it.
      expect(anchored(element, "the", 3).offset).toBe(0);
      expect(anchored(element, "the", 9).offset).toBe(12);
      expect(anchorQuote(element, "chaos", 0)).toEqual({ problem: "not_found" });
      expect(anchored(element, "the", 12).offset).toBe(12);
      expect(anchored(element, "order", 100).offset).toBe(16);
      const threeTimes = paragraphDoc([{ text: "aaa" }]).element;
      expect(anchorQuote(threeTimes, "a")).toEqual({ problem: "ambiguous", occurrences: 3 });
      expect(anchorQuote(threeTimes, "aa")).toEqual({ problem: "ambiguous", occurrences: 2 });
    });

    it("find blocks by pid, the first of a repeated pid", () => {
      const doc = new Y.Doc();
      const make = (pid: string, text: string) => {
        const el = new Y.XmlElement("paragraph");
        el.setAttribute("pid", pid);
        el.insert(0, [new Y.XmlText(text)]);
        return el;
      };
      doc.getXmlFragment(CONTENT_FIELD).insert(0, [make("a", "one"), make("b", "two"), make("a", "three"), new Y.XmlText("loose")]);
      const byPid = blocksByPid(doc);
      expect([...byPid.keys()]).toEqual(["a", "b"]);
      expect(blockText(byPid.get("a")!)).toBe("one");
    });
  });
});
