import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";
import { NO_CURRENT_PARAGRAPH, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { discussionMove, type HeardParagraph } from "../collab/discussionMoves.js";
import { discussedIn } from "./discussedParagraph.js";
import { scrollToParagraph } from "./goToParagraph.js";
import { showDiscussed } from "./plugins/discussion.js";

/**
 * What to say politely about the discussion: it moved to a paragraph (its
 * reference as the text numbered it then, null when it has no label) or
 * left every paragraph. `serial` tells one announcement from the next when
 * their words are the same (a move back to the same paragraph).
 */
export type DiscussionAnnouncement =
  | { kind: "moved"; reference: string | null; serial: number }
  | { kind: "cleared"; serial: number };

/**
 * Owns how one window follows the discussion: the paragraph under discussion
 * marked in `editor`, a follower scrolled to it when it moves (or when they
 * start following), and what to announce. `discussion` is the
 * connection's state; its initial value (nothing heard yet, a fresh
 * connection after a refusal) is not news. A move this window asked for is
 * not announced to it, nor a move to a paragraph its text does not have.
 */
export function useDiscussion(editor: Editor | null, loaded: boolean, discussion: HeardParagraph, following: boolean): DiscussionAnnouncement | null {
  const known = useRef<CurrentParagraph | null>(null);
  const [pendingScroll, setPendingScroll] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<DiscussionAnnouncement | null>(null);
  const editorRef = useRef(editor);
  editorRef.current = editor;
  // Read when the discussion moves; switching it on is an effect of its own below.
  const followingRef = useRef(following);
  followingRef.current = following;

  useEffect(() => {
    if (editor) showDiscussed(editor, discussion.pid);
  }, [editor, discussion.pid]);

  useEffect(() => {
    if (discussion === NO_CURRENT_PARAGRAPH) return;
    const move = discussionMove(known.current, discussion, followingRef.current);
    known.current = discussion;
    if (move.scrollTo) setPendingScroll(move.scrollTo);
    const current = editorRef.current;
    const serial = (announcement: DiscussionAnnouncement | null) => (announcement?.serial ?? 0) + 1;
    if (move.announce === "cleared") setAnnouncement((previous) => ({ kind: "cleared", serial: serial(previous) }));
    else if (move.announce && current) {
      const shown = discussedIn(current.state, move.announce.pid);
      if (shown) setAnnouncement((previous) => ({ kind: "moved", reference: shown.reference, serial: serial(previous) }));
    }
  }, [discussion]);

  useEffect(() => {
    if (following && known.current?.pid) setPendingScroll(known.current.pid);
  }, [following]);

  // The paragraph may not be on screen yet (the text still loading): scroll once it is.
  useEffect(() => {
    if (!pendingScroll || !editor || !loaded) return;
    const frame = requestAnimationFrame(() => {
      if (scrollToParagraph(editor, pendingScroll)) setPendingScroll(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [pendingScroll, editor, loaded]);

  return announcement;
}
