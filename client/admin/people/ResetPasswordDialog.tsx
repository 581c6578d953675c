import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "react-aria-components";
import type { AdminUserView, InvitationResponse } from "../../../schemas/api.js";
import { resetPassword } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { ConfirmDialog } from "../ui/ConfirmDialog.js";
import { InvitationLink } from "../ui/InvitationLink.js";
import { useMutation } from "../ui/useMutation.js";

/** Props of {@link ResetPasswordDialog}. */
export interface ResetPasswordDialogProps {
  person: AdminUserView;
  onClose(): void;
}

/** Makes a new one-time link to set a password (or a fresh invitation), then shows it to pass on. */
export function ResetPasswordDialog({ person, onClose }: ResetPasswordDialogProps) {
  const { t } = useTranslation("admin");
  const reset = useMutation(resetPassword);
  const [link, setLink] = useState<InvitationResponse | null>(null);
  const name = person.displayName;
  const close = (open: boolean) => open || onClose();

  if (link) {
    return (
      <AdminDialog title={t("people.resetDoneTitle", { name })} isOpen onOpenChange={close} isDismissable={false}>
        {(dismiss) => (
          <>
            <InvitationLink invitation={link} intro={t("people.resetDoneIntro", { name })} />
            <div className="dialog__actions">
              <Button className="button" onPress={dismiss}>{t("form.done")}</Button>
            </div>
          </>
        )}
      </AdminDialog>
    );
  }
  return (
    <ConfirmDialog
      title={person.passwordSet ? t("people.resetTitle", { name }) : t("people.newInvitationTitle", { name })}
      isOpen
      onOpenChange={close}
      confirmLabel={t("people.resetSubmit")}
      onConfirm={() => void reset.run(person.id).then(setLink)}
      pending={reset.pending}
      failure={reset.failure}
    >
      <p>{person.passwordSet ? t("people.resetDetail", { name }) : t("people.newInvitationDetail", { name })}</p>
    </ConfirmDialog>
  );
}
