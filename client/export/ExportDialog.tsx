import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  Button, Checkbox, Dialog, DialogTrigger, Form, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup,
} from "react-aria-components";
import { exportFormats, fetchExport, saveFile, type ExportRequest, type OpenParagraphs } from "../api/exports.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { listRevisions } from "../api/revisions.js";
import { useApi } from "../api/useApi.js";
import { SelectField } from "../admin/ui/fields.js";
import "./export.css";

const VARIANTS = ["agreed", "negotiation", "comments"] as const;
const FORMATS = ["docx", "pdf", "html", "md"] as const;

/**
 * "Export…" in the document bar: what to export (the agreed text, the
 * negotiation text, the comments by paragraph), in which format, of the text
 * now or of an issued revision. When paragraphs are still open the agreed
 * text is not exported silently: the dialog names them and offers to stop,
 * or to export them marked "[not yet agreed]".
 */
export function ExportDialog({ documentId, notify }: {
  documentId: string;
  notify: (message: string, kind?: "polite" | "alert") => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="button doc-bar__export">{t("export.open")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => <ExportForm documentId={documentId} notify={notify} close={close} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ExportForm({ documentId, notify, close }: {
  documentId: string;
  notify: (message: string, kind?: "polite" | "alert") => void;
  close: () => void;
}) {
  const { t } = useTranslation();
  const [variant, setVariant] = useState<ExportRequest["variant"]>("agreed");
  const [format, setFormat] = useState<ExportRequest["format"]>("docx");
  const [revision, setRevision] = useState<string>("now");
  const [compilation, setCompilation] = useState(false);
  const [open, setOpen] = useState<OpenParagraphs | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [revisions] = useApi(`revisions:${documentId}`, (signal) => listRevisions(documentId, signal));
  const [formats] = useApi(`export-formats:${documentId}`, (signal) => exportFormats(documentId, signal));
  const pdfUnavailable = formats.state === "loaded" ? formats.value.pdfUnavailable : null;

  const run = async (markOpen: boolean) => {
    setPending(true);
    setProblem(null);
    const outcome = await fetchExport(documentId, {
      variant, format, compilation: variant === "negotiation" && compilation,
      ...(revision !== "now" && variant !== "comments" ? { revision: Number(revision) } : {}),
      ...(variant === "agreed" ? { open: markOpen ? "mark" : "stop" } : {}),
    });
    setPending(false);
    if (outcome.ok) {
      saveFile(outcome.file, outcome.name);
      notify(t("export.done", { name: outcome.name }));
      close();
    } else if ("open" in outcome) {
      setOpen(outcome.open);
    } else {
      setProblem(outcome.status === NETWORK_FAILURE ? t("errors.network") : errorWords(t, outcome.error) || t("errors.unexpected", { status: outcome.status }));
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(false);
  };

  const revisionOptions = [
    { id: "now", label: t("export.revisionNow") },
    ...(revisions.state === "loaded" ? revisions.value.map((r) => ({ id: String(r.number), label: r.name })) : []),
  ];
  return (
    <>
      <Heading slot="title" className="dialog__title">{t("export.title")}</Heading>
      <Form onSubmit={submit} className="form export-form">
        <RadioGroup className="radio-group" value={variant} onChange={(v) => {
          setVariant(v as ExportRequest["variant"]);
          setOpen(null);
        }}>
          <Label className="radio-group__label">{t("export.what")}</Label>
          {VARIANTS.map((v) => (
            <Radio key={v} value={v} className="radio">
              <span aria-hidden="true" className="radio__dot" />
              <span>
                <span className="radio__name">{t(`export.variants.${v}`)}</span>
                <span className="radio__hint">{t(`export.hints.${v}`)}</span>
              </span>
            </Radio>
          ))}
        </RadioGroup>
        <RadioGroup className="radio-group radio-group--row" value={format} onChange={(v) => setFormat(v as ExportRequest["format"])}>
          <Label className="radio-group__label">{t("export.format")}</Label>
          {FORMATS.map((f) => (
            <Radio key={f} value={f} className="radio" isDisabled={f === "pdf" && pdfUnavailable !== null}>
              <span aria-hidden="true" className="radio__dot" />
              <span className="radio__name">{t(`export.formats.${f}`)}</span>
            </Radio>
          ))}
          {pdfUnavailable && <p className="radio__hint export-form__pdf-note">{t("export.pdfUnavailable", { why: pdfUnavailable })}</p>}
        </RadioGroup>
        {variant !== "comments" && (
          <SelectField label={t("export.revision")} options={revisionOptions} value={revision}
            onChange={(key) => {
              setRevision(key ?? "now");
              setOpen(null);
            }} />
        )}
        {variant === "negotiation" && (
          <Checkbox className="checkbox" isSelected={compilation} onChange={setCompilation}>
            <span aria-hidden="true" className="checkbox__box" />
            {t("export.compilation")}
          </Checkbox>
        )}
        {open && (
          <div className="alert export-form__open" role="alert">
            <p>{t("export.openParagraphs", { count: open.paragraphs.length })}</p>
            <p className="export-form__references">{open.paragraphs.map((p) => p.reference).join(", ")}</p>
            <div className="dialog__buttons">
              <Button className="button" onPress={() => setOpen(null)}>{t("export.stop")}</Button>
              <Button className="button button--primary" isDisabled={pending} onPress={() => void run(true)}>{t("export.markOpen")}</Button>
            </div>
          </div>
        )}
        {problem && <p className="field-error" role="alert">{problem}</p>}
        {!open && (
          <div className="dialog__buttons">
            <Button className="button" onPress={close}>{t("export.cancel")}</Button>
            <Button className="button button--primary" type="submit" isDisabled={pending}>{t("export.submit")}</Button>
          </div>
        )}
      </Form>
    </>
  );
}
