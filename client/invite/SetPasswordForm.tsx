import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, FieldError, Form, Input, Label, Text, TextField } from "react-aria-components";
import { useNavigate } from "react-router";
import type { ApiFailure } from "../api/http.js";
import { FailureAlert, fieldErrors } from "../admin/ui/RequestState.js";
import { useSessionContext } from "../session/SessionContext.js";
import { acceptInvitation } from "./invitationApi.js";

/** The server's rule (schemas/api.ts AcceptInvitationBody), checked here first so the answer is immediate. */
const MIN_PASSWORD_LENGTH = 10;

/** Password and confirmation; on success the user is signed in and lands on the document list. */
export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation("admin");
  const session = useSessionContext();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setFailure(null);
    const result = await acceptInvitation(token, password);
    setPending(false);
    if (!result.ok) {
      setFailure(result);
      return;
    }
    session.signedIn(result.value);
    navigate("/", { replace: true });
  };

  return (
    <Form className="form" onSubmit={onSubmit} validationErrors={fieldErrors(failure)}>
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField name="password" type="password" autoComplete="new-password" isRequired className="field" autoFocus
        value={password} onChange={setPassword}
        validate={(v) => (v.length > 0 && v.length < MIN_PASSWORD_LENGTH ? t("invite.tooShort") : null)}>
        <Label>{t("invite.password")}</Label>
        <Input className="input" />
        <Text slot="description" className="field-description">{t("invite.passwordRule")}</Text>
        <FieldError className="field-error">{(v) => (v.validationDetails.valueMissing ? t("form.required") : v.validationErrors.join(" "))}</FieldError>
      </TextField>
      <TextField name="confirm" type="password" autoComplete="new-password" isRequired className="field"
        validate={(v) => (v.length > 0 && v !== password ? t("invite.mismatch") : null)}>
        <Label>{t("invite.confirm")}</Label>
        <Input className="input" />
        <FieldError className="field-error">{(v) => (v.validationDetails.valueMissing ? t("form.required") : v.validationErrors.join(" "))}</FieldError>
      </TextField>
      {failure && <FailureAlert failure={failure} shownBesideField={(path) => path === "password"} />}
      <Button type="submit" className="button button--primary" isPending={pending}>
        {pending ? t("invite.submitting") : t("invite.submit")}
      </Button>
    </Form>
  );
}
