import { useRef, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Form } from "react-aria-components";
import type { ApiFailure } from "../../api/http.js";
import { FailureAlert, fieldErrors } from "./RequestState.js";

/** Props of {@link DialogForm}. */
export interface DialogFormProps {
  /** Runs once the browser's own validation passed. */
  onSubmit(data: FormData): void;
  onCancel(): void;
  submitLabel: string;
  pending: boolean;
  /** The server's refusal: its field problems appear beside the fields, the rest above the buttons. */
  failure: ApiFailure | null;
  children: ReactNode;
}

/** The form inside a dialog: fields, the server's refusal, then Cancel and the submit button. */
export function DialogForm({ onSubmit, onCancel, submitLabel, pending, failure, children }: DialogFormProps) {
  const { t } = useTranslation("admin");
  const form = useRef<HTMLFormElement>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  };
  const hasField = (path: string) => form.current?.elements.namedItem(path) != null;
  return (
    <Form ref={form} className="form dialog__form" onSubmit={submit} validationErrors={fieldErrors(failure)}>
      {children}
      {failure && <FailureAlert failure={failure} shownBesideField={hasField} />}
      <div className="dialog__actions">
        <Button className="button" onPress={onCancel}>{t("form.cancel")}</Button>
        <Button type="submit" className="button button--primary" isPending={pending}>{submitLabel}</Button>
      </div>
    </Form>
  );
}
