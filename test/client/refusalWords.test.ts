import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/collab/closeCodes.js";
import { MAX_REFUSAL_BYTES, readRefusalReason, writeRefusalReason } from "../../shared/collab/refusalReason.js";
import { RefusalNotice } from "../../client/editor/ConnectionNotices.js";
import { describeViolation } from "../../client/editor/violationMessage.js";
import { createI18n, initI18n } from "../../client/i18n/index.js";

const bytes = (text: string) => new TextEncoder().encode(text).length;

function noticeText(language: ReturnType<typeof createI18n>, reason: string, referenceOf = (_pid: string): string | null => "OP7"): string {
  const notice = createElement(RefusalNotice, {
    refusal: { code: CloseCode.Forbidden, reason }, recovering: false, onDismiss: () => {}, referenceOf,
  });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: language }, notice)).replace(/<[^>]+>/g, " ");
}

describe("a refusal in the close frame: the rule and its parameters", () => {
  it("fits a long Arabic delegation name into the frame, cut at a whole letter", () => {
    const who = "وفد جمهورية مصر العربية لدى مكتب الأمم المتحدة والمنظمات الدولية الأخرى في جنيف";
    const text = writeRefusalReason({ rule: "removeOthersBracket", who });
    expect(bytes(text)).toBeLessThanOrEqual(MAX_REFUSAL_BYTES);
    const read = readRefusalReason(text);
    expect(read?.rule).toBe("removeOthersBracket");
    const shortened = (read as { who: string }).who;
    expect(shortened.endsWith("…")).toBe(true);
    expect(who.startsWith(shortened.slice(0, -1))).toBe(true);
    expect(shortened.length).toBeGreaterThan(20);
  });

  it("cuts a Chinese name between characters, never inside one", () => {
    const who = "中华人民共和国常驻联合国日内瓦办事处和瑞士其他国际组织代表团".repeat(2);
    const text = writeRefusalReason({ rule: "othersBracketedWords", who });
    expect(bytes(text)).toBeLessThanOrEqual(MAX_REFUSAL_BYTES);
    expect(text).not.toContain("\uFFFD");
    const shortened = (readRefusalReason(text) as { who: string }).who;
    expect(who.startsWith(shortened.slice(0, -1))).toBe(true);
  });

  it("sends a short rule as it is", () => {
    const rule = { rule: "frozenText", pid: "pabcdefghijklmn", status: "agreed" } as const;
    expect(writeRefusalReason(rule)).toBe('{"rule":"frozenText","pid":"pabcdefghijklmn","status":"agreed"}');
    expect(readRefusalReason(writeRefusalReason(rule))).toEqual(rule);
  });

  it("reads an older server's English sentence, or a rule it does not know, as no rule", () => {
    expect(readRefusalReason("OP7 is agreed ad ref; only a facilitator can change its text.")).toBeNull();
    expect(readRefusalReason('{"rule":"somethingNew"}')).toBeNull();
    expect(readRefusalReason('{"rule":"frozenText","pid":"p1"}')).toBeNull();
    expect(readRefusalReason("{not json")).toBeNull();
  });
});

describe("the client words the server's refusal as it words the rules it prevents", () => {
  it("in English, the same sentence for the same rule", () => {
    const { t } = createI18n("en");
    const server = readRefusalReason('{"rule":"frozenText","pid":"p1","status":"agreed"}')!;
    expect(describeViolation(t, server, () => "OP7"))
      .toBe(describeViolation(t, { rule: "frozenText", pid: "p1", status: "agreed" }, () => "OP7"));
    expect(describeViolation(t, readRefusalReason('{"rule":"removeOthersBracket","who":"Borealia"}')!, () => null))
      .toMatch(/^Words bracketed by Borealia can be added to/);
    expect(describeViolation(t, { rule: "documentFull", bytes: 50 * 1024 * 1024 }, () => null))
      .toMatch(/size limit of 50 MiB/);
  });

  it("in Arabic, the notice shows the rule in Arabic, not the server's English", async () => {
    const arabic = await initI18n("ar");
    const text = noticeText(arabic, writeRefusalReason({ rule: "frozenText", pid: "p1", status: "agreed" }), () => "الفقرة 7");
    const local = describeViolation(arabic.t, { rule: "frozenText", pid: "p1", status: "agreed" }, () => "الفقرة 7");
    expect(text).toContain(local);
    expect(local).toContain("الفقرة 7");
    expect(text).not.toMatch(/agreed ad ref|only a facilitator/);
  });

  it("shows an older server's English sentence as it came, and names the code when the reason only repeats it", () => {
    const english = createI18n("en");
    expect(noticeText(english, "OP7 is agreed ad ref; only a facilitator can change its text."))
      .toContain("The server said: “OP7 is agreed ad ref; only a facilitator can change its text.”");
    expect(noticeText(english, "forbidden")).toContain("You are not allowed to make this change.");
    expect(noticeText(english, writeRefusalReason({ rule: "statusChange", pid: "p9" }), () => null))
      .toContain("Only a facilitator can change the status of this paragraph.");
  });
});
