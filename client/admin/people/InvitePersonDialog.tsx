import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, DialogTrigger } from "react-aria-components";
import type { DelegationView, InvitationResponse } from "../../../schemas/api.js";
import { Role } from "../../../schemas/domain.js";
import { inviteUser } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { DialogForm } from "../ui/DialogForm.js";
import { TextInputField } from "../ui/fields.js";
import { InvitationLink } from "../ui/InvitationLink.js";
import { useMutation } from "../ui/useMutation.js";
import { readDelegation, RoleFields } from "./RoleFields.js";

/** The "Invite person" button and its dialog: the account's details, then its one-time link to pass on. */
export function InvitePersonDialog({ delegations, onInvited }: { delegations: DelegationView[]; onInvited(): void }) {
  const { t } = useTranslation("admin");
  const invite = useMutation(inviteUser);
  const [role, setRole] = useState<Role | null>(null);
  const [invitation, setInvitation] = useState<InvitationResponse | null>(null);

  const onOpenChange = (isOpen: boolean) => {
    if (!isOpen) return;
    invite.reset();
    setRole(null);
    setInvitation(null);
  };

  const submit = async (data: FormData) => {
    const chosen = Role.safeParse(data.get("role"));
    if (!chosen.success) return; // the required select has already said so
    const result = await invite.run({
      email: String(data.get("email") ?? ""),
      displayName: String(data.get("displayName") ?? ""),
      role: chosen.data,
      delegationId: readDelegation(data),
    });
    if (!result) return;
    setInvitation(result);
    onInvited();
  };

  return (
    <DialogTrigger onOpenChange={onOpenChange}>
      <Button className="button button--primary">{t("people.invite")}</Button>
      <AdminDialog title={invitation ? t("people.invitedTitle") : t("people.inviteTitle")} isDismissable={!invitation}>
        {(close) =>
          invitation ? (
            <>
              <InvitationLink invitation={invitation} intro={t("people.invitedIntro", { name: invitation.user.displayName })} />
              <div className="dialog__actions">
                <Button className="button" onPress={close}>{t("form.done")}</Button>
              </div>
            </>
          ) : (
            <DialogForm onSubmit={(data) => void submit(data)} onCancel={close} submitLabel={t("people.inviteSubmit")}
              pending={invite.pending} failure={invite.failure}>
              <p className="muted">{t("people.inviteIntro")}</p>
              <TextInputField name="email" type="email" label={t("people.email")} isRequired autoFocus autoComplete="off" />
              <TextInputField name="displayName" label={t("people.name")} isRequired autoComplete="off" />
              <RoleFields role={role} onRoleChange={setRole} delegations={delegations} />
            </DialogForm>
          )
        }
      </AdminDialog>
    </DialogTrigger>
  );
}
