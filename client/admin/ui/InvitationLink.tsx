import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Input, Label, Text, TextField } from "react-aria-components";
import type { InvitationResponse } from "../../../schemas/api.js";
import { copyText } from "./copyText.js";

/**
 * A one-time link to set a password, with a Copy button. Accord sends no
 * e-mail: the secretariat passes the link on, so the page says so.
 */
export function InvitationLink({ invitation, intro }: { invitation: InvitationResponse; intro: string }) {
  const { t, i18n } = useTranslation("admin");
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const expires = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" })
    .format(new Date(invitation.expiresAt));

  const copy = async () => setCopied((await copyText(invitation.inviteUrl, input.current)) ? "yes" : "no");

  return (
    <div className="invitation-link">
      <p>{intro}</p>
      <div className="invitation-link__row">
        <TextField className="field invitation-link__field" value={invitation.inviteUrl} isReadOnly>
          <Label>{t("link.label", { name: invitation.user.displayName })}</Label>
          <Input ref={input} className="input invitation-link__input" onFocus={(e) => e.currentTarget.select()} />
          <Text slot="description" className="field-description">{t("link.expires", { when: expires })}</Text>
        </TextField>
        <Button className="button button--primary" onPress={copy} autoFocus>{t("link.copy")}</Button>
      </div>
      <p role="status" className="invitation-link__status">
        {copied === "yes" && t("link.copied")}
        {copied === "no" && t("link.copyFailed")}
      </p>
      <p className="muted">{t("link.oneTime")}</p>
    </div>
  );
}
