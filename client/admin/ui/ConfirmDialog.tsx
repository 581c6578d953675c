import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { ApiFailure } from "../../api/http.js";
import { AdminDialog } from "./AdminDialog.js";
import { FailureAlert } from "./RequestState.js";

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  isOpen: boolean;
  onOpenChange(isOpen: boolean): void;
  confirmLabel: string;
  onConfirm(): void;
  /** Styles the confirm button as destructive. */
  danger?: boolean;
  pending: boolean;
  failure: ApiFailure | null;
  children: ReactNode;
}

/** Asks before a consequential action; Cancel has the focus, so Enter never confirms by accident. */
export function ConfirmDialog({ title, isOpen, onOpenChange, confirmLabel, onConfirm, danger, pending, failure, children }: ConfirmDialogProps) {
  const { t } = useTranslation("admin");
  return (
    <AdminDialog title={title} role="alertdialog" isOpen={isOpen} onOpenChange={onOpenChange}>
      {(close) => (
        <>
          <div className="dialog__body">{children}</div>
          {failure && <FailureAlert failure={failure} />}
          <div className="dialog__actions">
            <Button className="button" onPress={close} autoFocus>{t("form.cancel")}</Button>
            <Button className={`button ${danger ? "button--danger" : "button--primary"}`} onPress={onConfirm} isPending={pending}>
              {confirmLabel}
            </Button>
          </div>
        </>
      )}
    </AdminDialog>
  );
}
