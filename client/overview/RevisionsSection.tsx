import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, Heading, Input, Label, Link, Modal, ModalOverlay, TextArea, TextField } from "react-aria-components";
import { issueRevision, listRevisions } from "../api/revisions.js";
import { errorWords } from "../api/errorWords.js";
import { NETWORK_FAILURE } from "../api/http.js";
import { useApi } from "../api/useApi.js";

/**
 * The revisions issued for the document and, for facilitators, "Issue
 * revision" behind a confirmation that says what issuing does to the text.
 */
export function RevisionsSection({ documentId, mayIssue, notify }: {
  documentId: string;
  mayIssue: boolean;
  notify: (message: string, kind?: "polite" | "alert") => void;
}) {
  const { t, i18n } = useTranslation();
  const [revisions, reload] = useApi(`revisions:${documentId}`, (signal) => listRevisions(documentId, signal));
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  const issue = async () => {
    setPending(true);
    const result = await issueRevision(documentId, {
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setPending(false);
    setConfirming(false);
    if (result.ok) {
      setName("");
      setNote("");
      notify(t("revisions.done", { name: result.value.name }));
      reload();
    } else {
      notify(result.status === NETWORK_FAILURE ? t("errors.network")
        : errorWords(t, result.error) || t("errors.unexpected", { status: result.status }), "alert");
    }
  };

  return (
    <section className="overview__section" aria-labelledby="overview-revisions">
      <h3 id="overview-revisions" className="overview__heading">{t("revisions.title")}</h3>
      {revisions.state === "failed" && <p className="muted">{t("revisions.loadFailed")}</p>}
      {revisions.state === "loaded" && (revisions.value.length === 0
        ? <p className="muted">{t("revisions.none")}</p>
        : (
          <ol className="revision-list">
            {[...revisions.value].reverse().map((r) => (
              <li key={r.id}>
                <Link className="revision-list__name" href={`/documents/${encodeURIComponent(documentId)}/revisions/${r.number}`}>{r.name}</Link>
                <span className="muted"> · {r.issuedBy
                  ? t("revisions.issuedBy", { who: r.issuedBy, when: format.format(new Date(r.issuedAt)) })
                  : t("revisions.issued", { when: format.format(new Date(r.issuedAt)) })}</span>
                {" · "}
                <Link href={`/documents/${encodeURIComponent(documentId)}/compare?from=${r.number}&to=live`}>{t("compare.open")}</Link>
                {r.note && <p className="revision-list__note">{r.note}</p>}
              </li>
            ))}
          </ol>
        ))}
      {mayIssue && <Button className="button" onPress={() => setConfirming(true)}>{t("revisions.issue")}</Button>}
      <ModalOverlay className="modal-overlay" isOpen={confirming} onOpenChange={setConfirming} isDismissable={!pending}>
        <Modal className="modal">
          <Dialog className="dialog" role="alertdialog">
            <Heading slot="title" className="dialog__title">{t("revisions.confirmTitle")}</Heading>
            <p className="dialog__intro">{t("revisions.confirmText")}</p>
            <TextField className="field" value={name} onChange={setName} maxLength={100}>
              <Label>{t("revisions.name")}</Label>
              <Input className="input" placeholder={t("revisions.namePlaceholder")} />
            </TextField>
            <TextField className="field" value={note} onChange={setNote} maxLength={500}>
              <Label>{t("revisions.note")}</Label>
              <TextArea className="input" rows={2} dir="auto" placeholder={t("revisions.notePlaceholder")} />
            </TextField>
            <div className="dialog__buttons">
              <Button className="button" onPress={() => setConfirming(false)} isDisabled={pending}>{t("revisions.cancel")}</Button>
              <Button className="button button--primary" onPress={issue} isPending={pending}>
                {pending ? t("revisions.issuing") : t("revisions.confirm")}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}
