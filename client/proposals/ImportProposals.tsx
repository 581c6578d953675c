import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, DialogTrigger, FileTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import type { ProposalView } from "../../schemas/proposals.js";
import { importProposals, type ImportNote } from "../api/proposals.js";
import { refusalText } from "./proposalActions.js";

/** What the last import said. */
type Outcome = { made: number; notes: ImportNote[]; problem: string | null };

/**
 * "Import proposals…": a .txt or Word file of proposals (MOD, ADD, SUP,
 * NOC with ids and reasons, as delegations send them) read by the server
 * into drafts of the delegation; what it could not read is said line by line.
 */
export function ImportProposals({ documentId, onImported, notify }: {
  documentId: string;
  onImported: (proposals: ProposalView[]) => void;
  notify: (message: string, kind?: "polite" | "alert") => void;
}) {
  const { t } = useTranslation("proposals");
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async () => {
    if (!file) return;
    setPending(true);
    const result = await importProposals(documentId, file);
    setPending(false);
    if (result.ok) {
      onImported(result.proposals);
      notify(t("import.done", { count: result.proposals.length }));
      setOutcome({ made: result.proposals.length, notes: result.notes, problem: null });
    } else {
      setOutcome({ made: 0, notes: result.notes, problem: refusalText(t, result) });
    }
  };

  return (
    <DialogTrigger onOpenChange={(open) => {
      if (!open) return;
      setFile(null);
      setOutcome(null);
    }}>
      <Button className="button proposal-button">{t("import.open")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog__title">{t("import.title")}</Heading>
                <p className="dialog__intro">{t("import.intro")}</p>
                <div className="proposal-import__pick">
                  <FileTrigger acceptedFileTypes={[".txt", ".docx", "text/plain", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]}
                    onSelect={(files) => {
                      setFile(files?.[0] ?? null);
                      setOutcome(null);
                    }}>
                    <Button className="button">{t("import.choose")}</Button>
                  </FileTrigger>
                  <span className="proposal-import__file" aria-live="polite">{file ? file.name : t("import.noFile")}</span>
                </div>
                {outcome && (
                  <div role={outcome.problem ? "alert" : "status"} className={outcome.problem ? "alert" : "proposal-import__result"}>
                    <p>{outcome.problem ?? t("import.made", { count: outcome.made })}</p>
                    {outcome.notes.length > 0 && (
                      <ul className="proposal-import__notes" aria-label={t("import.notes")}>
                        {outcome.notes.map((note, i) => <li key={i}>{t("import.note", { line: note.line, message: note.message })}</li>)}
                      </ul>
                    )}
                  </div>
                )}
                <div className="dialog__buttons">
                  <Button className="button" onPress={close}>{t(outcome && !outcome.problem ? "import.close" : "dialog.cancel")}</Button>
                  <Button className="button button--primary" isDisabled={!file} isPending={pending} onPress={() => void send()}>
                    {t("import.send")}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
