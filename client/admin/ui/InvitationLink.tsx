import { useTranslation } from "react-i18next";
import type { InvitationResponse } from "../../../schemas/api.js";
import { CopyableLink } from "./CopyableLink.js";

/**
 * A one-time link to set a password, with a Copy button. Accord sends no
 * e-mail: the secretariat passes the link on, so the page says so.
 */
export function InvitationLink({ invitation, intro }: { invitation: InvitationResponse; intro: string }) {
  const { t, i18n } = useTranslation("admin");
  const expires = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" })
    .format(new Date(invitation.expiresAt));

  return (
    <div className="invitation-link">
      <p>{intro}</p>
      <CopyableLink url={invitation.inviteUrl} label={t("link.label", { name: invitation.user.displayName })}
        description={t("link.expires", { when: expires })} />
      <p className="muted">{t("link.oneTime")}</p>
    </div>
  );
}
