import type { TFunction } from "i18next";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  Button, Dialog, DialogTrigger, FieldError, Form, Heading, Input, Label, Modal, ModalOverlay, Text, TextField,
} from "react-aria-components";
import type { DocumentDetail } from "../../schemas/api.js";
import { DocumentLanguage } from "../../schemas/domain.js";
import { SelectField } from "../admin/ui/fields.js";
import { describeDocument, publishDocument } from "../api/documents.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE, type ApiResult } from "../api/http.js";
import "./documentDetails.css";

type Notify = (message: string, kind?: "polite" | "alert") => void;

/** The message of a failed request, with the server's reasons field by field when it gave them. */
function failureText(t: TFunction, outcome: Exclude<ApiResult<unknown>, { ok: true }>): string {
  if (outcome.status === NETWORK_FAILURE) return t("errors.network");
  const issues = outcome.error.issues?.map((i) => `${i.path}: ${i.message}`).join(" ") ?? "";
  return [errorWords(t, outcome.error) || t("errors.unexpected", { status: outcome.status }), issues].filter(Boolean).join(" ");
}

/**
 * "Details…" in the document bar, for the secretariat: the title, symbol,
 * date and place the exports print in their header.
 */
export function DocumentDetailsDialog({ detail, onChanged, notify }: {
  detail: DocumentDetail;
  onChanged: (detail: DocumentDetail) => void;
  notify: Notify;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button">{t("details.open")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => <DetailsForm detail={detail} close={close} notify={notify} onChanged={onChanged} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function DetailsForm({ detail, close, notify, onChanged }: {
  detail: DocumentDetail;
  close: () => void;
  notify: Notify;
  onChanged: (detail: DocumentDetail) => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ title: detail.title, symbol: detail.symbol, date: detail.date, place: detail.place });
  const [language, setLanguage] = useState<DocumentLanguage>(detail.language);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const field = (name: keyof typeof values) => ({
    name, value: values[name], onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
  });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    const outcome = await describeDocument(detail.id, { ...values, ...(language !== detail.language ? { language } : {}) });
    setPending(false);
    if (!outcome.ok) {
      setProblem(failureText(t, outcome));
      return;
    }
    onChanged(outcome.value);
    notify(t("details.saved"));
    close();
  };
  return (
    <>
      <Heading slot="title" className="dialog__title">{t("details.title")}</Heading>
      <Form onSubmit={(e) => void submit(e)} className="form">
        <TextField className="field" isRequired {...field("title")}>
          <Label>{t("details.fields.title")}</Label>
          <Input className="input" />
          <FieldError className="field-error" />
        </TextField>
        <TextField className="field" {...field("symbol")}>
          <Label>{t("details.fields.symbol")}</Label>
          <Input className="input" placeholder="WSIS+20/MPP/3/Rev.2" />
          <Text slot="description" className="field-description">{t("details.hints.symbol")}</Text>
        </TextField>
        <TextField className="field" {...field("date")}>
          <Label>{t("details.fields.date")}</Label>
          <Input className="input" type="date" />
        </TextField>
        <TextField className="field" {...field("place")}>
          <Label>{t("details.fields.place")}</Label>
          <Input className="input" />
        </TextField>
        <SelectField label={t("details.fields.language")} value={language} isDisabled={!detail.draft}
          options={DocumentLanguage.options.map((l) => ({ id: l, label: t(`import.languages.${l}`) }))}
          onChange={(key) => key && setLanguage(key as DocumentLanguage)}
          description={t(detail.draft ? "details.hints.languageDraft" : "details.hints.languageFixed")} />
        {problem && <p className="field-error" role="alert">{problem}</p>}
        <div className="dialog__buttons">
          <Button className="button" onPress={close}>{t("details.cancel")}</Button>
          <Button className="button button--primary" type="submit" isDisabled={pending}>{t("details.save")}</Button>
        </div>
      </Form>
    </>
  );
}

/**
 * The draft state of a document in its bar: a badge for everyone who sees
 * the draft, and for the secretariat "Publish…", which asks before it makes
 * the document readable by every participant.
 */
export function DraftControls({ detail, mayPublish, onChanged, notify }: {
  detail: DocumentDetail;
  mayPublish: boolean;
  onChanged: (detail: DocumentDetail) => void;
  notify: Notify;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  if (!detail.draft) return null;
  const publish = async (close: () => void) => {
    const outcome = await publishDocument(detail.id);
    if (!outcome.ok) {
      setProblem(failureText(t, outcome));
      return;
    }
    onChanged(outcome.value);
    notify(t("details.published"));
    close();
  };
  return (
    <>
      <span className="draft-badge" title={t("details.draftHint")}>{t("details.draft")}</span>
      {mayPublish && (
        <DialogTrigger>
          <Button className="button">{t("details.publish")}</Button>
          <ModalOverlay className="modal-overlay" isDismissable>
            <Modal className="modal">
              <Dialog className="dialog" role="alertdialog">
                {({ close }) => (
                  <>
                    <Heading slot="title" className="dialog__title">{t("details.publishTitle")}</Heading>
                    <p>{t("details.publishText")}</p>
                    {problem && <p className="field-error" role="alert">{problem}</p>}
                    <div className="dialog__buttons">
                      <Button className="button" onPress={close}>{t("details.cancel")}</Button>
                      <Button className="button button--primary" onPress={() => void publish(close)}>{t("details.publishConfirm")}</Button>
                    </div>
                  </>
                )}
              </Dialog>
            </Modal>
          </ModalOverlay>
        </DialogTrigger>
      )}
    </>
  );
}
