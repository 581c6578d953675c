import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox, CheckboxGroup, Input, Label, SearchField, Text } from "react-aria-components";
import type { AdminUserView, DocumentSummary } from "../../../schemas/api.js";
import { saveFacilitators } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { DialogForm } from "../ui/DialogForm.js";
import { useMutation } from "../ui/useMutation.js";
import { matchesFilter, NO_FILTER } from "../people/peopleFilter.js";

/** Props of {@link FacilitatorsDialog}. */
export interface FacilitatorsDialogProps {
  document: DocumentSummary;
  people: AdminUserView[];
  facilitatorIds: string[];
  onClose(): void;
  onSaved(userIds: string[]): void;
}

/** Names the people who facilitate one document: a searchable list of checkboxes, saved as a whole. */
export function FacilitatorsDialog({ document, people, facilitatorIds, onClose, onSaved }: FacilitatorsDialogProps) {
  const { t } = useTranslation("admin");
  const save = useMutation(saveFacilitators);
  const [chosen, setChosen] = useState<string[]>(facilitatorIds);
  const [text, setText] = useState("");
  // The secretariat acts as secretariat everywhere; naming them changes nothing. Disabled accounts
  // stay listed while they are named, so they can be taken off.
  const candidates = people
    .filter((p) => p.role !== "secretariat" && (!p.disabled || chosen.includes(p.id)))
    .filter((p) => matchesFilter(p, { ...NO_FILTER, text }));

  const submit = async () => {
    const saved = await save.run(document.id, chosen);
    if (saved) onSaved(saved);
  };

  return (
    <AdminDialog title={t("documents.facilitatorsTitle", { title: document.title })} isOpen onOpenChange={(open) => open || onClose()}>
      {(close) => (
        <DialogForm onSubmit={() => void submit()} onCancel={close} submitLabel={t("documents.facilitatorsSubmit")}
          pending={save.pending} failure={save.failure}>
          <p className="notice">{t("documents.facilitatorsHint")}</p>
          <SearchField className="field" value={text} onChange={setText} autoFocus>
            <Label>{t("documents.facilitatorsSearch")}</Label>
            {/* Enter narrows the list; it must not submit the dialog's form. */}
            <Input className="input" onKeyDown={(e) => e.key === "Enter" && e.preventDefault()} />
          </SearchField>
          <CheckboxGroup className="checkbox-list" value={chosen} onChange={setChosen} aria-label={t("documents.facilitators")}>
            <Text slot="description" className="field-description">
              {t("documents.facilitatorsChosen", { count: chosen.length })}
            </Text>
            <div className="checkbox-list__items">
              {candidates.length === 0 && <p className="muted">{t("people.empty")}</p>}
              {candidates.map((p) => (
                <Checkbox key={p.id} value={p.id} className="checkbox">
                  <span className="checkbox__box" aria-hidden="true" />
                  <span className="checkbox__label">
                    {p.displayName}
                    <span className="muted"> · {p.delegation?.name ?? t(`roles.${p.role}`, { ns: "translation" })}</span>
                  </span>
                </Checkbox>
              ))}
            </div>
          </CheckboxGroup>
        </DialogForm>
      )}
    </AdminDialog>
  );
}
