import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdminUserView, DelegationView } from "../../../schemas/api.js";
import { Role } from "../../../schemas/domain.js";
import { updateUser } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { DialogForm } from "../ui/DialogForm.js";
import { TextInputField } from "../ui/fields.js";
import { useMutation } from "../ui/useMutation.js";
import { NO_DELEGATION } from "./peopleFilter.js";
import { readDelegation, RoleFields } from "./RoleFields.js";

/** Props of {@link ChangePersonDialog}. */
export interface ChangePersonDialogProps {
  person: AdminUserView;
  delegations: DelegationView[];
  onClose(): void;
  onChanged(person: AdminUserView): void;
}

/** Changes a person's name, role and delegation; open editors pick the change up at once. */
export function ChangePersonDialog({ person, delegations, onClose, onChanged }: ChangePersonDialogProps) {
  const { t } = useTranslation("admin");
  const update = useMutation(updateUser);
  const [role, setRole] = useState<Role | null>(person.role);

  const submit = async (data: FormData) => {
    const chosen = Role.safeParse(data.get("role"));
    if (!chosen.success) return;
    const changed = await update.run(person.id, {
      displayName: String(data.get("displayName") ?? ""),
      role: chosen.data,
      delegationId: readDelegation(data),
    });
    if (changed) onChanged(changed);
  };

  return (
    <AdminDialog title={t("people.changeTitle", { name: person.displayName })} isOpen onOpenChange={(open) => open || onClose()}>
      {(close) => (
        <DialogForm onSubmit={(data) => void submit(data)} onCancel={close} submitLabel={t("people.changeSubmit")}
          pending={update.pending} failure={update.failure}>
          <p className="notice">{t("people.immediate", { name: person.displayName })}</p>
          <TextInputField name="displayName" label={t("people.name")} isRequired autoFocus autoComplete="off"
            defaultValue={person.displayName} />
          <RoleFields role={role} onRoleChange={setRole} delegations={delegations}
            defaultDelegation={person.delegation?.id ?? NO_DELEGATION} />
        </DialogForm>
      )}
    </AdminDialog>
  );
}
