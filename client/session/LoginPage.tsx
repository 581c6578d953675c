import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { errorWords } from "../api/errorWords.js";
import { Button, FieldError, Form, Input, Label, TextField, type ValidationResult } from "react-aria-components";
import { Navigate, useLocation, useNavigate } from "react-router";
import { login } from "../api/auth.js";
import { LanguageSwitcher } from "../ui/LanguageSwitcher.js";
import { NETWORK_FAILURE, type ApiFailure } from "../api/http.js";
import { useSessionContext } from "./SessionContext.js";
import type { ReturnTo } from "./RequireSession.js";

/** `/login`: the sign-in form; on success returns to the page the user came from. */
export function LoginPage() {
  const { t } = useTranslation();
  const session = useSessionContext();
  const navigate = useNavigate();
  const returnTo = (useLocation().state ?? {}) as ReturnTo;
  const destination = returnTo.from && returnTo.from !== "/login" ? returnTo.from : "/";
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [pending, setPending] = useState(false);

  if (session.state.status === "signed-in" && !pending) return <Navigate to={destination} replace />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setFailure(null);
    const result = await login({ email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") });
    setPending(false);
    if (!result.ok) {
      setFailure(result);
      return;
    }
    session.signedIn(result.value);
    navigate(destination, { replace: true });
  };

  const emailError = (v: ValidationResult) =>
    v.validationDetails.valueMissing ? t("login.emailRequired") : t("login.emailInvalid");

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <div className="login-card__language"><LanguageSwitcher /></div>
        <p className="brand brand--large">
          {t("app.name")}
          <span className="brand__tagline">{t("app.tagline")}</span>
        </p>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        {returnTo.expired && !failure && <p className="notice" role="status">{t("session.expired")}</p>}
        {failure && <LoginError failure={failure} />}
        <Form className="form" onSubmit={onSubmit}>
          <TextField name="email" type="email" autoComplete="username" isRequired className="field">
            <Label>{t("login.email")}</Label>
            <Input className="input" />
            <FieldError className="field-error">{emailError}</FieldError>
          </TextField>
          <TextField name="password" type="password" autoComplete="current-password" isRequired className="field">
            <Label>{t("login.password")}</Label>
            <Input className="input" />
            <FieldError className="field-error">{t("login.passwordRequired")}</FieldError>
          </TextField>
          <Button type="submit" className="button button--primary" isPending={pending}>
            {pending ? t("login.submitting") : t("login.submit")}
          </Button>
        </Form>
      </div>
    </main>
  );
}

/** The server's explanation of a failed sign-in, announced to assistive technology. */
function LoginError({ failure }: { failure: ApiFailure }) {
  const { t } = useTranslation();
  const message =
    failure.status === NETWORK_FAILURE
      ? t("errors.network")
      : errorWords(t, failure.error) || failure.error.message || t("errors.unexpected", { status: failure.status });
  return (
    <div className="alert" role="alert">
      <p>{message}</p>
      {failure.error.issues && failure.error.issues.length > 0 && (
        <ul>
          {failure.error.issues.map((issue) => (
            <li key={issue.path}>{`${issue.path}: ${issue.message}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
