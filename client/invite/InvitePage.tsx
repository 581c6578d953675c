import { useTranslation } from "react-i18next";
import { Button, Link } from "react-aria-components";
import { useParams } from "react-router";
import { useApi } from "../api/useApi.js";
import { failureMessage } from "../admin/ui/RequestState.js";
import { useAccountLanguage } from "../i18n/AccountLanguage.js";
import { LanguageSwitcher } from "../ui/LanguageSwitcher.js";
import { fetchInvitation } from "./invitationApi.js";
import { SetPasswordForm } from "./SetPasswordForm.js";
import "./invite.css";

/** `/invite/:token`: greets the invited person and lets them choose a password; says clearly when the link is spent. */
export function InvitePage() {
  const { t } = useTranslation("admin");
  const token = useParams().token ?? "";
  const [invitation, retry] = useApi(`invitation:${token}`, (signal) => fetchInvitation(token, signal));
  // The language the secretariat chose for the account is the account's choice: it greets the person in it.
  useAccountLanguage(invitation.state === "loaded" ? invitation.value.locale : null);

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <div className="login-card__language"><LanguageSwitcher /></div>
        <p className="brand brand--large">
          {t("app.name", { ns: "translation" })}
          <span className="brand__tagline">{t("app.tagline", { ns: "translation" })}</span>
        </p>
        {invitation.state === "loading" && <p role="status">{t("invite.checking")}</p>}
        {invitation.state === "failed" && (
          <>
            <h1>{t("invite.invalidTitle")}</h1>
            <div className="alert" role="alert">
              <p>{failureMessage(t, invitation.failure)}</p>
              {invitation.failure.status < 400 || invitation.failure.status >= 500 ? (
                <Button className="button" onPress={retry}>{t("errors.retry", { ns: "translation" })}</Button>
              ) : (
                <p>{t("invite.askAgain")}</p>
              )}
            </div>
            <p><Link href="/login">{t("invite.toLogin")}</Link></p>
          </>
        )}
        {invitation.state === "loaded" && (
          <>
            <h1>{t("invite.welcome", { name: invitation.value.displayName })}</h1>
            <p className="muted invite-account">{t("invite.account", { email: invitation.value.email })}</p>
            <p>{t("invite.intro")}</p>
            <SetPasswordForm token={token} email={invitation.value.email} />
          </>
        )}
      </div>
    </main>
  );
}
