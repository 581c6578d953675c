import { describe, expect, it } from "vitest";
import type { CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { discussionMove, OwnRequests, REQUEST_ANSWERED_WITHIN_MS } from "../../client/collab/discussionMoves.js";

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

  it("announces nothing to the window that asked for the move, and still scrolls it when it follows", () => {
    expect(discussionMove(at("op13", 1), { ...at("op14", 2), askedHere: true }, true)).toEqual({ scrollTo: "op14", announce: null });
    expect(discussionMove(at("op14", 2), { ...at(null, 3), askedHere: true }, false)).toEqual({ scrollTo: null, announce: null });
  });
});

describe("a window's own requests", () => {
  const heard = (pid: string | null) => at(pid, 1);

  it("knows the server's answer to its request as its own move, once", () => {
    const requests = new OwnRequests();
    requests.ask("op14", 1_000);
    expect(requests.answers(heard("op14"), 1_050)).toBe(true);
    expect(requests.answers(heard("op14"), 9_000)).toBe(false);
  });

  it("does not take someone else's move for its own", () => {
    const requests = new OwnRequests();
    requests.ask("op14", 1_000);
    expect(requests.answers(heard("op9"), 1_010)).toBe(false);
    expect(requests.answers(heard("op14"), 1_020)).toBe(true);
  });

  it("takes every move of a burst it asked for as its own, taken one by one or coalesced", () => {
    const requests = new OwnRequests();
    for (const [i, pid] of ["op1", "op2", "op3"].entries()) requests.ask(pid, 1_000 + i * 50);
    expect(requests.answers(heard("op1"), 1_200)).toBe(true);
    expect(requests.answers(heard("op3"), 1_300)).toBe(true);
    // The last one heard settles the burst: op2 coming later is someone else's.
    expect(requests.answers(heard("op2"), 1_400)).toBe(false);
  });

  it("awaits the answer to its last request only: the same move again before it is a repeat, another move or a later one is not", () => {
    const requests = new OwnRequests();
    expect(requests.awaits("op14", 1_000)).toBe(false);
    requests.ask("op14", 1_000);
    expect(requests.awaits("op14", 1_090)).toBe(true);
    expect(requests.awaits("op9", 1_090)).toBe(false);
    expect(requests.awaits("op14", 1_000 + REQUEST_ANSWERED_WITHIN_MS + 1)).toBe(false);
    requests.ask("op9", 1_100);
    expect(requests.awaits("op14", 1_110)).toBe(false);
    expect(requests.answers(heard("op9"), 1_150)).toBe(true);
    expect(requests.awaits("op9", 1_160)).toBe(false);
  });

  it("stops awaiting when the server says anything about the discussion, or the socket is new: asking again is then a new request", () => {
    const requests = new OwnRequests();
    requests.ask("op14", 1_000);
    // Another facilitator's move won, or the server declined and sent the state unchanged.
    expect(requests.answers(heard("op9"), 1_050)).toBe(false);
    expect(requests.awaits("op14", 1_060)).toBe(false);
    requests.ask("op14", 1_100);
    requests.forgetWaiting();
    expect(requests.awaits("op14", 1_110)).toBe(false);
  });

  it("counts clearing as a request, and forgets requests left unanswered", () => {
    const requests = new OwnRequests();
    requests.ask(null, 1_000);
    expect(requests.answers(heard(null), 1_100)).toBe(true);
    requests.ask("op5", 2_000);
    expect(requests.answers(heard("op5"), 2_000 + REQUEST_ANSWERED_WITHIN_MS + 1)).toBe(false);
  });
});
