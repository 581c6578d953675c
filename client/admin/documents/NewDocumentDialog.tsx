import { useTranslation } from "react-i18next";
import { Button, DialogTrigger } from "react-aria-components";
import type { DocumentSummary } from "../../../schemas/api.js";
import { DocumentLanguage, DocumentStyle } from "../../../schemas/domain.js";
import { createDocument } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { DialogForm } from "../ui/DialogForm.js";
import { SelectField, TextInputField } from "../ui/fields.js";
import { useMutation } from "../ui/useMutation.js";

/** The "New document" button and its dialog: an empty declaration or resolution in one language. */
export function NewDocumentDialog({ onCreated }: { onCreated(document: DocumentSummary): void }) {
  const { t } = useTranslation("admin");
  const create = useMutation(createDocument);
  const styles = DocumentStyle.options.map((s) => ({ id: s, label: t(`documents.styles.${s}`, { ns: "translation" }) }));
  const languages = DocumentLanguage.options.map((l) => ({ id: l, label: t(`documents.languages.${l}`) }));

  const submit = async (data: FormData, close: () => void) => {
    const document = await create.run({
      title: String(data.get("title") ?? ""),
      style: DocumentStyle.parse(data.get("style")),
      language: DocumentLanguage.parse(data.get("language")),
    });
    if (!document) return;
    close();
    onCreated(document);
  };

  return (
    <DialogTrigger onOpenChange={create.reset}>
      <Button className="button button--primary">{t("documents.new")}</Button>
      <AdminDialog title={t("documents.newTitle")}>
        {(close) => (
          <DialogForm onSubmit={(data) => void submit(data, close)} onCancel={close} submitLabel={t("documents.newSubmit")}
            pending={create.pending} failure={create.failure}>
            <TextInputField name="title" label={t("documents.titleField")} isRequired autoFocus autoComplete="off" />
            <SelectField name="style" label={t("documents.style")} options={styles} defaultValue="declaration" isRequired
              description={t("documents.styleHint")} />
            <SelectField name="language" label={t("documents.language")} options={languages} defaultValue="en" isRequired />
          </DialogForm>
        )}
      </AdminDialog>
    </DialogTrigger>
  );
}
