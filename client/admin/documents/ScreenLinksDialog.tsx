import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, Cell, Column, Form, Row, Table, TableBody, TableHeader } from "react-aria-components";
import type { DocumentSummary } from "../../../schemas/api.js";
import type { CreatedScreenLink, ScreenLinkView } from "../../../schemas/screenLinks.js";
import { createScreenLink, listScreenLinks, revokeScreenLink } from "../adminApi.js";
import { AdminDialog } from "../ui/AdminDialog.js";
import { ConfirmDialog } from "../ui/ConfirmDialog.js";
import { TextInputField } from "../ui/fields.js";
import { FailureAlert, fieldErrors, LoadState } from "../ui/RequestState.js";
import { useAdminData } from "../ui/useAdminData.js";
import { useMutation } from "../ui/useMutation.js";
import { ScreenLinkUrl } from "./ScreenLinkUrl.js";
import "./screenLinks.css";

/** Props of {@link ScreenLinksDialog}. */
export interface ScreenLinksDialogProps {
  document: DocumentSummary;
  onClose(): void;
}

/**
 * The read-only screen links of one document, for the projector in the
 * hall: the list (revoked ones too), a new link whose address is shown once,
 * and revoking one after a confirmation.
 */
export function ScreenLinksDialog({ document, onClose }: ScreenLinksDialogProps) {
  const { t, i18n } = useTranslation("admin");
  const links = useAdminData(`screen-links:${document.id}`, (signal) => listScreenLinks(document.id, signal));
  const create = useMutation(createScreenLink);
  const revoke = useMutation(revokeScreenLink);
  const [created, setCreated] = useState<CreatedScreenLink | null>(null);
  const [revoking, setRevoking] = useState<ScreenLinkView | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const made = await create.run(document.id, { label: String(new FormData(form).get("label") ?? "") });
    if (!made) return;
    form.reset();
    setCreated(made);
    setAnnouncement(t("screens.created", { label: made.link.label }));
    links.reload();
  };

  const confirmRevoke = async () => {
    if (!revoking) return;
    if (!(await revoke.run(document.id, revoking.id))) return;
    setAnnouncement(t("screens.revoked", { label: revoking.label }));
    setRevoking(null);
    links.reload();
  };

  return (
    // While a new address is shown, a stray click outside must not lose it.
    <AdminDialog title={t("screens.title", { title: document.title })} isOpen isDismissable={created === null}
      onOpenChange={(open) => open || onClose()}>
      {(close) => (
        <div className="screen-links">
          <p className="notice">{t("screens.intro")}</p>
          {document.draft && <p className="muted">{t("screens.draft")}</p>}
          {created ? (
            <ScreenLinkUrl created={created} onDone={() => setCreated(null)} />
          ) : (
            <Form className="screen-links__form" onSubmit={(e) => void submit(e)} validationErrors={fieldErrors(create.failure)}>
              <TextInputField name="label" label={t("screens.label")} description={t("screens.labelHint")} isRequired autoComplete="off"
                validate={(value) => !value.trim() ? t("form.required") : value.trim().length > 100 ? t("screens.tooLong") : null} />
              <Button type="submit" className="button button--primary" isPending={create.pending}>{t("screens.create")}</Button>
              {create.failure && <FailureAlert failure={create.failure} shownBesideField={(path) => path === "label"} />}
            </Form>
          )}
          <p role="status" className="section-status">{announcement}</p>
          {!links.data && <LoadState state={links.state} onRetry={links.reload} />}
          {links.data && (
            <Table aria-label={t("screens.listLabel")} className="table">
              <TableHeader>
                <Column isRowHeader>{t("screens.name")}</Column>
                <Column>{t("screens.createdColumn")}</Column>
                <Column>{t("screens.state")}</Column>
                <Column><span className="visually-hidden">{t("people.actions")}</span></Column>
              </TableHeader>
              <TableBody items={links.data} renderEmptyState={() => <p className="table__empty">{t("screens.empty")}</p>}>
                {(link) => (
                  <Row id={link.id} className={link.revokedAt ? "table__row--disabled" : undefined}>
                    <Cell>{link.label}</Cell>
                    <Cell>{t("screens.createdBy", { when: when.format(new Date(link.createdAt)), name: link.createdBy })}</Cell>
                    <Cell>
                      {link.revokedAt
                        ? <span className="badge badge--disabled">{t("screens.revokedOn", { when: when.format(new Date(link.revokedAt)) })}</span>
                        : <span className="badge badge--active">{t("screens.active")}</span>}
                    </Cell>
                    <Cell className="table__actions">
                      {!link.revokedAt && (
                        <Button className="button button--small" aria-label={t("screens.revokeFor", { label: link.label })}
                          onPress={() => { revoke.reset(); setRevoking(link); }}>
                          {t("screens.revoke")}
                        </Button>
                      )}
                    </Cell>
                  </Row>
                )}
              </TableBody>
            </Table>
          )}
          <div className="dialog__actions">
            <Button className="button" onPress={close}>{t("form.done")}</Button>
          </div>
          <ConfirmDialog title={t("screens.revokeTitle", { label: revoking?.label ?? "" })} isOpen={revoking !== null}
            onOpenChange={(open) => open || setRevoking(null)} confirmLabel={t("screens.revokeSubmit")} danger
            onConfirm={() => void confirmRevoke()} pending={revoke.pending} failure={revoke.failure}>
            <p>{t("screens.revokeDetail")}</p>
          </ConfirmDialog>
        </div>
      )}
    </AdminDialog>
  );
}
