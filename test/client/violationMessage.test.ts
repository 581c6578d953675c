import { describe, expect, it } from "vitest";
import { describeViolation } from "../../client/editor/violationMessage.js";
import { createI18n } from "../../client/i18n/index.js";

const { t } = createI18n();

describe("why an edit was stopped, in one sentence", () => {
  it("names the paragraph by its reference", () => {
    expect(describeViolation(t, { rule: "frozenText", pid: "p1", status: "agreed" }, () => "OP7"))
      .toBe("OP7 is agreed ad ref; only a facilitator can change its text.");
  });

  it("says \"this paragraph\" when it has none, capitalised only at the start of the sentence", () => {
    expect(describeViolation(t, { rule: "frozenText", pid: "p1", status: "agreed" }, () => null))
      .toBe("This paragraph is agreed ad ref; only a facilitator can change its text.");
    expect(describeViolation(t, { rule: "statusChange", pid: "p1" }, () => null))
      .toBe("Only a facilitator can change the status of this paragraph.");
  });

  it("needs no paragraph for rules about brackets", () => {
    expect(describeViolation(t, { rule: "placeBracket" }, () => { throw new Error("no paragraph to name"); }))
      .toBe("You cannot place brackets.");
  });
});
