import { describe, expect, it } from "vitest";
import type { Role } from "../../schemas/domain.js";
import { AUTHOR_MAY, can, PERMISSIONS, roleInDocument, type Action } from "../../shared/permissions.js";

const as = (role: Role) => ({ role });
const ROLES: Role[] = ["secretariat", "facilitator", "delegate", "observer"];
const ACTIONS = Object.keys(PERMISSIONS) as Action[];
/** A user with an id, and something they wrote or someone else wrote. */
const person = (role: Role, id = "u-me") => ({ role, id });
const mine = { authorId: "u-me" };
const theirs = { authorId: "u-someone-else" };

describe("the permission table", () => {
  it("lets observers read documents and comments and nothing else, not even on what they wrote", () => {
    expect(ACTIONS.filter((a) => can(as("observer"), a))).toEqual(["document.read", "comment.read"]);
    expect(ACTIONS.filter((a) => can(person("observer"), a, mine))).toEqual(["document.read", "comment.read"]);
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

  it("lets the secretariat do everything that goes by role", () => {
    const byRole = ACTIONS.filter((a) => PERMISSIONS[a].length > 0);
    expect(byRole).toContain("comment.hide");
    for (const action of byRole) expect(can(as("secretariat"), action), action).toBe(true);
    // What goes to authors only, the secretariat does to its own comments, not to others'.
    expect(ACTIONS.filter((a) => PERMISSIONS[a].length === 0)).toEqual(["comment.edit", "comment.delete"]);
    for (const action of ["comment.edit", "comment.delete"] as const) {
      expect(can(as("secretariat"), action), action).toBe(false);
      expect(can(person("secretariat"), action, theirs), action).toBe(false);
      expect(can(person("secretariat"), action, mine), action).toBe(true);
    }
  });

  it("gives comment.write to participants, comment.hide and comment.configure to the secretariat only", () => {
    expect(ROLES.filter((r) => can(as(r), "comment.read"))).toEqual(ROLES);
    expect(ROLES.filter((r) => can(as(r), "comment.write"))).toEqual(["secretariat", "facilitator", "delegate"]);
    expect(ROLES.filter((r) => can(as(r), "comment.hide"))).toEqual(["secretariat"]);
    expect(ROLES.filter((r) => can(as(r), "comment.configure"))).toEqual(["secretariat"]);
    // Writing a comment gives its author no power beyond editing, deleting and resolving.
    for (const action of ["comment.hide", "comment.configure", "bracket.resolve", "audit.read"] as const) {
      expect(can(person("delegate"), action, mine), action).toBe(false);
    }
  });

  it("lets only a comment's author edit or delete it, and only while they may still write", () => {
    for (const action of ["comment.edit", "comment.delete"] as const) {
      for (const role of ROLES) {
        expect(can(person(role), action, theirs), `${role} ${action} theirs`).toBe(false);
        expect(can(as(role), action), `${role} ${action} without a subject`).toBe(false);
        expect(can(person(role), action, mine), `${role} ${action} mine`).toBe(role !== "observer");
      }
      // An author made observer edits and deletes nothing; a user without an id is nobody's author.
      expect(can({ role: "observer", id: "u-me" }, action, mine), action).toBe(false);
      expect(can({ role: "delegate" }, action, mine), action).toBe(false);
    }
  });

  it("lets facilitators and the secretariat resolve any thread, and its author their own", () => {
    expect(ROLES.filter((r) => can(person(r), "comment.resolve", theirs))).toEqual(["secretariat", "facilitator"]);
    expect(ROLES.filter((r) => can(person(r), "comment.resolve", mine))).toEqual(["secretariat", "facilitator", "delegate"]);
    expect(ROLES.filter((r) => can(as(r), "comment.resolve"))).toEqual(["secretariat", "facilitator"]);
  });

  it("lets an author act on their subject only through an action every author-right names, and which roles have", () => {
    for (const [action, requires] of Object.entries(AUTHOR_MAY) as [Action, Action][]) {
      expect(PERMISSIONS[requires].length, `${action} requires ${requires}`).toBeGreaterThan(0);
      expect(PERMISSIONS[requires] as readonly Role[]).not.toContain("observer");
    }
    const authorOnly = ACTIONS.filter((a) => !(a in AUTHOR_MAY));
    for (const action of authorOnly) {
      for (const role of ROLES) expect(can(person(role), action, mine), `${role} ${action}`).toBe(can(as(role), action));
    }
  });

  it("makes a named facilitator of a document act as facilitator there, and keeps the secretariat secretariat", () => {
    expect(roleInDocument("delegate", true)).toBe("facilitator");
    expect(roleInDocument("observer", true)).toBe("facilitator");
    expect(roleInDocument("delegate", false)).toBe("delegate");
    expect(roleInDocument("secretariat", true)).toBe("secretariat");
  });
});
