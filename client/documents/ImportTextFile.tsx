import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  Button, FileTrigger, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text, TextField, type Key,
} from "react-aria-components";
import { useNavigate } from "react-router";
import { DocumentLanguage } from "../../schemas/domain.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { importDocument } from "../api/importDocument.js";
import type { ImportedState } from "../editor/ImportedNotice.js";

const AUTO = "auto";

/**
 * The secretariat's import: an optional title and language, then a text
 * file whose bytes go to the server as they are (it checks the encoding).
 * On success the new document opens, with the server's warnings shown there;
 * otherwise the server's reason is shown here.
 */
export function ImportTextFile() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [language, setLanguage] = useState<Key>(AUTO);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const upload = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setPending(true);
    setFailure(null);
    const chosen = DocumentLanguage.safeParse(language);
    const result = await importDocument(file, {
      title: title.trim() || undefined,
      language: chosen.success ? chosen.data : undefined,
    });
    setPending(false);
    if (result.ok) {
      const state: ImportedState = { imported: { paragraphs: result.value.paragraphs, warnings: result.value.warnings } };
      navigate(`/documents/${encodeURIComponent(result.value.document.id)}`, { state });
      return;
    }
    setFailure(result.status === NETWORK_FAILURE ? t("errors.network")
      : errorWords(t, result.error) || t("errors.unexpected", { status: result.status }));
  };

  return (
    <section className="import-panel" aria-labelledby="import-title">
      <h2 id="import-title" className="import-panel__title">{t("import.title")}</h2>
      <p className="muted import-panel__intro">{t("import.intro")}</p>
      <div className="import-panel__fields">
        <TextField className="field" value={title} onChange={setTitle} maxLength={300}>
          <Label>{t("import.docTitle")}</Label>
          <Input className="input" />
          <Text slot="description" className="field-hint">{t("import.docTitleHint")}</Text>
        </TextField>
        <Select className="field" selectedKey={language} onSelectionChange={(key) => key !== null && setLanguage(key)}>
          <Label>{t("import.language")}</Label>
          <Button className="input select-button"><SelectValue /><span aria-hidden="true">▾</span></Button>
          <Popover className="popover">
            <ListBox className="select-list">
              <ListBoxItem id={AUTO} className="select-list__item">{t("import.languageAuto")}</ListBoxItem>
              {DocumentLanguage.options.map((code) => (
                <ListBoxItem key={code} id={code} className="select-list__item">{t(`import.languages.${code}`)}</ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <FileTrigger acceptedFileTypes={["text/plain", ".txt", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"]} onSelect={upload}>
          <Button className="button button--primary import-panel__button" isPending={pending}>
            {pending ? t("import.importing") : t("import.choose")}
          </Button>
        </FileTrigger>
      </div>
      {failure && (
        <div className="alert" role="alert">
          <p className="alert__title">{t("import.failed")}</p>
          <p>{failure}</p>
        </div>
      )}
    </section>
  );
}
