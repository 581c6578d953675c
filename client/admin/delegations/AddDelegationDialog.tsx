import { useTranslation } from "react-i18next";
import { Button, DialogTrigger } from "react-aria-components";
import type { DelegationView } from "../../../schemas/api.js";
import { StakeholderGroup } from "../../../schemas/domain.js";
import { createDelegation } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { DialogForm } from "../ui/DialogForm.js";
import { SelectField, TextInputField } from "../ui/fields.js";
import { useMutation } from "../ui/useMutation.js";

/** The "Add delegation" button and its dialog: a name and one of the five stakeholder groups. */
export function AddDelegationDialog({ onAdded }: { onAdded(delegation: DelegationView): void }) {
  const { t } = useTranslation("admin");
  const create = useMutation(createDelegation);
  const groups = StakeholderGroup.options.map((g) => ({ id: g, label: t(`groups.${g}`, { ns: "translation" }) }));

  const submit = async (data: FormData, close: () => void) => {
    const group = StakeholderGroup.parse(data.get("stakeholderGroup"));
    const delegation = await create.run({ name: String(data.get("name") ?? ""), stakeholderGroup: group });
    if (!delegation) return;
    close();
    onAdded(delegation);
  };

  return (
    <DialogTrigger onOpenChange={create.reset}>
      <Button className="button button--primary">{t("delegations.add")}</Button>
      <AdminDialog title={t("delegations.addTitle")}>
        {(close) => (
          <DialogForm
            onSubmit={(data) => void submit(data, close)}
            onCancel={close}
            submitLabel={t("delegations.addSubmit")}
            pending={create.pending}
            failure={create.failure}
          >
            <TextInputField name="name" label={t("delegations.name")} isRequired autoFocus
              validate={(name) => (name.trim().length === 1 ? t("delegations.nameTooShort") : null)}
              description={t("delegations.nameHint")} />
            <SelectField name="stakeholderGroup" label={t("delegations.group")} options={groups} isRequired
              placeholder={t("form.choose")} />
          </DialogForm>
        )}
      </AdminDialog>
    </DialogTrigger>
  );
}
