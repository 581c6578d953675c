import type { JSONContent } from "@tiptap/core";
import { useId, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  Button, Dialog, FieldError, Form, Heading, Input, Label, Modal, ModalOverlay, Radio, RadioGroup, Text, TextArea, TextField,
} from "react-aria-components";
import type { DocumentLanguage } from "../../schemas/domain.js";
import { ProposalKind, type ProposalView } from "../../schemas/proposals.js";
import { modRuns } from "../../shared/proposals/modChange.js";
import type { ApiResult } from "../api/http.js";
import { createProposal, editProposal } from "../api/proposals.js";
import { refusalText } from "./proposalActions.js";
import { inlineOfText, ProposalWorkspace } from "./ProposalWorkspace.js";
import { ModRunsText } from "./ProposalText.js";
import "../export/export.css";

/** The paragraph a new proposal is about, as the live text has it now. */
export interface ProposalTarget {
  pid: string;
  /** How people refer to it ("OP3"), or "" when it has no label. */
  reference: string;
  /** A MOD, SUP or NOC is made on a paragraph only; an ADD may follow any block. */
  isParagraph: boolean;
  /** Its words as the server reads them (a hard break is "\n"). */
  text: string;
  /** Its inline content, marks and all, for the workspace. */
  inline: JSONContent[];
}

/** What the dialog works on: a new proposal on a paragraph, or one of the delegation's drafts. */
export type ProposalDialogSubject = { mode: "new"; target: ProposalTarget } | { mode: "edit"; draft: ProposalView; reference: string };

/** Props of {@link ProposalDialog}. */
export interface ProposalDialogProps {
  documentId: string;
  language: DocumentLanguage;
  subject: ProposalDialogSubject;
  onClose: () => void;
  onSaved: (proposal: ProposalView) => void;
  notify: (message: string, kind?: "polite" | "alert") => void;
}

const MAX_REASONS = 5_000;

/**
 * "Propose a change…": the kind (MOD, ADD, SUP, NOC), the reasons and, for a
 * MOD or ADD, the proposal workspace with the paragraph as proposed and a live
 * preview of the change as struck and underlined words. Saved as a draft of
 * the delegation; an open draft is edited the same way.
 */
export function ProposalDialog({ documentId, language, subject, onClose, onSaved, notify }: ProposalDialogProps) {
  const { t } = useTranslation("proposals");
  const editing = subject.mode === "edit" ? subject.draft : null;
  const target = subject.mode === "new" ? subject.target : null;
  const reference = (subject.mode === "new" ? subject.target.reference : subject.reference) || t("card.thisParagraph");
  const kinds = target && !target.isParagraph ? (["ADD"] as const) : ProposalKind.options;
  const [kind, setKind] = useState<ProposalKind>(editing?.kind ?? kinds[0]);
  const base = editing ? editing.base : kind === "ADD" ? "" : target!.text;
  const [modText, setModText] = useState(editing?.kind === "MOD" ? editing.text ?? "" : target?.text ?? "");
  const [addText, setAddText] = useState(editing?.kind === "ADD" ? editing.text ?? "" : "");
  const [reasons, setReasons] = useState(editing?.reasons ?? "");
  const [label, setLabel] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hintId = useId();
  const previewId = useId();

  const text = kind === "MOD" ? modText : kind === "ADD" ? addText : null;
  const runs = useMemo(() => (kind === "MOD" ? modRuns(base, modText, language) : null), [kind, base, modText, language]);
  const unchanged = kind === "MOD" && modText.trim() === base.trim();
  const empty = text !== null && text.trim() === "";
  const initialMod = useMemo(() => (editing ? inlineOfText(editing.text ?? "") : target!.inline), [editing, target]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (unchanged || empty || pending) return;
    setPending(true);
    const result: ApiResult<ProposalView> = editing
      ? await editProposal(documentId, editing.id, { ...(text !== null ? { text } : {}), reasons })
      : await createProposal(documentId, { kind, pid: target!.pid, reasons, ...(text !== null ? { text } : {}), ...(label.trim() ? { id: label.trim() } : {}) });
    setPending(false);
    if (!result.ok) {
      setProblem(refusalText(t, result));
      return;
    }
    onSaved(result.value);
    notify(t("dialog.saved", { id: result.value.id }));
    onClose();
  };

  return (
    <ModalOverlay className="modal-overlay" isDismissable={false} isOpen onOpenChange={(open) => !open && onClose()}>
      <Modal className="modal proposal-modal">
        <Dialog className="dialog">
          <Heading slot="title" className="dialog__title">
            {editing ? t("dialog.editTitle", { id: editing.id }) : t("dialog.title", { reference })}
          </Heading>
          <Form className="form proposal-form" onSubmit={(e) => void save(e)}>
            {!editing && (
              <RadioGroup className="radio-group" value={kind} onChange={(v) => setKind(v as ProposalKind)}>
                <Label className="radio-group__label">{t("dialog.kind")}</Label>
                {kinds.map((k) => (
                  <Radio key={k} value={k} className="radio">
                    <span aria-hidden="true" className="radio__dot" />
                    <span>
                      <span className="radio__name">{`${k}: ${t(`kindName.${k}`)}`}</span>
                      <span className="radio__hint">{t(`kindHint.${k}`, { reference })}</span>
                    </span>
                  </Radio>
                ))}
              </RadioGroup>
            )}
            {(kind === "MOD" || kind === "ADD") && (
              <div className="proposal-form__workspace">
                <p id={hintId} className="field-description">{t(kind === "MOD" ? "workspace.modHint" : "workspace.addHint")}</p>
                {kind === "MOD" ? (
                  <ProposalWorkspace key="MOD" language={language} initial={initialMod} label={t("workspace.modLabel", { reference })} describedBy={hintId} onChange={setModText} />
                ) : (
                  <ProposalWorkspace key="ADD" language={language} initial={editing ? inlineOfText(addText) : []} label={t("workspace.addLabel", { reference })}
                    describedBy={hintId} onChange={setAddText} />
                )}
                <section className="proposal-form__preview" aria-labelledby={previewId}>
                  <h3 id={previewId} className="proposal-form__preview-title">{t("workspace.preview")}</h3>
                  <p className="proposal-text" aria-live="polite">
                    {kind === "MOD" && runs && (unchanged ? <span className="muted">{t("workspace.unchanged")}</span> : <ModRunsText runs={runs} />)}
                    {kind === "ADD" && (empty ? <span className="muted">{t("workspace.empty")}</span> : <ins>{addText}</ins>)}
                  </p>
                </section>
              </div>
            )}
            {(kind === "SUP" || kind === "NOC") && (
              <p className="proposal-form__base"><span className="muted">{t(`workspace.${kind}`)}</span> {kind === "SUP" ? <del>{base}</del> : base}</p>
            )}
            <TextField className="field" value={reasons} onChange={setReasons} maxLength={MAX_REASONS}>
              <Label>{t("dialog.reasons")}</Label>
              <TextArea className="input input--area" rows={3} dir="auto" />
              <Text slot="description" className="field-description">{t("dialog.reasonsHint")}</Text>
            </TextField>
            {!editing && (
              <TextField className="field" value={label} onChange={setLabel}>
                <Label>{t("dialog.id")}</Label>
                <Input className="input" placeholder="EUR/12A3/1" />
                <Text slot="description" className="field-description">{t("dialog.idHint")}</Text>
                <FieldError className="field-error" />
              </TextField>
            )}
            <p className="proposal-card__draft">{t("card.draftNote")}</p>
            {problem && <p className="field-error" role="alert">{problem}</p>}
            <div className="dialog__buttons">
              <Button className="button" onPress={onClose}>{t("dialog.cancel")}</Button>
              <Button type="submit" className="button button--primary" isDisabled={unchanged || empty} isPending={pending}>
                {t("dialog.save")}
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
