import type { TFunction } from "i18next";
import type { Editor } from "@tiptap/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, FieldError, Form, Heading, Label, Modal, ModalOverlay, TextArea, TextField } from "react-aria-components";
import { alternativeTarget } from "../commands/offerAlternative.js";
import { segmentsOf } from "../model/bracketRanges.js";

const EXCERPT_CHARS = 120;

function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text;
}

/** What the alternative will be offered for, in words. */
function describeTarget(editor: Editor, t: TFunction): string {
  const state = editor.state;
  const target = alternativeTarget(state);
  if (!target) return "";
  if (target.kind === "selection") {
    return t("alternative.forSelection", { text: excerpt(state.doc.textBetween(target.range.from, target.range.to, " ", " ")) });
  }
  const words = segmentsOf(state.doc, target.bracket.id).map((s) => state.doc.textBetween(s.from, s.to, " ", " ")).join("");
  return t("alternative.forBracket", { text: excerpt(words) });
}

/**
 * Asks for the wording of an alternative. Modal, so the selection it was
 * opened for stays put; the dialog returns focus to where it was opened from.
 */
export function AlternativeDialog({ editor, isOpen, onOpenChange, onSubmit }: {
  editor: Editor;
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  /** Offers the wording; returns whether it was added. */
  onSubmit: (wording: string) => boolean;
}) {
  const { t } = useTranslation();
  const [wording, setWording] = useState("");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!wording.trim()) return;
    onOpenChange(false);
    if (onSubmit(wording)) setWording("");
  };
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable>
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">{t("alternative.title")}</Heading>
          {isOpen && <p className="dialog__intro">{describeTarget(editor, t)}</p>}
          <Form onSubmit={submit} className="form">
            <TextField className="field" value={wording} onChange={setWording} isRequired autoFocus
              validate={(value) => (value.trim() ? null : t("alternative.required"))}>
              <Label>{t("alternative.wording")}</Label>
              <TextArea className="input input--area" rows={3} dir="auto" />
              <FieldError className="field-error" />
            </TextField>
            <div className="dialog__buttons">
              <Button className="button" onPress={() => onOpenChange(false)}>{t("alternative.cancel")}</Button>
              <Button className="button button--primary" type="submit">{t("alternative.submit")}</Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
