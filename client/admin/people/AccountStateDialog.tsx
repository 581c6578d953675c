import { useTranslation } from "react-i18next";
import type { AdminUserView } from "../../../schemas/api.js";
import { updateUser } from "../adminApi.js";
import { ConfirmDialog } from "../ui/ConfirmDialog.js";
import { useMutation } from "../ui/useMutation.js";

/** Props of {@link AccountStateDialog}. */
export interface AccountStateDialogProps {
  person: AdminUserView;
  /** True to disable the account, false to enable it again. */
  disable: boolean;
  onClose(): void;
  onChanged(person: AdminUserView): void;
}

/** Confirms disabling (signs the person out everywhere at once) or enabling an account. */
export function AccountStateDialog({ person, disable, onClose, onChanged }: AccountStateDialogProps) {
  const { t } = useTranslation("admin");
  const update = useMutation(updateUser);
  const confirm = async () => {
    const changed = await update.run(person.id, { disabled: disable });
    if (changed) onChanged(changed);
  };
  const name = person.displayName;
  return (
    <ConfirmDialog
      title={disable ? t("people.disableTitle", { name }) : t("people.enableTitle", { name })}
      isOpen
      onOpenChange={(open) => open || onClose()}
      confirmLabel={disable ? t("people.disableSubmit") : t("people.enableSubmit")}
      onConfirm={() => void confirm()}
      danger={disable}
      pending={update.pending}
      failure={update.failure}
    >
      {disable ? (
        <>
          <p>{t("people.disableDetail", { name })}</p>
          <p>{t("people.disableKeeps")}</p>
        </>
      ) : (
        <p>{person.passwordSet ? t("people.enableDetail", { name }) : t("people.enableInvited", { name })}</p>
      )}
    </ConfirmDialog>
  );
}
