import { describe, expect, it } from "vitest";
import type { Role } from "../../schemas/domain.js";
import { can, PERMISSIONS, roleInDocument, type Action } from "../../shared/permissions.js";

const as = (role: Role) => ({ role });

describe("the permission table", () => {
  it("lets observers read and nothing else", () => {
    const allowed = (Object.keys(PERMISSIONS) as Action[]).filter((a) => can(as("observer"), a));
    expect(allowed).toEqual(["document.read"]);
  });

  it("lets delegates edit and bracket, but not resolve brackets, set status, issue revisions or read the audit log", () => {
    expect(can(as("delegate"), "document.edit")).toBe(true);
    expect(can(as("delegate"), "bracket.place")).toBe(true);
    for (const action of ["bracket.resolve", "paragraph.setStatus", "paragraph.editAgreed", "revision.issue", "audit.read", "accounts.manage", "document.import"] as const) {
      expect(can(as("delegate"), action), action).toBe(false);
    }
  });

  it("gives facilitators every negotiation power but not account management", () => {
    for (const action of ["document.edit", "bracket.place", "bracket.resolve", "paragraph.setStatus", "paragraph.editAgreed", "revision.issue", "audit.read"] as const) {
      expect(can(as("facilitator"), action), action).toBe(true);
    }
    expect(can(as("facilitator"), "accounts.manage")).toBe(false);
    expect(can(as("facilitator"), "document.import")).toBe(false);
  });

  it("lets the secretariat do everything", () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) expect(can(as("secretariat"), action), action).toBe(true);
  });

  it("makes a named facilitator of a document act as facilitator there, and keeps the secretariat secretariat", () => {
    expect(roleInDocument("delegate", true)).toBe("facilitator");
    expect(roleInDocument("observer", true)).toBe("facilitator");
    expect(roleInDocument("delegate", false)).toBe("delegate");
    expect(roleInDocument("secretariat", true)).toBe("secretariat");
  });
});
