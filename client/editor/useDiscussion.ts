import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NO_CURRENT_PARAGRAPH, type CurrentParagraph } from "../../shared/collab/currentParagraph.js";
import { discussionMove } from "../collab/discussionMoves.js";
import { scrollToParagraph } from "./goToParagraph.js";
import { showDiscussed } from "./plugins/discussion.js";
import { referenceOf } from "./plugins/paragraphLabels.js";

/**
 * Owns how one window follows the discussion: the paragraph under discussion
 * marked in `editor`, a follower scrolled to it when it moves (or when they
 * start following), and the sentence to announce. `discussion` is the
 * connection's state; its initial value (nothing heard yet, a fresh
 * connection after a refusal) is not news.
 */
export function useDiscussion(editor: Editor | null, loaded: boolean, discussion: CurrentParagraph, following: boolean): string {
  const { t } = useTranslation();
  const known = useRef<CurrentParagraph | null>(null);
  const [pendingScroll, setPendingScroll] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
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
    if (move.announce === "cleared") setAnnouncement(t("discussion.cleared"));
    else if (move.announce) {
      const reference = current ? referenceOf(current.state, move.announce.pid) : null;
      setAnnouncement(reference ? t("discussion.moved", { reference }) : t("discussion.movedUnlabelled"));
    }
  }, [discussion, t]);

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
