import { describe, expect, it } from "vitest";
import type { CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { discussionMove } from "../../client/collab/discussionMoves.js";

const at = (pid: string | null, when: number | null): CurrentParagraph => ({ pid, by: pid ? "Jonas Lindqvist" : null, at: when });

describe("following the facilitator", () => {
  it("takes a follower to the paragraph under discussion on joining, announcing nothing", () => {
    expect(discussionMove(null, at("op14", 1), true)).toEqual({ scrollTo: "op14", announce: null });
    expect(discussionMove(null, at("op14", 1), false)).toEqual({ scrollTo: null, announce: null });
    expect(discussionMove(null, at(null, null), true)).toEqual({ scrollTo: null, announce: null });
  });

  it("scrolls a follower when the discussion moves, and announces the move to everyone", () => {
    expect(discussionMove(at("op13", 1), at("op14", 2), true)).toEqual({ scrollTo: "op14", announce: { pid: "op14" } });
    expect(discussionMove(at("op13", 1), at("op14", 2), false)).toEqual({ scrollTo: null, announce: { pid: "op14" } });
  });

  it("does nothing when the server sends the same state again (a reconnection, an ignored request)", () => {
    expect(discussionMove(at("op14", 2), at("op14", 2), true)).toEqual({ scrollTo: null, announce: null });
    expect(discussionMove(at(null, 3), at(null, 3), true)).toEqual({ scrollTo: null, announce: null });
  });

  it("brings followers back when the facilitator chooses the same paragraph again", () => {
    expect(discussionMove(at("op14", 2), at("op14", 5), true)).toEqual({ scrollTo: "op14", announce: { pid: "op14" } });
  });

  it("announces a cleared discussion without scrolling anyone", () => {
    expect(discussionMove(at("op14", 2), at(null, 6), true)).toEqual({ scrollTo: null, announce: "cleared" });
    expect(discussionMove(at(null, 2), at(null, 6), true)).toEqual({ scrollTo: null, announce: null });
  });
});
