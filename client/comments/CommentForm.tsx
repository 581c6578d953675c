import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Label, TextArea, TextField } from "react-aria-components";
import { MAX_COMMENT_CHARS } from "../../schemas/api.js";

/** Props of {@link CommentForm}. */
export interface CommentFormProps {
  label: string;
  submitLabel: string;
  initial?: string;
  /** Sends the text; resolves to an error message to show, or null when it was stored. */
  onSubmit: (text: string) => Promise<string | null>;
  onCancel: () => void;
  autoFocus?: boolean;
  children?: ReactNode;
  /** Longest text accepted. */
  maxLength?: number;
}

/**
 * A text box for a comment, a reply, an edit or a reason: Ctrl+Enter sends,
 * Escape cancels; empty text cannot be sent, and what the server refuses is
 * said beside the box without losing the text.
 */
export function CommentForm({ label, submitLabel, initial = "", onSubmit, onCancel, autoFocus = true, children, maxLength = MAX_COMMENT_CHARS }: CommentFormProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) box.current?.focus();
  }, [autoFocus]);
  const empty = text.trim().length === 0;
  const tooLong = text.length > maxLength;
  const submit = async () => {
    if (empty || tooLong || sending) return;
    setSending(true);
    const problem = await onSubmit(text);
    setSending(false);
    setError(problem);
  };
  return (
    <form className="comment-form" onSubmit={(event) => {
      event.preventDefault();
      void submit();
    }}>
      {children}
      <TextField className="comment-form__field" value={text} onChange={setText} isInvalid={tooLong || error !== null}>
        <Label className="comment-form__label">{label}</Label>
        <TextArea ref={box} className="input comment-form__input" rows={3} dir="auto" onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          } else if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          }
        }} />
      </TextField>
      {tooLong && <p className="comment-form__error" role="alert">{t("comments.tooLong", { max: maxLength.toLocaleString(i18n.language) })}</p>}
      {error && <p className="comment-form__error" role="alert">{error}</p>}
      <div className="comment-form__actions">
        <Button type="submit" className="button button--primary" isDisabled={empty || tooLong || sending}>{submitLabel}</Button>
        <Button className="button" onPress={onCancel}>{t("comments.cancel")}</Button>
      </div>
    </form>
  );
}
